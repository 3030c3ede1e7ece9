import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { copyService, REPO } from './referenceCopy.js';

const run = promisify(execFile);
const BIN = path.join(REPO, 'packages', 'cli', 'bin', 'npvguard.js');

const copies: string[] = [];
afterAll(() => copies.forEach((folder) => fs.rmSync(folder, { recursive: true, force: true })));

async function npvguard(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

function copyWith(latency: Record<string, unknown>): string {
  const root = copyService([], latency);
  copies.push(root);
  return root;
}

describe('latency bad input: coded error, exit 2, no stack trace', () => {
  it.each([
    ['a budget for an unknown route', { budgets: { 'POST /v1/npv/card': { p99Ms: 50 } } }, [], 'NPV1202', 'POST /v1/npv/cards'],
    ['a negative budget', { budgets: { 'POST /v1/npv/cards': { p99Ms: -5 } } }, [], 'NPV1201', 'p99Ms must be a positive number'],
    ['a budget key that is not a route', { budgets: { '/v1/npv/cards': { p99Ms: 5 } } }, [], 'NPV1201', 'METHOD /path'],
    ['a latency client without a module', { clients: [{ calls: ['query'] }] }, [], 'NPV1203', 'clients[0].module'],
    ['a fakes module that does not exist', { measure: { fakes: 'latency/missing.ts', durationMs: 100, warmupMs: 10 } }, ['--measure'], 'NPV2201', 'does not exist'],
  ])('%s', { timeout: 60_000 }, async (_, latency, extra, code, text) => {
    const root = copyWith(latency);
    const { code: exitCode, stderr } = await npvguard(['latency', '--cwd', root, ...extra]);
    expect(exitCode).toBe(2);
    expect(stderr).toContain(code);
    expect(stderr).toContain(text);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
