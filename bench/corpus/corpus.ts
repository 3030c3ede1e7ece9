/**
 * The repository's own node_modules as a corpus of real TypeScript: every .ts, .mts, .cts and .d.ts file (thousands),
 * run through the latency analysis (every function of every file evaluated, routes searched), the recommended
 * ESLint rules of eslint-plugin-npvguard (through the ESLint class and the TypeScript parser) and the boundaries
 * import extraction. An internal error is anything a tool throws: an exception, a stack overflow.
 */
import fs from 'node:fs';
import path from 'node:path';
import parser from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';
import plugin from 'eslint-plugin-npvguard';
import { Node, Project, SyntaxKind, ts } from 'ts-morph';
import { extractImports } from '../../packages/cli/src/checks/boundaries/extract/extractImports.js';
import { createAnalysisContext, reportUnknownCalls } from '../../packages/cli/src/checks/latency/analyze.js';
import { functionCost } from '../../packages/cli/src/checks/latency/analysis/evaluate.js';
import { createReferenceSearch } from '../../packages/cli/src/checks/latency/analysis/search.js';
import { findRoutes } from '../../packages/cli/src/checks/latency/routes/findRoutes.js';

const TYPESCRIPT_FILE = /\.(m|c)?ts$/;
/** Generated bundles of declarations (TypeScript's own lib files are the largest) say nothing more past this size. */
const MAX_BYTES = 1_000_000;
/** Files analysed together in one ts-morph project: real cross-file resolution, bounded memory. */
const BATCH = 100;

/** Every TypeScript file under a node_modules folder, symlinks not followed, in a stable order. */
export function corpusFiles(nodeModules: string): string[] {
  const found: string[] = [];
  const walk = (folder: string): void => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && TYPESCRIPT_FILE.test(entry.name) && fs.statSync(full).size <= MAX_BYTES) found.push(full);
    }
  };
  walk(nodeModules);
  return found.sort();
}

/** Every `every`-th file, from a fixed offset: the same sample on every run. */
export function sample(files: readonly string[], every: number): string[] {
  return files.filter((_, index) => index % every === 0);
}

export interface CorpusError {
  tool: 'latency' | 'eslint' | 'boundaries';
  file: string;
  error: string;
}

export interface CorpusReport {
  files: number;
  /** Functions whose cost the latency evaluator computed, and routes it found. */
  functions: number;
  routes: number;
  latencyFindings: number;
  eslintMessages: number;
  /** Files the TypeScript parser of ESLint could not read (not an error of a rule). */
  unparsed: number;
  imports: number;
  errors: CorpusError[];
}

function describe(error: unknown): string {
  if (error instanceof RangeError && /call stack/i.test(error.message)) return `stack overflow: ${error.message}`;
  return error instanceof Error ? `${error.name}: ${error.message}\n${error.stack?.split('\n').slice(1, 8).join('\n') ?? ''}` : String(error);
}

const FUNCTION_KINDS = [SyntaxKind.FunctionDeclaration, SyntaxKind.MethodDeclaration, SyntaxKind.ArrowFunction, SyntaxKind.FunctionExpression] as const;

function latencyBatch(root: string, files: readonly string[], report: CorpusReport): void {
  const project = new Project({
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, strict: true, noEmit: true, skipLibCheck: true, types: [] },
    skipAddingFilesFromTsConfig: true,
  });
  const relative = files.map((file) => path.relative(root, file).split(path.sep).join('/'));
  const sources = files.map((file) => project.addSourceFileAtPath(file));
  const findings: Parameters<typeof createAnalysisContext>[0]['findings'] = [];
  const search = createReferenceSearch(project);
  const context = createAnalysisContext({ project, search, root, files: relative, config: { budgets: {} }, findings });
  try {
    report.routes += findRoutes(sources, search).length;
  } catch (error) {
    report.errors.push({ tool: 'latency', file: `${relative[0]} … (routes of the batch)`, error: describe(error) });
  }
  for (const [index, source] of sources.entries()) {
    try {
      for (const kind of FUNCTION_KINDS) {
        for (const fn of source.getDescendantsOfKind(kind)) {
          if (Node.isBodied(fn) || Node.isBodyable(fn)) {
            functionCost(context, fn);
            report.functions += 1;
          }
        }
      }
    } catch (error) {
      report.errors.push({ tool: 'latency', file: relative[index] ?? '', error: describe(error) });
    }
  }
  try {
    reportUnknownCalls(context);
  } catch (error) {
    report.errors.push({ tool: 'latency', file: `${relative[0]} … (unknown calls of the batch)`, error: describe(error) });
  }
  report.latencyFindings += findings.length;
}

function eslintFor(root: string): ESLint {
  const recommended = plugin.configs.recommended as Linter.Config;
  return new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [
      // The corpus is node_modules: lift ESLint's default ignore of it.
      { ignores: ['!**/node_modules/'] },
      { files: ['**/*.ts', '**/*.mts', '**/*.cts'], languageOptions: { parser: parser as Linter.Parser, parserOptions: { ecmaVersion: 'latest', sourceType: 'module' } } },
      // The recommended rules on every file: its test-file exclusions lifted and every file on a request path, so
      // each rule runs rather than returning early.
      { files: ['**/*.ts', '**/*.mts', '**/*.cts'], plugins: recommended.plugins ?? {}, rules: recommended.rules ?? {} },
      { settings: { npvguard: { requestPath: ['**'], deterministicPath: ['**'], configPath: [] } } },
    ],
  });
}

async function eslintFile(eslint: ESLint, root: string, file: string, report: CorpusReport): Promise<void> {
  try {
    const [result] = await eslint.lintText(fs.readFileSync(file, 'utf8'), { filePath: file });
    if (result === undefined) throw new Error('ESLint returned no result');
    // A file the parser cannot read is not a rule's error; it is counted, and a rule that throws rejects lintText.
    if (result.messages.some((message) => message.fatal === true)) report.unparsed += 1;
    if (result.messages.some((message) => message.message.startsWith('File ignored'))) throw new Error('ESLint ignored the file');
    report.eslintMessages += result.messages.filter((message) => message.ruleId?.startsWith('npvguard/') === true).length;
  } catch (error) {
    report.errors.push({ tool: 'eslint', file: path.relative(root, file), error: describe(error) });
  }
}

function boundariesFile(root: string, file: string, report: CorpusReport): void {
  try {
    report.imports += extractImports(file, fs.readFileSync(file, 'utf8')).imports.length;
  } catch (error) {
    report.errors.push({ tool: 'boundaries', file: path.relative(root, file), error: describe(error) });
  }
}

/** Runs the three tools over the files; `progress` hears after each batch, `starting` before it (with its first file). */
export async function runCorpus(
  root: string,
  files: readonly string[],
  progress?: (done: number, report: CorpusReport) => void,
  starting?: (first: string) => void,
): Promise<CorpusReport> {
  const report: CorpusReport = { files: files.length, functions: 0, routes: 0, latencyFindings: 0, eslintMessages: 0, unparsed: 0, imports: 0, errors: [] };
  const eslint = eslintFor(root);
  for (let start = 0; start < files.length; start += BATCH) {
    const batch = files.slice(start, start + BATCH);
    starting?.(path.relative(root, batch[0] ?? ''));
    try {
      latencyBatch(root, batch, report);
    } catch (error) {
      report.errors.push({ tool: 'latency', file: `${path.relative(root, batch[0] ?? '')} … (batch)`, error: describe(error) });
    }
    for (const file of batch) {
      await eslintFile(eslint, root, file, report);
      boundariesFile(root, file, report);
    }
    progress?.(Math.min(files.length, start + BATCH), report);
  }
  return report;
}
