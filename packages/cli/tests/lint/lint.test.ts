import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Finding, Result } from '@npvguard/core';
import { lintRuleId } from '../../src/checks/lint/index.js';
import { STACK_FRAME, runCli, spawnCli } from '../support/cli.js';
import { createRepo, type TempRepo } from '../integrity/gitRepo.js';
import { TYPE_AWARE_ESLINT_CONFIG, TYPE_AWARE_TSCONFIG } from './typeAwareProject.js';

const folders: string[] = [];
const repos: TempRepo[] = [];
afterAll(() => {
  folders.forEach((folder) => rmSync(folder, { recursive: true, force: true }));
  repos.forEach((repo) => repo.cleanup());
});

/** A project in a temporary folder (no ESLint config above it), written from a map of files. */
function project(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'npvguard-lint-'));
  folders.push(root);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

async function lint(root: string, extra: readonly string[] = []): Promise<{ code: number; result: Result; stderr: string; findings: Finding[] }> {
  const run = await runCli(['check', '--only', 'lint', '--format', 'json', ...extra], { cwd: root });
  const result = JSON.parse(run.stdout) as Result;
  return { code: run.code, result, stderr: run.stderr, findings: result.findings };
}

function brief(findings: readonly Finding[]): string[] {
  return findings.map((finding) => `${finding.ruleId} ${finding.severity} ${finding.file}:${finding.line}:${finding.column}`);
}

const CONFIG = JSON.stringify({ lint: {} });
const cliRequire = createRequire(new URL('../../package.json', import.meta.url));
const BUNDLED_ESLINT = {
  version: (cliRequire('eslint/package.json') as { version: string }).version,
  path: path.dirname(realpathSync(cliRequire.resolve('eslint/package.json'))),
};
const ENV_READ = 'export const port = Number(process.env.PORT ?? 8080);\n';

describe('the lint check with the plugin\'s recommended config (no ESLint config in the project)', () => {
  it('reports the plugin\'s rules as lint/<rule> with their own docs, and respects paths', async () => {
    const root = project({ 'npvguard.config.json': CONFIG, 'src/server/port.ts': ENV_READ, 'src/server/other.ts': `\n${ENV_READ}` });
    const run = await lint(root);
    expect(run.code).toBe(1);
    expect(brief(run.findings)).toEqual(['lint/npvguard/no-process-env-outside-config error src/server/other.ts:2:28', 'lint/npvguard/no-process-env-outside-config error src/server/port.ts:1:28']);
    const [first] = run.findings;
    expect(first?.docsUrl).toMatch(/no-process-env-outside-config/);
    expect(first?.hint).toBe('Change the code as the message says; `npvguard explain lint/npvguard/no-process-env-outside-config` shows incorrect and correct code.');
    expect(first?.data).toEqual({ eslintRuleId: 'npvguard/no-process-env-outside-config' });
    expect(run.result.checks.find((check) => check.id === 'lint')?.data).toEqual({
      config: 'eslint-plugin-npvguard recommended',
      // No ESLint in the project (a temporary folder): npvguard's own copy runs.
      eslint: { version: BUNDLED_ESLINT.version, path: BUNDLED_ESLINT.path, source: 'bundled' },
      filesLinted: 2,
      filesIgnored: 0,
    });
    const onlyPort = await lint(root, ['src/server/port.ts']);
    expect(brief(onlyPort.findings)).toEqual(['lint/npvguard/no-process-env-outside-config error src/server/port.ts:1:28']);
  });

  it('takes the id a finding prints in the config\'s rules: a lint rule turned off or to a warning by that id', async () => {
    const files = { 'src/server/port.ts': ENV_READ };
    const off = await lint(project({ ...files, 'npvguard.config.json': JSON.stringify({ lint: {}, rules: { 'lint/npvguard/no-process-env-outside-config': 'off' } }) }));
    expect(off.code).toBe(0);
    expect(off.findings).toEqual([]);
    const warning = await lint(project({ ...files, 'npvguard.config.json': JSON.stringify({ lint: {}, rules: { 'lint/npvguard/no-process-env-outside-config': 'warning' } }) }));
    expect(brief(warning.findings)).toEqual(['lint/npvguard/no-process-env-outside-config warning src/server/port.ts:1:28']);
    expect(warning.code).toBe(0);
  });

  it('reports a file that does not parse as lint/parse-error', async () => {
    const root = project({ 'npvguard.config.json': CONFIG, 'src/broken.ts': 'export const = 1;\n' });
    const run = await lint(root);
    expect(run.code).toBe(1);
    expect(brief(run.findings)).toEqual(['lint/parse-error error src/broken.ts:1:13']);
  });
});

describe('the lint check with the project\'s own ESLint config', () => {
  const ESLINT_CONFIG = "export default [\n  { files: ['**/*.ts'], linterOptions: { reportUnusedDisableDirectives: 'warn' }, rules: { 'no-debugger': 'error', 'no-console': 'warn' } },\n];\n";
  const CODE = 'export function f() {\n  debugger;\n  console.log(1);\n  // eslint-disable-next-line no-alert\n  return;\n}\n';

  it('uses it, keeps core rule ids whole, maps severities and reports unused directives', async () => {
    const root = project({ 'npvguard.config.json': CONFIG, 'eslint.config.mjs': ESLINT_CONFIG, 'src/f.ts': CODE });
    const run = await lint(root);
    expect(run.code).toBe(1);
    expect(brief(run.findings)).toEqual([
      'lint/no-debugger error src/f.ts:2:3',
      'lint/no-console warning src/f.ts:3:3',
      'lint/unused-disable-directive warning src/f.ts:4:3',
    ]);
    expect(run.findings[0]?.docsUrl).toBe('https://eslint.org/docs/latest/rules/no-debugger');
    expect(run.result.checks.find((check) => check.id === 'lint')?.data).toMatchObject({ config: 'eslint.config.mjs' });
  });

  it('lays lint.rules over it', async () => {
    const root = project({ 'npvguard.config.json': JSON.stringify({ lint: { rules: { 'no-debugger': 'off', 'no-console': ['error'] } } }), 'eslint.config.mjs': ESLINT_CONFIG, 'src/f.ts': CODE });
    expect(brief((await lint(root)).findings)).toEqual(['lint/no-console error src/f.ts:3:3', 'lint/unused-disable-directive warning src/f.ts:4:3']);
  });

  it('reports a checked file no config object applies to as lint/unmatched-file', async () => {
    const root = project({ 'npvguard.config.json': CONFIG, 'eslint.config.mjs': "export default [{ files: ['**/*.js'], rules: {} }];\n", 'src/f.ts': 'export const x = 1;\n' });
    expect(brief((await lint(root)).findings)).toEqual(['lint/unmatched-file error src/f.ts:1:1']);
  });

  it('counts files the config ignores without reporting them', async () => {
    const root = project({ 'npvguard.config.json': CONFIG, 'eslint.config.mjs': "export default [{ ignores: ['src/gen/**'] }, { files: ['**/*.ts'], rules: { 'no-debugger': 'error' } }];\n", 'src/gen/f.ts': 'debugger;\n', 'src/g.ts': 'export {};\n' });
    const run = await lint(root);
    expect(run.findings).toEqual([]);
    expect(run.result.checks.find((check) => check.id === 'lint')?.data).toMatchObject({ filesLinted: 1, filesIgnored: 1 });
  });
});

describe('type-aware rules in one long-lived process', () => {
  const ESLINT_CONFIG = TYPE_AWARE_ESLINT_CONFIG;
  const TSCONFIG = TYPE_AWARE_TSCONFIG;

  it('see each run\'s file contents even when CI=true (typescript-eslint would otherwise keep its first program)', async () => {
    const saved = process.env.CI;
    process.env.CI = 'true';
    try {
      const root = project({
        'npvguard.config.json': CONFIG,
        'eslint.config.mjs': ESLINT_CONFIG,
        'tsconfig.json': TSCONFIG,
        'src/ready.ts': "declare const init: RequestInit;\nexport const ready = fetch('http://model:8081/v2/health/ready', init);\n",
      });
      const first = await lint(root);
      expect(first.stderr).toBe('');
      expect(brief(first.findings)).toEqual(['lint/npvguard/require-timeout-type-checked error src/ready.ts:2:22']);
      writeFileSync(
        path.join(root, 'src/ready.ts'),
        "// a signal now, one line lower\ndeclare const init: RequestInit & { signal: AbortSignal };\nexport const ready = fetch('http://model:8081/v2/health/ready', init);\nexport const again = fetch('http://model:8081/v2/health/live');\n",
      );
      const second = await lint(root);
      expect(second.stderr).toBe('');
      expect(brief(second.findings)).toEqual(['lint/npvguard/require-timeout-type-checked error src/ready.ts:4:22']);
    } finally {
      if (saved === undefined) delete process.env.CI;
      else process.env.CI = saved;
    }
  });
});

describe('lint with --base', () => {
  it('marks findings already at the base as baseline, however their lines moved, and fails only on new ones', async () => {
    const repo = createRepo({ 'npvguard.config.json': CONFIG, 'src/server/port.ts': ENV_READ });
    repos.push(repo);
    repo.write({ 'src/server/port.ts': `// moved down\n${ENV_READ}`, 'src/server/host.ts': 'export const host = process.env.HOST;\n' });
    repo.commit('change');
    const run = await lint(repo.root, ['--base', 'HEAD~1']);
    expect(run.code).toBe(1);
    expect(run.findings.map((finding) => `${finding.file}:${finding.line} ${finding.baseline ?? 'new'}`)).toEqual(['src/server/host.ts:1 new', 'src/server/port.ts:2 base']);
  });
});

describe('lint errors', () => {
  it('an ESLint config that does not load: NPV1301, exit 2, no stack trace (the real bin)', async () => {
    const root = project({ 'npvguard.config.json': CONFIG, 'eslint.config.mjs': "throw new Error('broken config');\n", 'src/f.ts': 'export {};\n' });
    const run = await spawnCli(['check', '--only', 'lint'], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/NPV1301.*broken config/);
    expect(run.stderr).not.toMatch(STACK_FRAME);
  });

  it('lint.config naming a missing file: NPV1302', async () => {
    const root = project({ 'npvguard.config.json': JSON.stringify({ lint: { config: 'configs/eslint.js' } }), 'src/f.ts': 'export {};\n' });
    const run = await runCli(['check', '--only', 'lint'], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/NPV1302.*configs\/eslint\.js/);
  });

  it('a lint section of the wrong shape: NPV1004 / NPV1003 with the path', async () => {
    const unknown = await runCli(['check'], { cwd: project({ 'npvguard.config.json': JSON.stringify({ lint: { configFile: 'x' } }), 'src/f.ts': '' }) });
    expect(unknown.stderr).toMatch(/NPV1004.*lint\.configFile.*Did you mean "config"/);
    const wrong = await runCli(['check'], { cwd: project({ 'npvguard.config.json': JSON.stringify({ lint: { rules: { 'no-console': 'loud' } } }), 'src/f.ts': '' }) });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/NPV1003.*lint\.rules\["no-console"\]/);
  });
});

describe('lintRuleId', () => {
  it('drops only the npvguard plugin prefix', () => {
    expect(lintRuleId('npvguard/require-timeout')).toBe('lint/npvguard/require-timeout');
    expect(lintRuleId('@typescript-eslint/no-explicit-any')).toBe('lint/@typescript-eslint/no-explicit-any');
    expect(lintRuleId('no-console')).toBe('lint/no-console');
  });
});
