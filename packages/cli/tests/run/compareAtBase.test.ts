import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Check, Result } from '@npvguard/core';
import { runCli } from '../support/cli.js';

function git(args: readonly string[], cwd: string): void {
  execFileSync('git', ['-c', 'user.email=ci@npvguard.test', '-c', 'user.name=npvguard tests', ...args], { cwd, encoding: 'utf8' });
}

function write(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/** What a check saw when it ran: at the base or at head, and on which paths. */
interface Visit {
  check: string;
  atBase: boolean;
  paths: readonly string[];
}

/** Reports each line holding `word` as `<id>/found`, fingerprinted by the line's text, and records its visits. */
function wordCheck(id: string, word: string, visits: Visit[], severity: 'error' | 'warning' | 'info' = 'error'): Check {
  return {
    id,
    meta: { description: `Finds ${word}.`, docs: `checks/${id}.md`, rules: [{ id: `${id}/found`, description: `A ${word} line.`, defaultSeverity: severity }] },
    isConfigured: () => true,
    async run(context) {
      visits.push({ check: id, atBase: context.atBase === true, paths: context.paths });
      for (const file of context.files) {
        if (context.paths.length > 0 && !context.paths.includes(file)) continue;
        readFileSync(path.join(context.root, file), 'utf8')
          .split('\n')
          .forEach((text, index) => {
            if (!text.includes(word)) return;
            context.report({ ruleId: `${id}/found`, file, line: index + 1, column: 1, message: text.trim(), hint: `Remove ${word}.`, fingerprintParts: [text.trim()] });
          });
      }
    },
  };
}

describe('--base: which checks run at the base, and on what', () => {
  let folder: string;
  let service: string;
  const visits: Visit[] = [];
  let result: Result;
  let code: number;

  beforeAll(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'npvguard-compare-'));
    service = path.join(folder, 'service');
    write(path.join(service, 'npvguard.config.ts'), "export default { include: 'src/**/*.ts' };\n");
    write(path.join(service, 'src/a.ts'), '// MARKER old\nexport const a = 1;\n');
    write(path.join(service, 'src/b.ts'), 'export const b = 2;\n');
    write(path.join(service, 'src/c.ts'), 'export const c = 3;\n');
    git(['init', '--quiet', '--initial-branch=main'], folder);
    git(['add', '.'], folder);
    git(['commit', '--quiet', '-m', 'base'], folder);
    // The change: a new marker in a file the base has, and one in a file it does not.
    write(path.join(service, 'src/b.ts'), 'export const b = 2;\n// MARKER new\n');
    write(path.join(service, 'src/fresh.ts'), '// MARKER fresh FRESH\n');
    git(['add', '.'], folder);
    git(['commit', '--quiet', '-m', 'change'], folder);
    const checks = [
      { ...wordCheck('per-file', 'MARKER', visits), traits: { findingsPerFile: true } },
      wordCheck('whole', 'MARKER', visits),
      wordCheck('clean', 'ABSENT', visits),
      wordCheck('new-files', 'FRESH', visits),
      wordCheck('notes', 'MARKER', visits, 'info'),
      wordCheck('warnings', 'MARKER', visits, 'warning'),
    ];
    const run = await runCli(['check', '--base', 'HEAD~1', '--format', 'json'], { cwd: service, checks });
    code = run.code;
    result = JSON.parse(run.stdout) as Result;
  });

  afterAll(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  function baseOf(id: string): unknown {
    return result.checks.find((run) => run.id === id)?.data?.base;
  }

  it('still compares a check with findings, and marks those the base had', () => {
    expect(code).toBe(1);
    expect(result.findings.filter((finding) => finding.check === 'whole').map((finding) => `${finding.file}:${finding.line} ${finding.baseline ?? 'new'}`)).toEqual([
      'src/a.ts:1 base',
      'src/b.ts:2 new',
      'src/fresh.ts:1 new',
    ]);
    expect(baseOf('whole')).toMatchObject({ ref: 'HEAD~1', status: 'compared', findingsAtBase: 1 });
    expect(baseOf('whole')).not.toHaveProperty('files');
  });

  it('runs a check whose findings depend on their own file at the base only on the files holding its findings there', () => {
    expect(result.findings.filter((finding) => finding.check === 'per-file').map((finding) => `${finding.file}:${finding.line} ${finding.baseline ?? 'new'}`)).toEqual([
      'src/a.ts:1 base',
      'src/b.ts:2 new',
      'src/fresh.ts:1 new',
    ]);
    expect(baseOf('per-file')).toMatchObject({ status: 'compared', findingsAtBase: 1, files: ['src/a.ts', 'src/b.ts'] });
  });

  it('skips the base run of a check without findings, and of one whose findings are all in files the base does not have', () => {
    expect(baseOf('clean')).toEqual({ ref: 'HEAD~1', sha: expect.stringMatching(/^[0-9a-f]{40}$/), status: 'not-needed', reason: 'no findings at head' });
    expect(baseOf('new-files')).toMatchObject({ status: 'not-needed', reason: 'every finding is in a file the base does not have' });
    expect(result.findings.filter((finding) => finding.check === 'new-files').map((finding) => finding.baseline ?? 'new')).toEqual(['new']);
  });

  it('skips the base run of a check with only info findings, which never fail a run, and still compares warnings', () => {
    expect(result.findings.filter((finding) => finding.check === 'notes').map((finding) => `${finding.severity} ${finding.file}:${finding.line} ${finding.baseline ?? 'new'}`)).toEqual([
      'info src/a.ts:1 new',
      'info src/b.ts:2 new',
      'info src/fresh.ts:1 new',
    ]);
    expect(baseOf('notes')).toMatchObject({ status: 'not-needed', reason: 'only info findings at head' });
    expect(baseOf('warnings')).toMatchObject({ status: 'compared', findingsAtBase: 1 });
    expect(result.findings.filter((finding) => finding.check === 'warnings').map((finding) => finding.baseline ?? 'new')).toEqual(['base', 'new', 'new']);
  });

  it('tells the base run it is one, and passes the narrowed paths', () => {
    const byCheck = (atBase: boolean): string[] =>
      visits
        .filter((visit) => visit.atBase === atBase)
        .map((visit) => `${visit.check} [${visit.paths.join(', ')}]`)
        .sort();
    expect(byCheck(false)).toEqual(['clean []', 'new-files []', 'notes []', 'per-file []', 'warnings []', 'whole []']);
    expect(byCheck(true)).toEqual(['per-file [src/a.ts, src/b.ts]', 'warnings []', 'whole []']);
  });
});
