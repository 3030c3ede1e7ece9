import { describe, expect, it } from 'vitest';
import { fingerprint, type Result } from '@npvguard/core';
import { crashingCheck, failingCheck, lintLikeCheck, markerCheck, undeclaredRuleCheck } from '../support/checks.js';
import { fixture, runCli } from '../support/cli.js';

/** A clock that advances 5 ms per reading, so durations are exact. */
function steppingClock(): () => number {
  let time = 0;
  return () => (time += 5);
}

async function jsonResult(args: readonly string[], checks = [markerCheck, lintLikeCheck]): Promise<{ code: number; result: Result; stderr: string }> {
  const run = await runCli(['check', '--format', 'json', ...args], { cwd: fixture('markers'), checks, now: steppingClock() });
  return { code: run.code, result: JSON.parse(run.stdout) as Result, stderr: run.stderr };
}

describe('the runner', () => {
  it('fills check, severity, docsUrl and fingerprint, sorts findings and times checks', async () => {
    const { code, result } = await jsonResult([]);
    expect(code).toBe(1);
    expect(result.status).toBe('fail');
    expect(result.findings[0]).toEqual({
      ruleId: 'sample/marker',
      check: 'sample',
      severity: 'error',
      file: 'src/a.ts',
      line: 3,
      column: 4,
      message: 'MARKER found: // MARKER left behind',
      hint: 'Remove the MARKER line.',
      docsUrl: 'https://github.com/npvguard/npvguard/blob/main/docs/rules/sample/marker.md',
      fingerprint: fingerprint('sample/marker', 'src/a.ts', ['// MARKER left behind']),
    });
    expect(result.findings.map((finding) => `${finding.file}:${finding.line} ${finding.ruleId} ${finding.severity}`)).toEqual([
      'src/a.ts:3 sample/marker error',
      'src/b.ts:1 sample/soft warning',
      'src/b.ts:3 sample/soft warning',
    ]);
    expect(result.checks).toEqual([
      { id: 'sample', status: 'fail', durationMs: 5, data: { scanned: 2 } },
      { id: 'lint', status: 'skipped', durationMs: 0 },
    ]);
    expect(result.summary).toEqual({ errors: 1, warnings: 2, infos: 0, baseline: 0, filesChecked: 2 });
  });

  it('applies severity overrides from config rules and drops rules turned off', async () => {
    const { code, result } = await jsonResult(['--config', 'overrides.config.ts']);
    expect(code).toBe(0);
    expect(result.findings.map((finding) => `${finding.ruleId} ${finding.severity}`)).toEqual(['sample/marker info']);
    expect(result.checks[0]?.status).toBe('pass');
  });

  it('fails on warnings only past --max-warnings', async () => {
    const config = ['--config', 'warnings.config.ts'];
    expect((await jsonResult([...config])).code).toBe(0);
    expect((await jsonResult([...config, '--max-warnings', '2'])).code).toBe(0);
    const over = await jsonResult([...config, '--max-warnings', '1']);
    expect(over.code).toBe(1);
    expect(over.result.status).toBe('fail');
  });

  it('marks a check that could not run as error, keeps its code and exits 2', async () => {
    const { code, result, stderr } = await jsonResult([], [markerCheck, failingCheck]);
    expect(code).toBe(2);
    expect(result.status).toBe('error');
    expect(result.checks[1]).toEqual({
      id: 'failing',
      status: 'error',
      durationMs: 5,
      error: { code: 'NPV2002', message: 'tsconfig not found: /nowhere/tsconfig.json.' },
    });
    expect(stderr).toBe('error NPV2002: The failing check could not run: tsconfig not found: /nowhere/tsconfig.json.\n  run `npvguard explain NPV2002`, or see https://github.com/npvguard/npvguard/blob/main/docs/errors.md#npv2002\n');
  });

  it('turns an unexpected exception in a check into NPV9001 in the result', async () => {
    const { code, result } = await jsonResult([], [crashingCheck]);
    expect(code).toBe(2);
    expect(result.checks[0]?.error).toEqual({ code: 'NPV9001', message: 'internal error: cannot read properties of undefined' });
  });

  it('treats a finding with an undeclared rule id as a bug in the check', async () => {
    const { code, result } = await jsonResult([], [undeclaredRuleCheck]);
    expect(code).toBe(2);
    expect(result.checks[0]?.error?.message).toContain('reported the undeclared rule "sloppy/unknown"');
    expect(result.findings).toEqual([]);
  });

  it('rejects config rules that no registered check declares', async () => {
    const run = await runCli(['check', '--config', 'unknown-rule.config.ts'], { cwd: fixture('markers'), checks: [markerCheck] });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('error NPV1004: Unknown rule "sample/markr"');
    expect(run.stderr).toContain('Did you mean "sample/marker"?');
  });

  it('passes command-line paths to checks as project paths', async () => {
    const run = await runCli(['check', 'src/b.ts', '-f', 'compact'], { cwd: fixture('markers'), checks: [markerCheck] });
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n').filter(Boolean).map((line) => line.split(' ')[0])).toEqual(['src/b.ts:1:4', 'src/b.ts:3:4']);
  });

  it('refuses paths outside the project', async () => {
    const run = await runCli(['check', '..'], { cwd: fixture('markers'), checks: [markerCheck] });
    expect(run.stderr).toMatch(/^error NPV2007: The path \.\. is outside the project root/);
  });

  it('refuses to run when no check is configured, and when --only names an unconfigured check', async () => {
    const nothing = await runCli(['check'], { cwd: fixture('markers'), checks: [lintLikeCheck] });
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toMatch(/^error NPV1008: npvguard\.config\.ts configures none of the available checks \(lint\)/);
    const only = await runCli(['check', '--only', 'lint'], { cwd: fixture('markers'), checks: [markerCheck, lintLikeCheck] });
    expect(only.stderr).toMatch(/^error NPV1008: The lint check was selected but npvguard\.config\.ts has no `lint` section\./);
  });
});
