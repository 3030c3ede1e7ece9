import { afterAll, describe, expect, it } from 'vitest';
import type { Finding, Result } from '@npvguard/core';
import { runCli } from '../support/cli.js';
import { createRepo, type TempRepo } from '../integrity/gitRepo.js';
import { TYPE_AWARE_ESLINT_CONFIG, TYPE_AWARE_TSCONFIG } from './typeAwareProject.js';

const repos: TempRepo[] = [];
afterAll(() => repos.forEach((repo) => repo.cleanup()));

/** Type-aware: whether a call is given a timeout depends on the types of what the file imports. */
const ESLINT_CONFIG = TYPE_AWARE_ESLINT_CONFIG;
const TSCONFIG = TYPE_AWARE_TSCONFIG;

/** ready.ts is never edited: whether its call has a guaranteed signal is decided by init.ts, which it imports. */
const FILES = {
  'npvguard.config.json': JSON.stringify({ lint: {} }),
  'eslint.config.mjs': ESLINT_CONFIG,
  'tsconfig.json': TSCONFIG,
  'src/init.ts': 'export type Init = RequestInit & { signal: AbortSignal };\n',
  'src/ready.ts': "import type { Init } from './init.js';\ndeclare const init: Init;\nexport const ready = fetch('http://model:8081/v2/health/ready', init);\n",
  'src/main.ts': "import { ready } from './ready.js';\nexport const started = ready;\n",
  // Already there at the base, and unrelated to the change.
  'src/legacy.ts': "export const live = fetch('http://model:8081/v2/health/live');\n",
};

function repoWith(files: Record<string, string> = FILES): TempRepo {
  const repo = createRepo(files);
  repos.push(repo);
  return repo;
}

interface LintRun {
  code: number;
  findings: Finding[];
  data: Record<string, unknown> | undefined;
  stderr: string;
}

async function lintAgainstBase(root: string, base = 'HEAD~1'): Promise<LintRun> {
  const run = await runCli(['check', '--only', 'lint', '--base', base, '--format', 'json'], { cwd: root });
  const result = JSON.parse(run.stdout) as Result;
  return { code: run.code, findings: result.findings, data: result.checks.find((check) => check.id === 'lint')?.data, stderr: run.stderr };
}

function brief(findings: readonly Finding[]): string[] {
  return findings.map((finding) => `${finding.file}:${finding.line} ${finding.baseline ?? 'new'}`);
}

describe('lint under --base: the files the change can affect', () => {
  it('lints the changed file and its importers, directly or not: an unchanged importer\'s new message fails the run', async () => {
    const repo = repoWith();
    repo.write({ 'src/init.ts': '// the signal is optional now\nexport type Init = RequestInit;\n' });
    repo.commit('change');
    const run = await lintAgainstBase(repo.root);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    // ready.ts did not change; the type it imports did.
    expect(run.findings.map((finding) => `${finding.ruleId} ${finding.file}:${finding.line} ${finding.baseline ?? 'new'}`)).toEqual(['lint/npvguard/require-timeout-type-checked src/ready.ts:3 new']);
    // init.ts, ready.ts (imports it) and main.ts (imports ready.ts); not legacy.ts.
    expect(run.data).toMatchObject({ filesLinted: 3, scope: { kind: 'affected', changedFiles: 1 } });
  });

  it('with lint.scope "all" lints every file, and the message already at the base is marked, not failed', async () => {
    const repo = repoWith({ ...FILES, 'npvguard.config.json': JSON.stringify({ lint: { scope: 'all' } }) });
    repo.write({ 'src/init.ts': 'export type Init = RequestInit;\n' });
    repo.commit('change');
    const run = await lintAgainstBase(repo.root);
    expect(run.code).toBe(1);
    expect(brief(run.findings)).toEqual(['src/legacy.ts:1 base', 'src/ready.ts:3 new']);
    expect(run.data).toMatchObject({ filesLinted: 4 });
    expect(run.data).not.toHaveProperty('scope');
  });

  it('passes a change no file depends on without linting anything, and says so', async () => {
    const repo = repoWith();
    repo.write({ 'README.md': '# the service\n' });
    repo.commit('docs');
    const run = await lintAgainstBase(repo.root);
    expect(run.code).toBe(0);
    expect(run.data).toMatchObject({ filesLinted: 0, scope: { kind: 'affected', changedFiles: 0 } });
  });

  it('lints the importers of a deleted module (their import no longer resolves)', async () => {
    const repo = repoWith({ ...FILES, 'src/gone.ts': 'export const gone = 1;\n', 'src/user.ts': "import { gone } from './gone.js';\nexport const used = gone;\n" });
    repo.remove('src/gone.ts');
    repo.commit('delete');
    const run = await lintAgainstBase(repo.root);
    expect(run.data).toMatchObject({ filesLinted: 1, scope: { kind: 'affected', changedFiles: 1 } });
  });

  it.each([
    ['the ESLint config', { 'eslint.config.mjs': `${ESLINT_CONFIG}// edited\n` }, 'eslint.config.mjs changed'],
    ['a tsconfig', { 'tsconfig.json': TSCONFIG.replace('"strict":true', '"strict":false') }, 'tsconfig.json changed'],
    ['a declaration file', { 'src/env.d.ts': 'declare const BUILD: string;\n' }, 'src/env.d.ts changed'],
    ['a module augmenting the globals', { 'src/globals.ts': 'declare global {\n  var started: number;\n}\nexport {};\n' }, 'the change adds or removes a global declaration or module augmentation'],
  ])('lints every file when %s changes', async (_name, change, reason) => {
    const repo = repoWith();
    repo.write(change);
    repo.commit('change');
    const run = await lintAgainstBase(repo.root);
    expect(run.data).toMatchObject({ scope: { kind: 'all', reason } });
    // Every file, so the message already at the base is found (and marked).
    expect(brief(run.findings)).toContain('src/legacy.ts:1 base');
  });

  it('counts uncommitted and untracked work as changed', async () => {
    const repo = repoWith();
    repo.write({ 'src/init.ts': 'export type Init = RequestInit;\n', 'src/extra.ts': "export const extra = fetch('http://model:8081/v2/health/extra');\n" });
    const run = await lintAgainstBase(repo.root, 'HEAD');
    expect(run.code).toBe(1);
    expect(brief(run.findings)).toEqual(['src/extra.ts:1 new', 'src/ready.ts:3 new']);
    expect(run.data).toMatchObject({ filesLinted: 4, scope: { kind: 'affected', changedFiles: 2 } });
  });

  it('rejects an unknown lint.scope with the allowed values (exit 2)', async () => {
    const repo = repoWith({ ...FILES, 'npvguard.config.json': JSON.stringify({ lint: { scope: 'changed' } }) });
    const run = await runCli(['check', '--only', 'lint'], { cwd: repo.root });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/lint\.scope/);
    expect(run.stderr).toMatch(/affected/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
