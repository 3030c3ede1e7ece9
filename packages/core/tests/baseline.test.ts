import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  NpvError,
  compareWithBaseline,
  updateBaseline,
  validateBaselineFile,
  type BaselineFile,
  type Finding,
  type Severity,
} from '../src/index.js';

function finding(fingerprint: string, overrides: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'boundaries/forbidden-import',
    check: 'boundaries',
    severity: 'error',
    file: 'src/a.ts',
    line: 3,
    column: 1,
    message: `message ${fingerprint}`,
    hint: 'h',
    docsUrl: 'u',
    fingerprint,
    ...overrides,
  };
}

const everything = { reason: 'accepted', inScope: () => true };

describe('compareWithBaseline', () => {
  it('marks matching findings and lists unmatched entries', () => {
    const outcome = compareWithBaseline([finding('a'), finding('b')], [{ fingerprint: 'b' }, { fingerprint: 'c' }], 'file');
    expect(outcome.findings.map((item) => item.baseline)).toEqual([undefined, 'file']);
    expect(outcome.unmatched).toEqual([1]);
  });

  it('counts occurrences: one entry excuses one finding', () => {
    const outcome = compareWithBaseline([finding('a'), finding('a'), finding('a')], [{ fingerprint: 'a' }, { fingerprint: 'a' }], 'base');
    expect(outcome.findings.map((item) => item.baseline)).toEqual(['base', 'base', undefined]);
    expect(outcome.unmatched).toEqual([]);
  });

  it('leaves findings already marked alone', () => {
    const outcome = compareWithBaseline([finding('a', { baseline: 'base' })], [{ fingerprint: 'a' }], 'file');
    expect(outcome.findings[0]?.baseline).toBe('base');
    expect(outcome.unmatched).toEqual([0]);
  });

  it('matches min(findings, entries) per fingerprint', () => {
    const fingerprints = fc.array(fc.constantFrom('a', 'b', 'c'), { maxLength: 8 });
    fc.assert(
      fc.property(fingerprints, fingerprints, (found, accepted) => {
        const outcome = compareWithBaseline(found.map((item) => finding(item)), accepted.map((item) => ({ fingerprint: item })), 'file');
        for (const key of ['a', 'b', 'c']) {
          const foundCount = found.filter((item) => item === key).length;
          const acceptedCount = accepted.filter((item) => item === key).length;
          const marked = outcome.findings.filter((item) => item.fingerprint === key && item.baseline === 'file').length;
          const stale = outcome.unmatched.filter((index) => accepted[index] === key).length;
          expect(marked).toBe(Math.min(foundCount, acceptedCount));
          expect(stale).toBe(acceptedCount - marked);
        }
      }),
    );
  });
});

describe('updateBaseline', () => {
  const existing: BaselineFile = {
    version: 1,
    findings: [
      { ruleId: 'boundaries/forbidden-import', file: 'src/a.ts', fingerprint: 'a', message: 'old text', reason: 'legacy' },
      { ruleId: 'boundaries/cycle', file: 'src/z.ts', fingerprint: 'gone', message: 'fixed since', reason: 'legacy' },
      { ruleId: 'lint/no-x', file: 'src/q.ts', fingerprint: 'other-check', message: 'm', reason: 'kept' },
    ],
  };
  const inBoundaries = { reason: 'new reason', inScope: (entry: { ruleId: string }) => entry.ruleId.startsWith('boundaries/') };

  it('keeps reasons of matched entries, adds new findings, drops fixed ones, and keeps entries out of scope', () => {
    const update = updateBaseline(existing, [finding('a'), finding('n', { file: 'src/b.ts' })], inBoundaries);
    expect(update.added).toEqual([
      { ruleId: 'boundaries/forbidden-import', file: 'src/b.ts', fingerprint: 'n', message: 'message n', reason: 'new reason' },
    ]);
    expect(update.removed.map((entry) => entry.fingerprint)).toEqual(['gone']);
    expect(update.baseline.findings).toEqual([
      { ruleId: 'boundaries/forbidden-import', file: 'src/a.ts', fingerprint: 'a', message: 'message a', reason: 'legacy' },
      { ruleId: 'boundaries/forbidden-import', file: 'src/b.ts', fingerprint: 'n', message: 'message n', reason: 'new reason' },
      { ruleId: 'lint/no-x', file: 'src/q.ts', fingerprint: 'other-check', message: 'm', reason: 'kept' },
    ]);
  });

  it('does not accept info findings or findings already at --base', () => {
    const update = updateBaseline(undefined, [finding('i', { severity: 'info' }), finding('b', { baseline: 'base' })], everything);
    expect(update.baseline.findings).toEqual([]);
  });

  it('is idempotent and leaves nothing new or stale right after an update', () => {
    const findingArbitrary = fc
      .tuple(fc.constantFrom('a', 'b', 'c', 'd'), fc.constantFrom('src/a.ts', 'src/b.ts'), fc.constantFrom<Severity>('error', 'warning'))
      .map(([print, file, severity]) => finding(print, { file, severity }));
    fc.assert(
      fc.property(fc.array(findingArbitrary, { maxLength: 8 }), fc.array(findingArbitrary, { maxLength: 8 }), (before, after) => {
        const first = updateBaseline(undefined, before, everything).baseline;
        const second = updateBaseline(first, after, everything);
        const third = updateBaseline(second.baseline, after, everything);
        expect(third.added).toEqual([]);
        expect(third.removed).toEqual([]);
        expect(third.baseline).toEqual(second.baseline);
        const compared = compareWithBaseline(after, second.baseline.findings, 'file');
        expect(compared.unmatched).toEqual([]);
        expect(compared.findings.every((item) => item.baseline === 'file')).toBe(true);
      }),
    );
  });
});

describe('validateBaselineFile', () => {
  function codeAndPath(value: unknown): [string, unknown] {
    try {
      validateBaselineFile(value, { file: 'npvguard.baseline.json' });
    } catch (error) {
      if (error instanceof NpvError) return [error.code, error.details.path];
      throw error;
    }
    return ['ok', undefined];
  }

  it('accepts a well-formed file', () => {
    const file = { version: 1, findings: [{ ruleId: 'a/b', file: 'f.ts', fingerprint: 'x', message: '', reason: 'r' }] };
    expect(validateBaselineFile(file, { file: 'b.json' })).toEqual(file);
  });

  it('rejects wrong shapes with NPV2005 and the path', () => {
    expect(codeAndPath(null)).toEqual(['NPV2005', '(the file itself)']);
    expect(codeAndPath({ version: 2, findings: [] })).toEqual(['NPV2005', 'version']);
    expect(codeAndPath({ version: 1 })).toEqual(['NPV2005', 'findings']);
    expect(codeAndPath({ version: 1, findings: [{ ruleId: 'a/b', file: 'f', fingerprint: 'x', message: 'm' }] })).toEqual([
      'NPV2005',
      'findings[0].reason',
    ]);
    expect(codeAndPath({ version: 1, findings: [{ ruleId: 'a/b', file: 'f', fingerprint: 'x', message: 'm', reason: 'r', extra: 1 }] })).toEqual([
      'NPV2005',
      'findings[0].extra',
    ]);
  });

  it('throws only NPV2005 on random input', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const [code] = codeAndPath(value);
        expect(['ok', 'NPV2005']).toContain(code);
      }),
    );
  });
});
