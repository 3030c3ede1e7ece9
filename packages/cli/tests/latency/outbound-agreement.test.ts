import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import parser from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';
import plugin from 'eslint-plugin-npvguard';
import { Node, Project, SyntaxKind, type CallExpression, type SourceFile } from 'ts-morph';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeLatency } from '../../src/checks/latency/index.js';
import { REPO, sourceFiles } from './referenceCopy.js';

/**
 * The editor and CI must agree on what an outbound call is and which of them have no timeout. Every call
 * marked in the corpus (fixtures/outbound-corpus, see its README) is judged by `require-timeout` and
 * `require-timeout-type-checked` through ESLint, and by the latency analysis.
 *
 * A tool's verdict on a marked call: `no-timeout` when it reports the call as it stands; otherwise
 * `timeout` when it reports the call once its arguments and its `.setTimeout()` follow-ups are stripped
 * (so it took the call for outbound); otherwise `not-outbound`.
 */
const CORPUS = fileURLToPath(new URL('fixtures/outbound-corpus', import.meta.url));
const LATENCY_CONFIG = { budgets: {}, ports: 'src/ports.ts' };

type Verdict = 'no-timeout' | 'timeout' | 'not-outbound';
type Tool = 'latency' | 'require-timeout' | 'require-timeout-type-checked';
const TOOLS: readonly Tool[] = ['latency', 'require-timeout', 'require-timeout-type-checked'];

interface MarkedCall {
  /** `src/fetch.ts:23 fetch` */
  label: string;
  file: string;
  line: number;
  callee: string;
  expected: Verdict;
  /** What the syntax-only rule says instead, where only types can tell. */
  expectedWithoutTypes?: Verdict;
}

const MARKER = /\/\/ expect (\S+): (no-timeout|timeout|not-outbound)(?: \(syntax-only: (no-timeout|timeout|not-outbound)\))?$/;

function markedCalls(root: string): MarkedCall[] {
  return sourceFiles(root).flatMap((file) =>
    fs
      .readFileSync(path.join(root, file), 'utf8')
      .split('\n')
      .flatMap((text, index) => {
        const match = MARKER.exec(text);
        if (match === null) return [];
        const [, callee = '', expected, withoutTypes] = match;
        const line = index + 1;
        return [
          {
            label: `${file}:${line} ${callee}`,
            file,
            line,
            callee,
            expected: expected as Verdict,
            ...(withoutTypes === undefined ? {} : { expectedWithoutTypes: withoutTypes as Verdict }),
          },
        ];
      }),
  );
}

function markedCallNode(source: SourceFile, call: MarkedCall): CallExpression {
  const found = source
    .getDescendantsOfKind(SyntaxKind.CallExpression)
    .find((node) => node.getStartLineNumber() === call.line && node.getExpression().getText() === call.callee);
  if (found === undefined) throw new Error(`no call of ${call.callee} at ${call.label}`);
  return found;
}

interface TextEdit {
  start: number;
  end: number;
}

/** The edits that take a call's timeout away whatever the tool thinks carries it: every argument, and `.setTimeout()` on its result. */
function strippingEdits(call: CallExpression): TextEdit[] {
  const edits: TextEdit[] = [];
  const args = call.getArguments();
  const first = args[0];
  const last = args.at(-1);
  if (first !== undefined && last !== undefined) edits.push({ start: first.getStart(), end: last.getEnd() });
  const parent = call.getParent();
  if (Node.isPropertyAccessExpression(parent) && parent.getName() === 'setTimeout') {
    const chained = parent.getParent();
    if (Node.isCallExpression(chained)) edits.push({ start: call.getEnd(), end: chained.getEnd() });
  }
  if (Node.isVariableDeclaration(parent)) {
    const name = parent.getName();
    const scope = parent.getFirstAncestor(Node.isBlock);
    for (const statement of scope?.getStatements() ?? []) {
      if (new RegExp(`^${name}\\.setTimeout\\(`).test(statement.getText())) edits.push({ start: statement.getStart(), end: statement.getEnd() });
    }
  }
  return edits;
}

/** A copy of the corpus (node_modules linked) with every marked call stripped of its timeout. */
function strippedCopy(calls: readonly MarkedCall[]): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'npvguard-outbound-corpus-'));
  fs.cpSync(CORPUS, root, { recursive: true });
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  const project = new Project({ tsConfigFilePath: path.join(root, 'tsconfig.json') });
  for (const file of new Set(calls.map((call) => call.file))) {
    const source = project.getSourceFileOrThrow(path.join(root, file));
    const edits = calls.filter((call) => call.file === file).flatMap((call) => strippingEdits(markedCallNode(source, call)));
    let text = source.getFullText();
    for (const edit of edits.sort((a, b) => b.start - a.start)) text = text.slice(0, edit.start) + text.slice(edit.end);
    fs.writeFileSync(path.join(root, file), text);
  }
  return root;
}

/** `file:line` of every call each tool reports as having no timeout. */
type Reports = Record<Tool, Set<string>>;

function latencyReports(root: string): Set<string> {
  const analysis = analyzeLatency({ root, files: sourceFiles(root), config: LATENCY_CONFIG });
  return new Set(analysis.findings.filter((finding) => finding.ruleId === 'latency/missing-timeout').map((finding) => `${finding.file}:${finding.line}`));
}

async function ruleReports(root: string): Promise<Pick<Reports, 'require-timeout' | 'require-timeout-type-checked'>> {
  const eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: parser as Linter.Parser, parserOptions: { project: './tsconfig.json', tsconfigRootDir: root } },
      },
      {
        plugins: { npvguard: plugin as unknown as NonNullable<Linter.Config['plugins']>[string] },
        rules: { 'npvguard/require-timeout': 'error', 'npvguard/require-timeout-type-checked': 'error' },
      },
    ],
  });
  const reports = { 'require-timeout': new Set<string>(), 'require-timeout-type-checked': new Set<string>() };
  for (const result of await eslint.lintFiles(['src/**/*.ts'])) {
    const file = path.relative(root, result.filePath).split(path.sep).join('/');
    for (const message of result.messages) {
      if (message.fatal === true) throw new Error(`${file}:${message.line} ${message.message}`);
      const rule = message.ruleId?.replace('npvguard/', '');
      if (rule === 'require-timeout' || rule === 'require-timeout-type-checked') reports[rule].add(`${file}:${message.line}`);
    }
  }
  return reports;
}

async function reportsOf(root: string): Promise<Reports> {
  return { latency: latencyReports(root), ...(await ruleReports(root)) };
}

let calls: MarkedCall[];
let asWritten: Reports;
let stripped: Reports;
let copy: string;

beforeAll(async () => {
  calls = markedCalls(CORPUS);
  copy = strippedCopy(calls);
  asWritten = await reportsOf(CORPUS);
  stripped = await reportsOf(copy);
}, 240_000);

afterAll(() => {
  if (copy !== undefined) fs.rmSync(copy, { recursive: true, force: true });
});

function verdict(tool: Tool, call: MarkedCall): Verdict {
  const at = `${call.file}:${call.line}`;
  if (asWritten[tool].has(at)) return 'no-timeout';
  return stripped[tool].has(at) ? 'timeout' : 'not-outbound';
}

function expectedVerdict(tool: Tool, call: MarkedCall): Verdict {
  return tool === 'require-timeout' ? (call.expectedWithoutTypes ?? call.expected) : call.expected;
}

/** One line per marked call on which the tools do not all give their expected verdict. */
function disagreements(): string[] {
  return calls.flatMap((call) => {
    const verdicts = TOOLS.map((tool) => ({ tool, got: verdict(tool, call), expected: expectedVerdict(tool, call) }));
    if (verdicts.every(({ got, expected }) => got === expected)) return [];
    return [`${call.label}: ${verdicts.map(({ tool, got, expected }) => `${tool} ${got}${got === expected ? '' : ` (expected ${expected})`}`).join(', ')}`];
  });
}

describe('require-timeout, require-timeout-type-checked and the latency analysis on the outbound corpus', () => {
  it('the corpus marks calls of every kind', () => {
    const expected = new Set(calls.map((call) => call.expected));
    expect([...expected].sort()).toEqual(['no-timeout', 'not-outbound', 'timeout']);
    expect(calls.length).toBeGreaterThanOrEqual(60);
  });

  it('give every marked call the verdict the corpus expects', () => {
    expect(disagreements()).toEqual([]);
  });

  it('report nothing on calls the corpus does not mark', () => {
    const marked = new Set(calls.map((call) => `${call.file}:${call.line}`));
    for (const tool of TOOLS) {
      const unmarked = [...asWritten[tool], ...stripped[tool]].filter((at) => !marked.has(at));
      expect({ tool, unmarked }).toEqual({ tool, unmarked: [] });
    }
  });

  it('the type-aware rule and the latency analysis agree on every call; the syntax-only rule except where it needs types', () => {
    const differing = calls.flatMap((call) => {
      const latency = verdict('latency', call);
      const typeChecked = verdict('require-timeout-type-checked', call);
      const syntaxOnly = verdict('require-timeout', call);
      const agrees = typeChecked === latency && (call.expectedWithoutTypes !== undefined || syntaxOnly === latency);
      return agrees ? [] : [`${call.label}: latency ${latency}, require-timeout-type-checked ${typeChecked}, require-timeout ${syntaxOnly}`];
    });
    expect(differing).toEqual([]);
  });
});
