import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LatencyConfig } from '@npvguard/core';
import { budgetVerdict, regressionThreshold, regressionVerdict } from '@npvguard/harness';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeLatency, latencyMeta } from '../../src/checks/latency/index.js';
import { REPO, sourceFiles } from './referenceCopy.js';

const doc = fs.readFileSync(path.join(REPO, 'docs', latencyMeta.docs), 'utf8');
const TSCONFIG = JSON.stringify({
  compilerOptions: { target: 'ES2023', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: ['node'] },
  include: ['src'],
});

function sections(markdown: string, level: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const part of markdown.split(new RegExp(`^${level} `, 'm')).slice(1)) {
    const newline = part.indexOf('\n');
    found.set(part.slice(0, newline).trim(), part.slice(newline + 1));
  }
  return found;
}

interface Example {
  kind: 'static' | 'measured' | 'comparison';
  config?: LatencyConfig;
  files: Record<string, string>;
  figures?: Record<string, unknown>;
}

function parseExample(markdown: string): Example {
  const files: Record<string, string> = {};
  let config: LatencyConfig | undefined;
  let figures: Record<string, unknown> | undefined;
  let kind: Example['kind'] = 'static';
  for (const match of markdown.matchAll(/```(\w+) ([^\n]+)\n([\s\S]*?)```/g)) {
    const [, language, info = '', body = ''] = match;
    if (language === 'json' && info === 'config') config = JSON.parse(body) as LatencyConfig;
    if (language === 'json' && (info === 'measured' || info === 'comparison')) {
      kind = info;
      figures = JSON.parse(body) as Record<string, unknown>;
    }
    const file = /^file=(\S+)$/.exec(info)?.[1];
    if (file !== undefined) files[file] = body;
  }
  return { kind, files, ...(config === undefined ? {} : { config }), ...(figures === undefined ? {} : { figures }) };
}

const scratch: string[] = [];
afterAll(() => scratch.forEach((folder) => fs.rmSync(folder, { recursive: true, force: true })));

/** The rule ids an example produces: a static analysis of its files, or the verdict of its figures. */
function run(example: Example): string[] {
  if (example.kind === 'measured') {
    const figures = example.figures as { budgetMs: number; p99IntervalMs: { lower: number; upper: number } };
    const verdict = budgetVerdict(figures.p99IntervalMs, figures.budgetMs);
    return verdict === 'exceeded' ? ['latency/measured-budget-exceeded'] : verdict === 'unsure' ? ['latency/measured-unsure'] : [];
  }
  if (example.kind === 'comparison') {
    const figures = example.figures as { baseMedianMs: number; ratio: { lower: number; upper: number } };
    const verdict = regressionVerdict(figures.ratio, regressionThreshold(figures.baseMedianMs));
    return verdict === 'regression' ? ['latency/regression'] : verdict === 'unsure' ? ['latency/regression-unsure'] : [];
  }
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'npvguard-latency-doc-'));
  scratch.push(root);
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  for (const [file, text] of Object.entries({ 'tsconfig.json': TSCONFIG, ...example.files })) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  if (example.config === undefined) throw new Error('static example without a config block');
  return analyzeLatency({ root, files: sourceFiles(root), config: example.config }).findings.map((finding) => finding.ruleId);
}

const ruleSections = [...sections(doc, '##')].filter(([heading]) => heading.startsWith('latency/'));

describe(`docs/${latencyMeta.docs}`, () => {
  it('has one section per rule, in the order of the check meta', () => {
    expect(ruleSections.map(([heading]) => heading)).toEqual(latencyMeta.rules.map((rule) => rule.id));
  });

  it.each(latencyMeta.rules.map((rule) => [rule.id, rule.description] as const))('%s opens with the rule description', (id, description) => {
    const body = ruleSections.find(([heading]) => heading === id)?.[1] ?? '';
    expect(body.trim().split('\n\n')[0]).toBe(description);
  });

  it.each(ruleSections)('%s has incorrect and correct examples, options and when not to use it', (_, body) => {
    expect([...sections(body, '###').keys()]).toEqual(['❌ Incorrect', '✅ Correct', 'Options', 'When not to use it']);
  });

  it.each(ruleSections)('%s: the incorrect example reports it, the correct one does not', { timeout: 60_000 }, (id, body) => {
    const examples = sections(body, '###');
    expect(run(parseExample(examples.get('❌ Incorrect') ?? ''))).toContain(id);
    expect(run(parseExample(examples.get('✅ Correct') ?? ''))).not.toContain(id);
  });
});
