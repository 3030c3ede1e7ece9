import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Finding, Result } from '@npvguard/core';
import { REPO_ROOT, runCli } from '../support/cli.js';

const GIT_IDENTITY = ['-c', 'user.name=npvguard tests', '-c', 'user.email=tests@npvguard.invalid', '-c', 'commit.gpgsign=false', '-c', 'core.hooksPath=/dev/null'];

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', [...GIT_IDENTITY, ...args], { cwd, encoding: 'utf8', env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } });
}

/** A temporary git repository; files are written, removed and committed through it. */
export interface TempRepo {
  root: string;
  write(files: Record<string, string>): void;
  remove(...files: string[]): void;
  commit(message: string): void;
  cleanup(): void;
}

export const MINIMAL_CONFIG = "export default { integrity: {} };\n";

export function createRepo(files: Record<string, string>, options: { linkNodeModules?: boolean } = {}): TempRepo {
  const folder = mkdtempSync(path.join(tmpdir(), 'npvguard-integrity-'));
  const root = path.join(folder, 'repo');
  mkdirSync(root);
  git(root, 'init', '--quiet', '--initial-branch=main');
  if (options.linkNodeModules === true) symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  const repo: TempRepo = {
    root,
    write(entries) {
      for (const [file, text] of Object.entries(entries)) {
        mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
        writeFileSync(path.join(root, file), text);
      }
    },
    remove(...entries) {
      for (const file of entries) rmSync(path.join(root, file), { force: true });
    },
    commit(message) {
      git(root, 'add', '--all', '--', '.');
      git(root, 'commit', '--quiet', '--allow-empty', '-m', message);
    },
    cleanup() {
      rmSync(folder, { recursive: true, force: true });
    },
  };
  repo.write({ '.gitignore': 'node_modules\n', ...files });
  repo.commit('base');
  return repo;
}

export interface IntegrityRun {
  code: number;
  result: Result;
  stderr: string;
  findings: Finding[];
}

/** `npvguard check --only integrity --format json` in-process, against HEAD~1 unless told otherwise. */
export async function runIntegrity(root: string, extra: readonly string[] = ['--base', 'HEAD~1']): Promise<IntegrityRun> {
  const run = await runCli(['check', '--only', 'integrity', '--format', 'json', ...extra], { cwd: root });
  if (run.stdout === '') throw new Error(`no report (exit ${run.code}): ${run.stderr}`);
  const result = JSON.parse(run.stdout) as Result;
  return { code: run.code, result, stderr: run.stderr, findings: result.findings.filter((finding) => finding.check === 'integrity' && finding.baseline === undefined) };
}

/** `ruleId file:line` of each finding, sorted: what most assertions compare. */
export function brief(findings: readonly Finding[]): string[] {
  return findings.map((finding) => `${finding.ruleId} ${finding.file}:${finding.line}`).sort();
}
