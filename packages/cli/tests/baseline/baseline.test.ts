import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BaselineFile, Result } from '@npvguard/core';
import { lineOfFingerprint } from '../../src/baseline/baselineFile.js';
import { markerCheck } from '../support/checks.js';
import { copyFixture, runCli } from '../support/cli.js';

const checks = [markerCheck];

describe('the baseline file', () => {
  let root: string;
  let cleanup: () => void;
  const baselineFile = (): string => path.join(root, 'npvguard.baseline.json');
  const readBaseline = (): BaselineFile => JSON.parse(readFileSync(baselineFile(), 'utf8')) as BaselineFile;
  const baseline = (...args: string[]) => runCli(['baseline', ...args], { cwd: root, checks });
  const check = async (...args: string[]) => {
    const run = await runCli(['check', '-f', 'json', ...args], { cwd: root, checks });
    return { code: run.code, result: JSON.parse(run.stdout) as Result };
  };

  beforeEach(() => {
    ({ root, cleanup } = copyFixture('markers'));
  });
  afterEach(() => cleanup());

  it('shows what --update would do without writing', async () => {
    const run = await baseline();
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      'npvguard.baseline.json: does not exist. After --update: 3 accepted finding(s); 3 to add, 0 stale to remove.\nNot yet accepted: src/a.ts sample/marker; src/b.ts sample/soft; src/b.ts sample/soft.\n',
    );
    expect(existsSync(baselineFile())).toBe(false);
  });

  it('refuses to grow without --allow-growth (NPV2006), and needs a reason with it', async () => {
    const refused = await baseline('--update');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^error NPV2006: Refusing to grow npvguard\.baseline\.json by 3 finding\(s\): src\/a\.ts sample\/marker;/);
    expect(existsSync(baselineFile())).toBe(false);
    const noReason = await baseline('--update', '--allow-growth');
    expect(noReason.stderr).toMatch(/^error NPV2001: --allow-growth needs --reason/);
    expect(existsSync(baselineFile())).toBe(false);
  });

  it('writes a sorted, stable file with reasons, and check then passes on accepted findings', async () => {
    const written = await baseline('--update', '--allow-growth', '--reason', 'legacy, tracked in #12');
    expect(written).toMatchObject({ code: 0, stdout: 'Wrote npvguard.baseline.json: 3 accepted finding(s); 3 added, 0 stale removed.\n' });
    const file = readBaseline();
    expect(file.version).toBe(1);
    expect(file.findings.map((entry) => [entry.file, entry.ruleId, entry.reason])).toEqual([
      ['src/a.ts', 'sample/marker', 'legacy, tracked in #12'],
      ['src/b.ts', 'sample/soft', 'legacy, tracked in #12'],
      ['src/b.ts', 'sample/soft', 'legacy, tracked in #12'],
    ]);
    const before = readFileSync(baselineFile(), 'utf8');
    expect((await baseline('--update')).code).toBe(0);
    expect(readFileSync(baselineFile(), 'utf8')).toBe(before);

    const { code, result } = await check();
    expect(code).toBe(0);
    expect(result.findings.map((finding) => finding.baseline)).toEqual(['file', 'file', 'file']);
    expect(result.summary).toMatchObject({ errors: 0, warnings: 0, baseline: 3 });
  });

  it('fails on a finding the baseline does not hold', async () => {
    await baseline('--update', '--allow-growth', '--reason', 'legacy');
    writeFileSync(path.join(root, 'src/c.ts'), '// MARKER new\n');
    const { code, result } = await check();
    expect(code).toBe(1);
    expect(result.findings.filter((finding) => finding.baseline === undefined).map((finding) => `${finding.file}:${finding.line}`)).toEqual(['src/c.ts:1']);
    const refused = await baseline('--update');
    expect(refused.stderr).toMatch(/^error NPV2006: Refusing to grow npvguard\.baseline\.json by 1 finding\(s\): src\/c\.ts sample\/marker\./);
  });

  it('reports stale entries as info findings at their line, and lets --update shrink the file', async () => {
    await baseline('--update', '--allow-growth', '--reason', 'legacy');
    writeFileSync(path.join(root, 'src/a.ts'), 'export const a = 1;\n');
    const { code, result } = await check();
    expect(code).toBe(0);
    const stale = result.findings.filter((finding) => finding.ruleId === 'baseline/stale-entry');
    expect(stale).toHaveLength(1);
    const text = readFileSync(baselineFile(), 'utf8');
    expect(stale[0]).toMatchObject({ file: 'npvguard.baseline.json', severity: 'info', check: 'baseline' });
    expect(stale[0]?.line).toBe(text.split('\n').findIndex((line) => line.includes(readBaseline().findings[0]?.fingerprint ?? '?')) + 1);
    const shrunk = await baseline('--update');
    expect(shrunk).toMatchObject({ code: 0, stdout: 'Wrote npvguard.baseline.json: 2 accepted finding(s); 0 added, 1 stale removed.\n' });
    expect(readBaseline().findings.map((entry) => entry.file)).toEqual(['src/b.ts', 'src/b.ts']);
  });

  it('does not judge entries outside the paths given to check', async () => {
    await baseline('--update', '--allow-growth', '--reason', 'legacy');
    writeFileSync(path.join(root, 'src/a.ts'), 'export const a = 1;\n');
    const { result } = await check('src/b.ts');
    expect(result.findings.some((finding) => finding.ruleId === 'baseline/stale-entry')).toBe(false);
  });

  it('does not call an entry stale when --base already excused its finding', async () => {
    await baseline('--update', '--allow-growth', '--reason', 'legacy');
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.email=ci@npvguard.test', '-c', 'user.name=npvguard tests', ...args], { cwd: root, encoding: 'utf8' });
    git('init', '--quiet', '--initial-branch=main');
    git('add', '.');
    git('commit', '--quiet', '-m', 'accepted findings');
    const { code, result } = await check('--base', 'HEAD');
    expect(code).toBe(0);
    expect(result.findings.map((finding) => `${finding.ruleId} ${finding.baseline ?? 'new'}`)).toEqual([
      'sample/marker base',
      'sample/soft base',
      'sample/soft base',
    ]);
  });

  it('rejects an invalid baseline file with NPV2005', async () => {
    writeFileSync(baselineFile(), '{ "version": 1, "findings": [ { "ruleId": "sample/marker" } ] }');
    const run = await runCli(['check'], { cwd: root, checks });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error NPV2005: Invalid baseline file npvguard\.baseline\.json at findings\[0\]\.file: expected a non-empty string/);
    writeFileSync(baselineFile(), '{ not json');
    expect((await runCli(['check'], { cwd: root, checks })).stderr).toMatch(/^error NPV2005: The baseline file npvguard\.baseline\.json is not valid JSON/);
  });

  it('finds the line of the n-th entry with a fingerprint', () => {
    const text = '{\n  "fingerprint": "aa",\n  "x": 1,\n  "fingerprint": "aa"\n}';
    expect(lineOfFingerprint(text, 'aa', 0)).toBe(2);
    expect(lineOfFingerprint(text, 'aa', 1)).toBe(4);
    expect(lineOfFingerprint(text, 'bb', 0)).toBe(1);
  });
});
