import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkOwning, focusedChecks } from '../runner/focus.js';
import type { CaseOutcome } from '../runner/runCase.js';
import { median, renderTable, totals, totalsBy } from '../runner/table.js';
import { readCase, ruleFamily, type AgentCase } from '../runner/cases.js';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = path.resolve(HERE, '../../..');

function outcome(partial: Partial<CaseOutcome> & Pick<CaseOutcome, 'id' | 'kind' | 'correct' | 'seconds'>): CaseOutcome {
  return { category: partial.kind === 'bad' ? 'boundary' : 'benign', family: 'boundaries', form: 'direct', origin: 'authored', exitCode: partial.correct === (partial.kind === 'bad') ? 1 : 0, fired: [], warned: [], hit: [], ...partial };
}

describe('median', () => {
  it('has as many values at or below it as at or above it', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1_000, noNaN: true }), { minLength: 1, maxLength: 50 }), (values) => {
        const middle = median(values);
        expect(values.filter((value) => value <= middle).length).toBeGreaterThanOrEqual(values.length / 2);
        expect(values.filter((value) => value >= middle).length).toBeGreaterThanOrEqual(values.length / 2);
      }),
      { numRuns: 200 },
    );
  });

  it('averages the two middle values of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBe(0);
  });
});

describe('totals and the table', () => {
  const outcomes: CaseOutcome[] = [
    outcome({ id: 'bad-caught', kind: 'bad', correct: true, seconds: 4, fired: ['lint/no-pii-in-logs'], hit: ['lint/no-pii-in-logs'] }),
    outcome({ id: 'bad-missed', kind: 'bad', correct: false, seconds: 6, family: 'no-pii-in-logs', form: 'cross-file-call', origin: 'from-doc-page' }),
    outcome({ id: 'benign-passed', kind: 'benign', correct: true, seconds: 2, form: 'look-alike' }),
    outcome({ id: 'benign-failed', kind: 'benign', correct: false, seconds: 10, exitCode: 2, error: 'error NPV2002: tsconfig not found' }),
  ];

  it('counts catch rate, false positives, errors, median and max time', () => {
    expect(totals(outcomes)).toEqual({
      bad: 2,
      caught: 1,
      benign: 2,
      falsePositives: 1,
      errors: 1,
      catchRate: 0.5,
      falsePositiveRate: 0.5,
      medianSeconds: 5,
      maxSeconds: 10,
    });
  });

  it('prints one row per case, wrong ones marked, then the totals', () => {
    const table = renderTable(outcomes);
    expect(table).toContain('| ok | bad-caught | bad | boundary | exit 1 | lint/no-pii-in-logs | lint/no-pii-in-logs | 4.0 |');
    expect(table).toContain('| WRONG | benign-failed | benign | benign | exit 2 | - | - (error NPV2002: tsconfig not found) | 10.0 |');
    expect(table).toContain('catch rate: 1/2 bad cases caught with an expected id (50.0%)');
    expect(table).toContain('false-positive rate: 1/2 benign cases failed (50.0%)');
    expect(table).toContain('time to verdict: median 5.0 s, max 10.0 s');
  });

  it('breaks the counts down by rule family, form and origin', () => {
    expect(totalsBy(outcomes, (entry) => entry.family)).toEqual([
      { group: 'boundaries', caught: 1, bad: 1, falsePositives: 1, benign: 2 },
      { group: 'no-pii-in-logs', caught: 0, bad: 1, falsePositives: 0, benign: 0 },
    ]);
    const table = renderTable(outcomes);
    expect(table).toContain('| rule family | bad caught | benign failed |');
    expect(table).toContain('| no-pii-in-logs | 0/1 | - |');
    expect(table).toContain('| cross-file-call | 0/1 | - |');
    expect(table).toContain('| look-alike | - | 0/1 |');
    expect(table).toContain('| from-doc-page | 0/1 | - |');
  });
});

describe('a case folder', () => {
  function readFolder(caseJson: Record<string, unknown>): ReturnType<typeof readCase> {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'npv-case-'));
    const named = path.join(folder, 'some-case');
    try {
      mkdirSync(named);
      writeFileSync(path.join(named, 'case.json'), JSON.stringify(caseJson));
      writeFileSync(path.join(named, 'change.patch'), 'diff --git a/x b/x\n');
      return readCase(named);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }
  const valid = { id: 'some-case', kind: 'benign', category: 'benign', description: 'a change that looks bad and is not', expect: [], form: 'look-alike', origin: 'from-doc-page' };

  it('reads form, origin and resembles', () => {
    const read = readFolder({ ...valid, resembles: ['lint/npvguard/no-pii-in-logs'] });
    expect(read).toMatchObject({ form: 'look-alike', origin: 'from-doc-page', resembles: ['lint/npvguard/no-pii-in-logs'] });
  });

  it.each([
    [{ form: 'Cross File' }, 'form must be kebab-case'],
    [{ form: undefined }, 'form must be kebab-case'],
    [{ origin: 'someone' }, 'origin must be one of authored, from-doc-page'],
    [{ kind: 'bad', category: 'privacy', expect: ['lint/npvguard/no-pii-in-logs'], resembles: ['lint/npvguard/no-pii-in-logs'] }, 'only a benign case resembles a rule'],
  ])('reports %j', (change, problem) => {
    const read = readFolder({ ...valid, ...change });
    expect('problems' in read ? read.problems : []).toEqual(expect.arrayContaining([expect.stringContaining(problem)]));
  });
});

describe('rule family', () => {
  it('is the lint rule for the plugin, the check for a check rule, the resembled rule for a benign case', () => {
    expect(ruleFamily({ kind: 'bad', expect: ['lint/npvguard/no-pii-in-logs', 'integrity/as-any'], resembles: [] })).toBe('no-pii-in-logs');
    expect(ruleFamily({ kind: 'bad', expect: ['contracts/response-property-removed'], resembles: [] })).toBe('contracts');
    expect(ruleFamily({ kind: 'benign', expect: [], resembles: ['lint/npvguard/deterministic-ranking'] })).toBe('deterministic-ranking');
    expect(ruleFamily({ kind: 'benign', expect: [], resembles: [] })).toBe('benign');
  });
});

describe('focused checks', () => {
  it('maps rule ids to the check reporting them', () => {
    expect(checkOwning('lint/no-pii-in-logs')).toBe('lint');
    expect(checkOwning('model-contract/datatype-mismatch')).toBe('model-contract');
    expect(checkOwning('contracts/snapshot-drift')).toBe('contracts');
    expect(checkOwning('integrity/as-any')).toBe('integrity');
    expect(checkOwning('nothing/like-this')).toBeUndefined();
  });

  it('runs a bad case with the checks of its expected ids', () => {
    const agentCase: AgentCase = {
      id: 'x',
      kind: 'bad',
      category: 'boundary',
      description: 'an import across layers, found twice',
      expect: ['lint/boundaries', 'boundaries/forbidden-import'],
      form: 'direct',
      origin: 'authored',
      resembles: [],
      folder: '',
      patchFile: '',
    };
    expect(focusedChecks(agentCase)).toEqual(['boundaries', 'lint']);
  });
});

function runScript(args: readonly string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), [path.join(HERE, '..', 'run.ts'), ...args], { cwd: REPO_ROOT }, (error, _stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stderr });
    });
  });
}

describe('run.ts on bad input', () => {
  it.each([
    [['--kind', 'awful'], '--kind must be bad or benign, not awful'],
    [['--category', 'speed'], '--category must be one of boundary, contract, latency, correctness, privacy, integrity, benign, not speed'],
    [['--case', 'no-such-case'], 'unknown case: no-such-case'],
    [['--frobnicate'], "Unknown option '--frobnicate'"],
  ])('%j exits 2 with a message and no stack trace', async (args, message) => {
    const run = await runScript(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain('usage: tsx examples/agent-changes/run.ts');
    expect(run.stderr).not.toMatch(/^\s+at /m);
  }, 30_000);
});
