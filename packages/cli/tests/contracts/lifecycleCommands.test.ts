import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NpvError, type Result } from '@npvguard/core';
import { parseCLI } from '../../src/index.js';
import { REPO_ROOT, runCli, spawnCli } from '../support/cli.js';

const OK = { 200: { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } } };
const document = (operation: Record<string, unknown>) => JSON.stringify({ openapi: '3.1.0', info: { title: 'lifecycle', version: '1' }, paths: { '/items': { get: { responses: OK, ...operation } } } });

function usageErrorOf(argv: readonly string[]): NpvError {
  try {
    parseCLI(argv);
  } catch (error) {
    if (error instanceof NpvError) return error;
    throw error;
  }
  throw new Error('expected a usage error');
}

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

describe('--date and --min-sunset-days on the command line', () => {
  it('check takes --date as a calendar day; boundaries and latency do not take it', () => {
    expect(parseCLI(['check', '--date', '2025-06-01']).options).toMatchObject({ date: '2025-06-01' });
    expect(parseCLI(['contracts', 'diff', 'a.json', 'b.json', '--date', '2024-02-29', '--min-sunset-days', 'beta=14', '--min-sunset-days', 'stable=90']).options).toMatchObject({
      date: '2024-02-29',
      minSunsetDays: { beta: 14, stable: 90 },
    });
    const bad = usageErrorOf(['check', '--date', '2025-02-30']);
    expect(bad.code).toBe('NPV2001');
    expect(bad.message).toContain('expected a calendar day as YYYY-MM-DD');
    expect(usageErrorOf(['contracts', 'diff', 'a.json', 'b.json', '--date', '1 June']).code).toBe('NPV2001');
    expect(usageErrorOf(['contracts', 'diff', 'a.json', 'b.json', '--min-sunset-days', 'ga=10']).message).toContain('draft, alpha, beta, stable');
    expect(usageErrorOf(['boundaries', '--date', '2025-06-01']).message).toContain("Unknown option '--date'");
    expect(usageErrorOf(['latency', '--date', '2025-06-01']).message).toContain("Unknown option '--date'");
  });

  it('contracts diff judges sunsets on the day given, under the periods given', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'npvguard-lifecycle-diff-'));
    folders.push(folder);
    writeFileSync(path.join(folder, 'old.json'), document({}));
    writeFileSync(path.join(folder, 'new.json'), document({ deprecated: true, 'x-sunset': '2025-09-01' }));
    const on = async (...extra: string[]) => {
      const run = await runCli(['contracts', 'diff', 'old.json', 'new.json', '--format', 'json', ...extra], { cwd: folder });
      return { code: run.code, changes: (JSON.parse(run.stdout) as Result).findings.map((finding) => `${finding.severity} ${finding.ruleId}`) };
    };
    expect(await on('--date', '2025-06-01')).toEqual({ code: 1, changes: ['error contracts/api-sunset-date-too-small'] });
    expect(await on('--date', '2025-06-01', '--min-sunset-days', 'stable=90')).toEqual({ code: 0, changes: ['info contracts/endpoint-deprecated-with-sunset'] });
    expect(await on('--date', '2025-03-01')).toEqual({ code: 0, changes: ['info contracts/endpoint-deprecated-with-sunset'] });
    const bad = await spawnCli(['contracts', 'diff', 'old.json', 'new.json', '--date', '2025-13-01'], { cwd: folder });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('NPV2001');
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });
});

/** A fastify app serving GET /items and, when `legacy` is given, GET /legacy with those route schema fields. */
function app(legacy?: Record<string, unknown>): string {
  const route = legacy === undefined ? '' : `  app.get('/legacy', { schema: { ...${JSON.stringify(legacy)}, response: { 200: Answer } } }, async () => ({ ok: true }));\n`;
  return `import Fastify from 'fastify';

const Answer = { type: 'object', required: ['ok'], properties: { ok: { type: 'boolean' } } } as const;

export function buildApp() {
  const app = Fastify();
  app.get('/items', { schema: { response: { 200: Answer } } }, async () => ({ ok: true }));
${route}  return app;
}
`;
}

describe('npvguard check --base: a deprecated route removed, judged on --date', { timeout: 120_000 }, () => {
  let root: string;
  const write = (file: string, text: string): void => writeFileSync(path.join(root, file), text);
  const git = (...args: string[]): void => {
    execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', '-c', 'commit.gpgsign=false', ...args], { cwd: root });
  };

  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'npvguard-lifecycle-check-'));
    folders.push(root);
    symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(root, 'node_modules'), 'dir');
    write('.gitignore', 'node_modules\n');
    write('npvguard.config.ts', "export default { include: ['app.ts'], contracts: { app: './app.ts#buildApp', properties: { runs: 0 } } };\n");
    write('app.ts', app({ deprecated: true, 'x-sunset': '2025-09-01' }));
    expect((await runCli(['contracts', 'update', '--cwd', root], { cwd: root })).code).toBe(0);
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git('commit', '-q', '-m', 'base');
    write('app.ts', app());
    expect((await runCli(['contracts', 'update', '--cwd', root], { cwd: root })).code).toBe(0);
    git('add', '.');
    git('commit', '-q', '-m', 'remove /legacy');
  });

  async function check(date: string): Promise<{ code: number; findings: string[] }> {
    const run = await runCli(['check', '--only', 'contracts', '--base', 'HEAD~1', '--date', date, '--format', 'json', '--cwd', root], { cwd: root });
    const findings = (JSON.parse(run.stdout) as Result).findings.filter((finding) => finding.ruleId !== 'contracts/snapshot-drift');
    return { code: run.code, findings: findings.map((finding) => `${finding.severity} ${finding.ruleId}${finding.data?.['acknowledged'] === undefined ? '' : ' (acknowledged)'}`) };
  }

  it('the route schema\'s x-sunset reaches the snapshot; before that day the removal breaks the promise, on it it does not', async () => {
    expect(await check('2025-06-01')).toEqual({ code: 1, findings: ['error contracts/api-path-removed-before-sunset'] });
    expect(await check('2025-09-01')).toEqual({ code: 0, findings: ['info contracts/api-path-removed-with-deprecation'] });
  });

  it('an acknowledgement written with the old id api-path-removed still acknowledges the removal', async () => {
    write('contracts/changes.json', JSON.stringify({ acknowledged: [{ id: 'api-path-removed', path: '/legacy', method: 'GET', reason: 'no client calls it since March' }] }));
    const run = await check('2025-06-01');
    expect(run).toEqual({ code: 0, findings: ['warning contracts/breaking-change-acknowledged', 'info contracts/api-path-removed-before-sunset (acknowledged)'] });
  });
});
