import { describe, expect, it } from 'vitest';
import { crashingCheck, markerCheck } from '../support/checks.js';
import { STACK_FRAME, fixture, runCli } from '../support/cli.js';

describe('main', () => {
  it('prints the cli package version', async () => {
    const run = await runCli(['--version'], { cwd: fixture('markers') });
    expect(run).toEqual({ code: 0, stdout: '0.1.0\n', stderr: '' });
  });

  it('prints help for a command on stdout', async () => {
    const run = await runCli(['baseline', '--help'], { cwd: fixture('markers') });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('--allow-growth');
    expect(run.stderr).toBe('');
  });

  it('reports an unexpected exception as NPV9001 without a stack trace', async () => {
    const run = await runCli(['check'], { cwd: fixture('markers'), checks: [crashingCheck] });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'error NPV9001: internal error: cannot read properties of undefined\n  run `npvguard explain NPV9001`, or see https://github.com/npvguard/npvguard/blob/main/docs/errors.md#npv9001\n  run again with --debug (or NPVGUARD_DEBUG=1) for the stack trace\n',
    );
  });

  it('prints the stack of an internal error with --debug or NPVGUARD_DEBUG=1', async () => {
    const flagged = await runCli(['check', '--debug'], { cwd: fixture('markers'), checks: [crashingCheck] });
    expect(flagged.stderr).toMatch(STACK_FRAME);
    const environment = await runCli(['check'], { cwd: fixture('markers'), checks: [crashingCheck], env: { NPVGUARD_DEBUG: '1' } });
    expect(environment.stderr).toMatch(STACK_FRAME);
  });

  it('runs `boundaries` as `check --only boundaries`', async () => {
    const run = await runCli(['boundaries'], { cwd: fixture('markers'), checks: [markerCheck] });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('error NPV2001: Unknown check "boundaries" given to --only. Available checks: sample.');
  });

  it('discovers the config from a subfolder and reports paths from there', async () => {
    const run = await runCli(['check', '--format', 'compact'], { cwd: `${fixture('markers')}/src`, checks: [markerCheck] });
    expect(run.stdout.split('\n')[0]).toBe('../src/a.ts:3:4 error sample/marker MARKER found: // MARKER left behind (fix: Remove the MARKER line.)');
  });

  it('honours --cwd and --config', async () => {
    const run = await runCli(['check', '--cwd', fixture('markers'), '--config', 'npvguard.config.ts', '-f', 'compact'], {
      cwd: fixture('clean'),
      checks: [markerCheck],
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('src/a.ts:3:4 error sample/marker');
  });

  it('rejects a --cwd that does not exist and a --config that does not exist', async () => {
    const missingFolder = await runCli(['check', '--cwd', 'no/such/folder'], { cwd: fixture('markers'), checks: [markerCheck] });
    expect(missingFolder.stderr).toMatch(/^error NPV2007: /);
    const missingConfig = await runCli(['check', '--config', 'nope.config.ts'], { cwd: fixture('markers'), checks: [markerCheck] });
    expect(missingConfig.stderr).toMatch(/^error NPV1001: The config file .*nope\.config\.ts given with --config does not exist\./);
  });

  it('loads a JSON config', async () => {
    const run = await runCli(['check', '-f', 'json'], { cwd: fixture('json-config') });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: 'pass', checks: expect.arrayContaining([expect.objectContaining({ id: 'boundaries', status: 'pass' })]) });
  });
});
