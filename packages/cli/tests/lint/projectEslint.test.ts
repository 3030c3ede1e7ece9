import { mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Result } from '@npvguard/core';
import { STACK_FRAME, REPO_ROOT, copyFixture, runCli, spawnCli } from '../support/cli.js';

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((cleanup) => cleanup()));

/** A temporary copy of the project-eslint fixture; `modules` maps a package name to a folder to link as node_modules/<name>. */
function projectWith(modules: Record<string, string>, fakes: Record<string, Record<string, string>> = {}): string {
  const { root, cleanup } = copyFixture('project-eslint');
  cleanups.push(cleanup);
  for (const [name, target] of Object.entries(modules)) {
    const link = path.join(root, 'node_modules', name);
    mkdirSync(path.dirname(link), { recursive: true });
    symlinkSync(target, link, 'dir');
  }
  for (const [name, files] of Object.entries(fakes)) {
    for (const [file, text] of Object.entries(files)) {
      const target = path.join(root, 'node_modules', name, file);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, text);
    }
  }
  return root;
}

/** A package that must never be loaded: its entry throws, so only its package.json may be read. */
function fakePackage(name: string, version: string): Record<string, string> {
  return {
    'package.json': JSON.stringify({ name, version, main: 'lib/index.js' }),
    'lib/index.js': `throw new Error('${name} ${version} was loaded');\n`,
  };
}

const ESLINT_9 = path.join(REPO_ROOT, 'node_modules', 'eslint-v9');
const PROJECT_TOOLS = {
  'eslint-plugin-npvguard': path.join(REPO_ROOT, 'packages', 'eslint-plugin'),
  '@typescript-eslint/parser': path.join(REPO_ROOT, 'node_modules', '@typescript-eslint', 'parser'),
};

async function lintJson(root: string): Promise<{ code: number; result: Result; stderr: string }> {
  const run = await runCli(['check', '--only', 'lint', '--format', 'json'], { cwd: root });
  return { code: run.code, result: JSON.parse(run.stdout) as Result, stderr: run.stderr };
}

describe('the lint check runs the ESLint the project has installed', () => {
  it('uses the project\'s ESLint 9 with its own config and plugin, and says so in the check\'s data', async () => {
    const root = projectWith({ eslint: ESLINT_9, ...PROJECT_TOOLS });
    const run = await lintJson(root);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(run.result.findings.map((finding) => `${finding.ruleId} ${finding.file}:${finding.line}:${finding.column}`)).toEqual([
      'lint/npvguard/no-process-env-outside-config src/port.ts:2:17',
    ]);
    const data = run.result.checks.find((check) => check.id === 'lint')?.data as { config: string; eslint: { version: string; path: string; source: string } };
    expect(data.config).toBe('eslint.config.js');
    expect(data.eslint.source).toBe('project');
    expect(data.eslint.version).toMatch(/^9\./);
    expect(data.eslint.path).toBe(realpathSync(ESLINT_9));
  });

  it('stops with NPV1303, the version found and the fix, for an ESLint older than 9; exit 2 and no stack trace from the binary', async () => {
    const root = projectWith(PROJECT_TOOLS, { eslint: fakePackage('eslint', '8.57.0') });
    const run = await spawnCli(['check', '--only', 'lint'], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('NPV1303');
    expect(run.stderr).toContain('8.57.0');
    expect(run.stderr).toContain('npm i -D eslint@^9');
    expect(run.stderr).not.toContain('was loaded');
    expect(run.stderr).not.toMatch(STACK_FRAME);
  });

  it('stops with NPV1303 for an ESLint major it does not know', async () => {
    const root = projectWith(PROJECT_TOOLS, { eslint: fakePackage('eslint', '11.0.0') });
    const run = await runCli(['check', '--only', 'lint'], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/NPV1303.*11\.0\.0.*npvguard release that supports it/s);
  });

  it('stops with NPV1304 when the project\'s TypeScript is outside what its parser supports, before linting', async () => {
    const root = projectWith({ eslint: ESLINT_9, ...PROJECT_TOOLS }, { typescript: fakePackage('typescript', '4.7.4') });
    const run = await runCli(['check', '--only', 'lint'], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/NPV1304.*4\.7\.4.*>=5\.0\.0 <6\.1\.0.*npm i -D typescript@/s);
    expect(run.stderr).not.toContain('was loaded');
  });

  it('leaves the project\'s TypeScript alone when its config parses no TypeScript (no typescript-eslint installed)', async () => {
    const root = projectWith({ eslint: ESLINT_9 }, { typescript: fakePackage('typescript', '4.7.4') });
    // ESLint's own parser reads this TypeScript file: it holds no TypeScript syntax.
    writeFileSync(path.join(root, 'eslint.config.js'), "export default [{ files: ['**/*.ts'], rules: { 'no-var': 'error' } }];\n");
    writeFileSync(path.join(root, 'src', 'port.ts'), 'var retries = 3;\nexport { retries };\n');
    const run = await lintJson(root);
    expect(run.stderr).not.toContain('NPV1304');
    expect(run.result.findings.filter((finding) => finding.ruleId === 'lint/no-var').map((finding) => `${finding.file}:${finding.line}`)).toEqual(['src/port.ts:1']);
    expect((run.result.checks.find((check) => check.id === 'lint')?.data as { typescript?: unknown }).typescript).toBeUndefined();
  });

  it('records the project\'s TypeScript when it is in range', async () => {
    const root = projectWith({ eslint: ESLINT_9, ...PROJECT_TOOLS, typescript: path.join(REPO_ROOT, 'node_modules', 'typescript') });
    const run = await lintJson(root);
    expect(run.code).toBe(1);
    const data = run.result.checks.find((check) => check.id === 'lint')?.data as { typescript?: { version: string } };
    expect(data.typescript?.version).toMatch(/^6\.0\./);
  });
});
