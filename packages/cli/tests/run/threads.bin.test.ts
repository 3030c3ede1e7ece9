import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Result } from '@npvguard/core';
import { STACK_FRAME, runCli, spawnCli } from '../support/cli.js';

const folders: string[] = [];
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

function project(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'npvguard-threads-bin-'));
  folders.push(root);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

/** Lint and latency: the two checks the bin runs in worker threads, side by side. */
const FILES = {
  'npvguard.config.json': JSON.stringify({ lint: {}, latency: { budgets: {} } }),
  'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, types: [] }, include: ['src'] }),
  'src/server/port.ts': 'export const port = Number(process.env.PORT ?? 8080);\n',
};

function withoutTimes(result: Result): Result {
  return { ...result, checks: result.checks.map((check) => ({ ...check, durationMs: 0, data: { ...check.data, ...(check.id === 'latency' ? { stats: null } : {}) } })) };
}

describe('the bin with checks in worker threads', () => {
  it('gives the result the same checks give run in place', { timeout: 60_000 }, async () => {
    const root = project(FILES);
    const threaded = await spawnCli(['check', '--format', 'json'], { cwd: root });
    // In-process, from the TypeScript sources, no worker entry exists: every check runs in the main thread.
    const inPlace = await runCli(['check', '--format', 'json'], { cwd: root });
    expect(threaded.stderr).toBe('');
    expect(threaded.code).toBe(1);
    expect(inPlace.code).toBe(1);
    const result = JSON.parse(threaded.stdout) as Result;
    expect(result.findings.map((finding) => `${finding.ruleId} ${finding.file}:${finding.line}`)).toEqual(['lint/npvguard/no-process-env-outside-config src/server/port.ts:1']);
    expect(withoutTimes(result)).toEqual(withoutTimes(JSON.parse(inPlace.stdout) as Result));
  });

  it('reports a check that failed in its thread with its code, exit 2 and no stack trace; the other check still runs', { timeout: 60_000 }, async () => {
    const root = project({ ...FILES, 'eslint.config.mjs': "throw new Error('broken config');\n" });
    const run = await spawnCli(['check', '--format', 'json'], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error NPV1301: The lint check could not run: The ESLint config eslint\.config\.mjs could not be loaded: .*broken config/);
    expect(run.stderr).not.toMatch(STACK_FRAME);
    const result = JSON.parse(run.stdout) as Result;
    expect(result.checks.filter((check) => check.status !== 'skipped').map((check) => `${check.id} ${check.status}`)).toEqual(['lint error', 'latency pass']);
  });
});
