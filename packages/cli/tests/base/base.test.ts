import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '@npvguard/core';
import { fixture, runCli } from '../support/cli.js';

function git(args: readonly string[], cwd: string): string {
  return execFileSync('git', ['-c', 'user.email=ci@npvguard.test', '-c', 'user.name=npvguard tests', ...args], { cwd, encoding: 'utf8' });
}

function write(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

async function checkAgainst(base: string, cwd: string): Promise<{ code: number; result: Result; stderr: string }> {
  const run = await runCli(['check', '--base', base, '--format', 'json'], { cwd });
  return { code: run.code, result: JSON.parse(run.stdout) as Result, stderr: run.stderr };
}

describe('--base: only what the change adds', () => {
  let folder: string;
  let repo: string;
  let service: string;

  beforeAll(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'npvguard-git-'));
    repo = path.join(folder, 'repo');
    // The project sits in a subfolder of the repository, as in a monorepo.
    service = path.join(repo, 'service');
    cpSync(fixture('clean'), service, { recursive: true });
    write(path.join(service, 'src/core/legacy.ts'), "import { handler } from '../server/handler.js';\n\nexport const legacy = handler;\n");
    git(['init', '--quiet', '--initial-branch=main'], repo);
    git(['add', '.'], repo);
    git(['commit', '--quiet', '-m', 'base with one known violation'], repo);
    // The change: the old violation moves down two lines, a new one is added.
    write(path.join(service, 'src/core/legacy.ts'), "// moved down\n// by an unrelated edit\nimport { handler } from '../server/handler.js';\n\nexport const legacy = handler;\n");
    write(path.join(service, 'src/core/fresh.ts'), "import { handler } from '../server/handler.js';\n\nexport const fresh = handler;\n");
    git(['add', '.'], repo);
    git(['commit', '--quiet', '-m', 'change adding a violation'], repo);
  });

  afterAll(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it('marks findings that existed at the base as baseline, even on another line, and fails on the new one', async () => {
    const { code, result } = await checkAgainst('main~1', service);
    expect(code).toBe(1);
    expect(result.findings.map((finding) => [finding.file, finding.line, finding.ruleId, finding.baseline ?? 'new'])).toEqual([
      ['src/core/fresh.ts', 1, 'boundaries/forbidden-import', 'new'],
      ['src/core/legacy.ts', 3, 'boundaries/forbidden-import', 'base'],
    ]);
    expect(result.summary).toMatchObject({ errors: 1, baseline: 1 });
    expect(result.checks[0]?.data?.base).toMatchObject({ ref: 'main~1', status: 'compared', findingsAtBase: 1 });
  });

  it('passes when the only findings existed at the base (working tree compared with the ref)', async () => {
    const fresh = path.join(service, 'src/core/fresh.ts');
    unlinkSync(fresh);
    try {
      const { code, result } = await checkAgainst('HEAD~1', service);
      expect(code).toBe(0);
      expect(result.status).toBe('pass');
      expect(result.findings.map((finding) => finding.baseline)).toEqual(['base']);
    } finally {
      git(['checkout', '--quiet', '--', 'service/src/core/fresh.ts'], repo);
    }
  });

  it('removes the temporary worktree afterwards', async () => {
    await checkAgainst('main~1', service);
    const worktrees = git(['worktree', 'list', '--porcelain'], repo).split('\n').filter((line) => line.startsWith('worktree '));
    expect(worktrees).toHaveLength(1);
  });

  it('counts every finding as new when the check cannot run at the base', async () => {
    const early = path.join(folder, 'early');
    mkdirSync(early);
    cpSync(fixture('clean'), early, { recursive: true });
    rmSync(path.join(early, 'src/server'), { recursive: true });
    // The file holding the finding exists at the base, so the base has to be consulted.
    write(path.join(early, 'src/core/doubled.ts'), 'export const doubled = 2;\n');
    git(['init', '--quiet', '--initial-branch=main'], early);
    git(['add', '.'], early);
    git(['commit', '--quiet', '-m', 'before the server layer existed'], early);
    cpSync(fixture('violation'), early, { recursive: true, force: true });
    git(['add', '.'], early);
    git(['commit', '--quiet', '-m', 'server layer and a violation'], early);
    const { code, result } = await checkAgainst('main~1', early);
    expect(code).toBe(1);
    expect(result.findings.every((finding) => finding.baseline === undefined)).toBe(true);
    expect(result.checks[0]?.data?.base).toMatchObject({ status: 'error', error: { code: 'NPV1005' } });
  });
});
