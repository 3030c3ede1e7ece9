import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { colorEnabled } from '../../src/report/color.js';
import { markerCheck } from '../support/checks.js';
import { copyFixture, fixture, runCli } from '../support/cli.js';

const checks = [markerCheck];
const ANSI = '\u001b[';

describe('output', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });

  it('--output writes the report to the file (creating folders) and nothing to stdout', async () => {
    const copy = copyFixture('markers');
    cleanups.push(copy.cleanup);
    const run = await runCli(['check', '-f', 'json', '-o', 'reports/npvguard.json'], { cwd: copy.root, checks });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    const written = JSON.parse(readFileSync(path.join(copy.root, 'reports', 'npvguard.json'), 'utf8')) as { status: string };
    expect(written.status).toBe('fail');
  });

  it('--quiet shows errors only but keeps the verdict', async () => {
    const run = await runCli(['check', '-f', 'compact', '--quiet'], { cwd: fixture('markers'), checks });
    expect(run.code).toBe(1);
    expect(run.stdout.trimEnd().split('\n')).toEqual(['src/a.ts:3:4 error sample/marker MARKER found: // MARKER left behind (fix: Remove the MARKER line.)']);
  });

  it('--format github appends a Markdown summary to GITHUB_STEP_SUMMARY', async () => {
    const copy = copyFixture('markers');
    cleanups.push(copy.cleanup);
    const summary = path.join(copy.root, 'summary.md');
    const run = await runCli(['check', '-f', 'github'], { cwd: copy.root, checks, env: { GITHUB_STEP_SUMMARY: summary } });
    expect(run.stdout.split('\n')[0]).toMatch(/^::error file=src\/a\.ts,line=3,col=4,title=sample\/marker::/);
    expect(readFileSync(summary, 'utf8')).toContain('## npvguard: ❌ fail');
  });

  it('colours stylish output on a TTY, and never with NO_COLOR', async () => {
    const tty = await runCli(['check'], { cwd: fixture('markers'), checks, stdoutIsTTY: true });
    expect(tty.stdout).toContain(ANSI);
    const noColor = await runCli(['check'], { cwd: fixture('markers'), checks, stdoutIsTTY: true, env: { NO_COLOR: '1' } });
    expect(noColor.stdout).not.toContain(ANSI);
    const piped = await runCli(['check'], { cwd: fixture('markers'), checks, stdoutIsTTY: false });
    expect(piped.stdout).not.toContain(ANSI);
  });

  it('colours with FORCE_COLOR even when piped', async () => {
    const forced = await runCli(['check'], { cwd: fixture('markers'), checks, env: { FORCE_COLOR: '1' } });
    expect(forced.stdout).toContain(ANSI);
    const forcedOff = await runCli(['check'], { cwd: fixture('markers'), checks, stdoutIsTTY: true, env: { FORCE_COLOR: '0' } });
    expect(forcedOff.stdout).not.toContain(ANSI);
  });

  it('decides colour from FORCE_COLOR, then NO_COLOR, then the TTY', () => {
    const tty = { write: () => true, isTTY: true };
    const pipe = { write: () => true, isTTY: false };
    expect(colorEnabled({}, tty)).toBe(true);
    expect(colorEnabled({}, pipe)).toBe(false);
    expect(colorEnabled({ NO_COLOR: '1' }, tty)).toBe(false);
    expect(colorEnabled({ NO_COLOR: '' }, tty)).toBe(true);
    expect(colorEnabled({ FORCE_COLOR: '1' }, pipe)).toBe(true);
    expect(colorEnabled({ FORCE_COLOR: '' }, undefined)).toBe(true);
    expect(colorEnabled({ FORCE_COLOR: 'false' }, tty)).toBe(false);
    expect(colorEnabled({ FORCE_COLOR: '1', NO_COLOR: '1' }, pipe)).toBe(true);
  });

  it('shows progress only on a TTY stderr, and clears it', async () => {
    const tty = await runCli(['check'], { cwd: fixture('markers'), checks, stderrIsTTY: true });
    expect(tty.stderr).toBe('\r\u001b[Kchecking sample…\r\u001b[K');
    const piped = await runCli(['check'], { cwd: fixture('markers'), checks, stderrIsTTY: false });
    expect(piped.stderr).toBe('');
    const quiet = await runCli(['check', '--quiet'], { cwd: fixture('markers'), checks, stderrIsTTY: true });
    expect(quiet.stderr).toBe('');
  });
});
