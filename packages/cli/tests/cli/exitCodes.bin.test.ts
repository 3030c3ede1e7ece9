import { mkdtempSync, rmSync, existsSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STACK_FRAME, fixture, spawnCli, type CliRun } from '../support/cli.js';

/** A user error: exit 2, one coded paragraph plus the docs line on stderr, nothing on stdout, no stack. */
function expectCodedError(run: CliRun, code: string): void {
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(new RegExp(`^error ${code}: [^\\n]+\\n  run \`npvguard explain ${code}\`, or see https://github\\.com/npvguard/npvguard/blob/main/docs/errors\\.md#${code.toLowerCase()}\\n`, 'm'));
  expect(run.stderr).not.toMatch(STACK_FRAME);
}

describe('the npvguard bin: exit codes and coded errors', () => {
  let outsideGit: string;

  beforeAll(() => {
    // A copy of the clean fixture outside any git work tree (the repo itself is one).
    outsideGit = path.join(mkdtempSync(path.join(tmpdir(), 'npvguard-nogit-')), 'clean');
    cpSync(fixture('clean'), outsideGit, { recursive: true });
  });

  afterAll(() => {
    rmSync(path.dirname(outsideGit), { recursive: true, force: true });
  });

  it('exits 0 on a clean project', async () => {
    const run = await spawnCli(['check'], { cwd: fixture('clean') });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain('0 problems');
  });

  it('exits 1 when a finding fails the run', async () => {
    const run = await spawnCli(['check', '--format', 'compact'], { cwd: fixture('violation') });
    expect(run.code).toBe(1);
    expect(run.stdout.split('\n')[0]).toMatch(/^src\/core\/doubled\.ts:2:1 error boundaries\/forbidden-import /);
  });

  it('prints the version and help with exit 0', async () => {
    const version = await spawnCli(['--version'], { cwd: fixture('clean') });
    expect(version).toEqual({ code: 0, stdout: '0.1.0\n', stderr: '' });
    const help = await spawnCli(['check', '--help'], { cwd: fixture('clean') });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--max-warnings <n>');
  });

  it('config with a syntax error → NPV1002 with the file and position', async () => {
    const run = await spawnCli(['check'], { cwd: fixture('config-syntax-error') });
    expectCodedError(run, 'NPV1002');
    expect(run.stderr).toMatch(/npvguard\.config\.ts:4:\d+/);
  });

  it('config with a wrong type → NPV1003 with the path, expected and found', async () => {
    const run = await spawnCli(['check'], { cwd: fixture('config-wrong-type') });
    expectCodedError(run, 'NPV1003');
    expect(run.stderr).toContain('at boundaries.allow.server[1]: expected a layer name, found the number 42.');
  });

  it('config with an unknown key → NPV1004 suggesting the closest key', async () => {
    const run = await spawnCli(['check'], { cwd: fixture('config-unknown-key') });
    expectCodedError(run, 'NPV1004');
    expect(run.stderr).toContain('Unknown key "boundries"');
    expect(run.stderr).toContain('Did you mean "boundaries"?');
  });

  it('an include glob matching nothing → NPV1007', async () => {
    const run = await spawnCli(['check'], { cwd: fixture('include-matches-nothing') });
    expectCodedError(run, 'NPV1007');
    expect(run.stderr).toContain('"lib/**/*.ts"');
  });

  it('a layer glob matching nothing (raised by the boundaries check) → NPV1005, exit 2', async () => {
    const run = await spawnCli(['check'], { cwd: fixture('layer-glob-matches-nothing') });
    expectCodedError(run, 'NPV1005');
    expect(run.stderr).toContain('src/servr/**');
  });

  it('a missing tsconfig (raised by the boundaries check) → NPV2002, exit 2', async () => {
    const run = await spawnCli(['check'], { cwd: fixture('missing-tsconfig') });
    expectCodedError(run, 'NPV2002');
    expect(run.stderr).toContain('tsconfig.app.json');
  });

  it('no config anywhere → NPV1001', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'npvguard-no-config-'));
    try {
      const run = await spawnCli(['check'], { cwd: empty });
      expectCodedError(run, 'NPV1001');
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('an unknown --format → NPV2001 listing the formats', async () => {
    const run = await spawnCli(['check', '--format', 'xml'], { cwd: fixture('clean') });
    expectCodedError(run, 'NPV2001');
    expect(run.stderr).toContain('Allowed choices are stylish, compact, json, sarif, github, junit, markdown');
    expect(run.stdout).toBe('');
  });

  it('--only with an unknown check → NPV2001 suggesting the closest check', async () => {
    const run = await spawnCli(['check', '--only', 'boundary'], { cwd: fixture('clean') });
    expectCodedError(run, 'NPV2001');
    expect(run.stderr).toContain('Did you mean "boundaries"?');
  });

  it('an invalid --max-warnings → NPV2001', async () => {
    const run = await spawnCli(['check', '--max-warnings', '-3'], { cwd: fixture('clean') });
    expectCodedError(run, 'NPV2001');
  });

  it('--base outside a git work tree → NPV2003', async () => {
    const run = await spawnCli(['check', '--base', 'main'], { cwd: outsideGit });
    expectCodedError(run, 'NPV2003');
  });

  it('--base with an unknown ref → NPV2004', async () => {
    const run = await spawnCli(['check', '--base', 'no-such-branch-anywhere'], { cwd: fixture('clean') });
    expectCodedError(run, 'NPV2004');
    expect(run.stderr).toContain('does not name a commit');
  });

  it('--base with shell metacharacters → NPV2004, and nothing is executed', async () => {
    const marker = path.join(outsideGit, 'PWNED');
    for (const ref of [`main; touch ${marker}`, `$(touch ${marker})`, `\`touch ${marker}\``, `main && touch ${marker}`]) {
      const run = await spawnCli(['check', '--base', ref], { cwd: fixture('clean') });
      expectCodedError(run, 'NPV2004');
      expect(run.stderr).toContain('It was not passed to git.');
    }
    expect(existsSync(marker)).toBe(false);
  });

  it('a path argument that does not exist → NPV2007', async () => {
    const run = await spawnCli(['check', 'src/nope.ts'], { cwd: fixture('clean') });
    expectCodedError(run, 'NPV2007');
  });

  it('an --output that cannot be written → NPV2008', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'npvguard-output-'));
    const blocker = path.join(folder, 'file');
    writeFileSync(blocker, 'not a folder');
    try {
      const run = await spawnCli(['check', '--output', path.join(blocker, 'report.txt')], { cwd: fixture('clean') });
      expectCodedError(run, 'NPV2008');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
