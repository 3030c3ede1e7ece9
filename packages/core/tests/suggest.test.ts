import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closestMatch, levenshtein } from '../src/index.js';

describe('levenshtein', () => {
  it('counts single edits', () => {
    expect(levenshtein('boundries', 'boundaries')).toBe(1);
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(levenshtein('', 'abc')).toBe(3);
  });

  it('is a metric: zero on equal strings, symmetric, triangle inequality, bounded by the longer length', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b, c) => {
        expect(levenshtein(a, a)).toBe(0);
        expect(levenshtein(a, b)).toBe(levenshtein(b, a));
        expect(levenshtein(a, c)).toBeLessThanOrEqual(levenshtein(a, b) + levenshtein(b, c));
        expect(levenshtein(a, b)).toBeLessThanOrEqual(Math.max(a.length, b.length));
        expect(levenshtein(a, b)).toBeGreaterThanOrEqual(Math.abs(a.length - b.length));
      }),
    );
  });
});

describe('closestMatch', () => {
  it('suggests the nearest known name, including case slips', () => {
    expect(closestMatch('entrypoints', ['entryPoints', 'externals'])).toBe('entryPoints');
    expect(closestMatch('Boundaries', ['boundaries', 'baseline'])).toBe('boundaries');
  });

  it('suggests nothing for unrelated names', () => {
    expect(closestMatch('xyz', ['boundaries', 'latency'])).toBeUndefined();
    expect(closestMatch('a', [])).toBeUndefined();
  });

  it('always suggests a name from the known list, and an exact match when there is one', () => {
    fc.assert(
      fc.property(fc.string(), fc.array(fc.string(), { minLength: 1 }), (name, known) => {
        const suggestion = closestMatch(name, known);
        if (suggestion !== undefined) expect(known).toContain(suggestion);
        if (known.includes(name)) expect(suggestion).toBe(name);
      }),
    );
  });
});
