import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { justificationAt } from '../../src/checks/integrity/justify.js';
import { STACK_FRAME, runCli, spawnCli } from '../support/cli.js';
import { brief, createRepo, MINIMAL_CONFIG, runIntegrity, type TempRepo } from './gitRepo.js';

const SOURCE = 'export function parse(input: string): number {\n  return Number(input);\n}\n';
const repos: TempRepo[] = [];
afterAll(() => repos.forEach((repo) => repo.cleanup()));

function repoWith(files: Record<string, string>): TempRepo {
  const repo = createRepo({ 'npvguard.config.ts': MINIMAL_CONFIG, ...files });
  repos.push(repo);
  return repo;
}

describe('the justification convention', () => {
  it('lowers a finding to a warning and shows the reason, on the same or the previous line', async () => {
    const repo = repoWith({ 'src/a.ts': SOURCE, 'src/b.ts': SOURCE });
    repo.write({
      'src/a.ts': 'export function parse(input: string): number {\n  // npvguard-justify: the vendor types declare a string, the API sends a number\n  return (input as any) * 1;\n}\n',
      'src/b.ts': 'export function parse(input: string): number {\n  return (input as any) * 1; /* npvguard-justify: same vendor bug */\n}\n',
    });
    repo.commit('justified');
    const run = await runIntegrity(repo.root);
    expect(run.code).toBe(0);
    expect(run.findings.map((finding) => [finding.ruleId, finding.file, finding.line, finding.severity, finding.data?.justification])).toEqual([
      ['integrity/as-any', 'src/a.ts', 3, 'warning', 'the vendor types declare a string, the API sends a number'],
      ['integrity/as-any', 'src/b.ts', 2, 'warning', 'same vendor bug'],
    ]);
    expect(run.findings[0]?.message).toContain('Justified: the vendor types declare a string, the API sends a number');
  });

  it('needs a reason, and only counts the line itself and the one above', () => {
    const text = '// npvguard-justify:\nx\n// npvguard-justify: why\n\ny\n';
    expect(justificationAt(text, 2)).toBeUndefined();
    expect(justificationAt(text, 5)).toBeUndefined();
    expect(justificationAt(text, 4)).toBe('why');
    expect(justificationAt('# npvguard-justify: yaml too\n', 1)).toBe('yaml too');
  });
});

describe('what the integrity check looks at', () => {
  it('reports only in the given paths, skips ignored files, and counts untracked files as added', async () => {
    const repo = repoWith({ 'npvguard.config.ts': "export default { integrity: { ignore: 'src/generated/**' } };\n", 'src/a.ts': SOURCE, 'src/generated/b.ts': SOURCE });
    repo.write({
      'src/a.ts': SOURCE.replace('Number(input)', 'Number(input as any)'),
      'src/generated/b.ts': SOURCE.replace('Number(input)', 'Number(input as any)'),
      'src/new.ts': 'export const n = 1 as unknown as string;\n',
    });
    const all = await runIntegrity(repo.root, []);
    expect(brief(all.findings)).toEqual(['integrity/as-any src/a.ts:2', 'integrity/as-unknown-as src/new.ts:1']);
    expect(all.result.checks.find((check) => check.id === 'integrity')?.data).toMatchObject({ against: 'HEAD', filesChanged: 2 });
    const onlyNew = await runIntegrity(repo.root, ['src/new.ts']);
    expect(brief(onlyNew.findings)).toEqual(['integrity/as-unknown-as src/new.ts:1']);
  });

  it('an ESLint config added where the base had none loosens nothing and does not stop the check', async () => {
    const repo = repoWith({ 'src/a.ts': SOURCE });
    repo.write({ 'eslint.config.js': "export default [{ rules: { 'no-var': 'error' } }];\n" });
    repo.commit('add an ESLint config');
    const run = await runIntegrity(repo.root);
    expect(run.stderr).not.toContain('NPV2303');
    expect(run.code).toBe(0);
    expect(run.result.checks.find((check) => check.id === 'integrity')?.status).toBe('pass');
    expect(run.result.checks.find((check) => check.id === 'integrity')?.data).toMatchObject({ filesChanged: 1 });
  });

  it('passes a clean tree with nothing to compare', async () => {
    const repo = repoWith({ 'src/a.ts': SOURCE });
    const run = await runIntegrity(repo.root, []);
    expect(run.code).toBe(0);
    expect(run.result.checks.find((check) => check.id === 'integrity')).toMatchObject({ status: 'pass', data: { against: 'HEAD', filesChanged: 0 } });
  });

  it('reports a rule turned down from its default severity in the config', async () => {
    const repo = repoWith({ 'src/a.ts': SOURCE });
    repo.write({ 'npvguard.config.ts': "export default {\n  rules: { 'integrity/as-any': 'warning' },\n  integrity: {},\n};\n" });
    repo.commit('quieter');
    expect(brief((await runIntegrity(repo.root)).findings)).toEqual(['integrity/npvguard-config-loosened npvguard.config.ts:2']);
  });
});

describe('integrity errors', () => {
  const outside = mkdtempSync(path.join(tmpdir(), 'npvguard-no-git-'));
  afterAll(() => rmSync(outside, { recursive: true, force: true }));

  it('outside a git work tree: NPV2302, exit 2, no stack trace (the real bin)', async () => {
    mkdirSync(path.join(outside, 'src'), { recursive: true });
    writeFileSync(path.join(outside, 'src', 'a.ts'), SOURCE);
    writeFileSync(path.join(outside, 'npvguard.config.json'), JSON.stringify({ integrity: {} }));
    const run = await spawnCli(['check', '--only', 'integrity'], { cwd: outside });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('NPV2302');
    expect(run.stderr).not.toMatch(STACK_FRAME);
  });

  it('an invalid integrity section: NPV1004 / NPV1003 with the path', async () => {
    writeFileSync(path.join(outside, 'npvguard.config.json'), JSON.stringify({ integrity: { test: 'tests/**' } }));
    const unknown = await runCli(['check'], { cwd: outside });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/NPV1004.*integrity\.test.*Did you mean "tests"/);
    writeFileSync(path.join(outside, 'npvguard.config.json'), JSON.stringify({ integrity: { ignore: ['/abs/**'] } }));
    const wrong = await runCli(['check'], { cwd: outside });
    expect(wrong.stderr).toMatch(/NPV1003.*integrity\.ignore\[0\]/);
    expect(wrong.stderr).not.toMatch(STACK_FRAME);
  });

  it('a base config that does not load: NPV2303', async () => {
    const repo = repoWith({ 'src/a.ts': SOURCE, 'npvguard.config.ts': 'export default { integrity: {} ;\n' });
    repo.write({ 'npvguard.config.ts': MINIMAL_CONFIG });
    repo.commit('fix config');
    const run = await runCli(['check', '--only', 'integrity', '--base', 'HEAD~1'], { cwd: repo.root });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('NPV2303');
    expect(run.stderr).not.toMatch(STACK_FRAME);
  });
});
