import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Check } from '@npvguard/core';
import { main } from '../../src/main.js';

export const CLI_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = path.join(CLI_ROOT, 'bin', 'npvguard.js');
export const REPO_ROOT = path.resolve(CLI_ROOT, '../..');

export function fixture(name: string): string {
  return path.join(CLI_ROOT, 'tests', 'fixtures', name);
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd: string;
  env?: Record<string, string | undefined>;
  checks?: readonly Check[];
  stdoutIsTTY?: boolean;
  stderrIsTTY?: boolean;
  now?: () => number;
}

/** Colour and debugging off unless a test asks: the environment of the test runner must not leak in. */
const QUIET_ENV = { NO_COLOR: undefined, FORCE_COLOR: undefined, NPVGUARD_DEBUG: undefined, GITHUB_STEP_SUMMARY: undefined };

/** Runs `npvguard <args>` in-process through main(), capturing both streams. */
export async function runCli(args: readonly string[], options: RunOptions): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(
    ['node', 'npvguard', ...args],
    {
      stdout: { write: (chunk: string) => (stdout += chunk), isTTY: options.stdoutIsTTY ?? false },
      stderr: { write: (chunk: string) => (stderr += chunk), isTTY: options.stderrIsTTY ?? false },
      env: { ...QUIET_ENV, ...options.env },
      cwd: options.cwd,
      ...(options.now === undefined ? {} : { now: options.now }),
    },
    options.checks === undefined ? {} : { checks: options.checks },
  );
  return { code, stdout, stderr };
}

/** Runs the real bin in a child process (built dist), as a user or CI would. */
export function spawnCli(args: readonly string[], options: { cwd: string; env?: Record<string, string> }): Promise<CliRun> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !(key in QUIET_ENV)) env[key] = value;
  }
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: options.cwd, env: { ...env, ...options.env } }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ code, stdout, stderr });
    });
  });
}

/** A fresh copy of a fixture in a temp folder, for tests that write files; removed by the returned function. */
export function copyFixture(name: string): { root: string; cleanup: () => void } {
  const folder = mkdtempSync(path.join(tmpdir(), `npvguard-${name}-`));
  const root = path.join(folder, name);
  cpSync(fixture(name), root, { recursive: true });
  return { root, cleanup: () => rmSync(folder, { recursive: true, force: true }) };
}

/** Stack frames look like `    at fn (file:line:col)`; a user must never see one. */
export const STACK_FRAME = /^\s+at\s/m;
