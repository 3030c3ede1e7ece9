import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bootstrapRatioInterval, regressionThreshold, regressionVerdict } from '../../src/latency/bootstrap.js';
import { comparePairs } from '../../src/latency/compare-pairs.js';
import { seededRandom } from '../../src/latency/random.js';

const pair = fc.record({ head: fc.double({ min: 0.01, max: 100, noNaN: true }), base: fc.double({ min: 0.01, max: 100, noNaN: true }) });

describe('bootstrap interval of the head/base ratio', () => {
  it('the interval is ordered and lies within the smallest and largest per-pair ratio', () => {
    fc.assert(fc.property(fc.array(pair, { minLength: 2, maxLength: 30 }), fc.integer({ min: 1, max: 1000 }), (pairs, seed) => {
      const interval = bootstrapRatioInterval(pairs, { resamples: 200, seed });
      const ratios = pairs.map((item) => item.head / item.base);
      expect(interval.lower).toBeLessThanOrEqual(interval.upper);
      expect(interval.lower).toBeGreaterThanOrEqual(Math.min(...ratios) - 1e-9);
      expect(interval.upper).toBeLessThanOrEqual(Math.max(...ratios) + 1e-9);
    }));
  });

  it('a constant ratio gives a zero-width interval at that ratio', () => {
    fc.assert(fc.property(fc.array(fc.double({ min: 0.1, max: 50, noNaN: true }), { minLength: 2, maxLength: 20 }), fc.double({ min: 0.5, max: 2, noNaN: true }), (bases, factor) => {
      const interval = bootstrapRatioInterval(bases.map((base) => ({ head: base * factor, base })), { resamples: 100 });
      expect(interval.lower).toBeCloseTo(factor, 9);
      expect(interval.upper).toBeCloseTo(factor, 9);
    }));
  });

  it('is seeded: the same pairs and seed give the same interval', () => {
    const pairs = [{ head: 1, base: 2 }, { head: 3, base: 2 }, { head: 2, base: 2 }];
    expect(bootstrapRatioInterval(pairs, { seed: 7 })).toEqual(bootstrapRatioInterval(pairs, { seed: 7 }));
  });

  it('rejects fewer than two pairs and non-positive bases', () => {
    expect(() => bootstrapRatioInterval([{ head: 1, base: 1 }])).toThrow(RangeError);
    expect(() => bootstrapRatioInterval([{ head: 1, base: 0 }, { head: 1, base: 1 }])).toThrow(RangeError);
  });
});

describe('regression decision', () => {
  it('the threshold is +max(5%, 0.3 ms) of the base median', () => {
    expect(regressionThreshold(10)).toBeCloseTo(1.05, 12);
    expect(regressionThreshold(2)).toBeCloseTo(1.15, 12);
  });

  it('regression only when the whole interval is above the threshold, pass only when all below', () => {
    fc.assert(fc.property(fc.double({ min: 0.5, max: 2, noNaN: true }), fc.double({ min: 0, max: 0.5, noNaN: true }), fc.double({ min: 1, max: 1.5, noNaN: true }), (lower, width, threshold) => {
      const verdict = regressionVerdict({ lower, upper: lower + width }, threshold);
      expect(verdict).toBe(lower > threshold ? 'regression' : lower + width < threshold ? 'pass' : 'unsure');
    }));
  });
});

/** A synthetic side: median around `medianMs` with ±`noise` relative jitter, seeded. */
function synthetic(headMs: number, baseMs: number, noise: number, seed: number) {
  const random = seededRandom(seed);
  const runs: ('head' | 'base')[] = [];
  return {
    runs,
    run: async (side: 'head' | 'base') => {
      runs.push(side);
      const centre = side === 'head' ? headMs : baseMs;
      return { medianMs: centre * (1 + (random() * 2 - 1) * noise), cpuMsPerRequest: centre / 10 };
    },
  };
}

describe('interleaved pair comparison', () => {
  it('identical sides pass after the minimum of 10 pairs, each pair in a random order', async () => {
    const sides = synthetic(5, 5, 0.01, 3);
    const comparison = await comparePairs({ run: sides.run, seed: 11 });
    expect(comparison.verdict).toBe('pass');
    expect(comparison.pairs).toBe(10);
    const firsts = sides.runs.filter((_, index) => index % 2 === 0);
    expect(new Set(firsts)).toEqual(new Set(['head', 'base']));
  });

  it('a 20% slower head is a regression', async () => {
    const comparison = await comparePairs({ run: synthetic(6, 5, 0.02, 5).run });
    expect(comparison.verdict).toBe('regression');
    expect(comparison.latency.lower).toBeGreaterThan(comparison.threshold);
  });

  it('a change right at the threshold samples more pairs up to the cap, then stays unsure', async () => {
    const comparison = await comparePairs({ run: synthetic(5.25, 5, 0.1, 9).run, maxPairs: 16 });
    expect(comparison.verdict).toBe('unsure');
    expect(comparison.pairs).toBe(16);
  });

  it('stops at the time cap', async () => {
    let clock = 0;
    const sides = synthetic(5.25, 5, 0.1, 9);
    const comparison = await comparePairs({ run: async (side) => ((clock += 1000), sides.run(side)), now: () => clock, timeCapMs: 24_000, maxPairs: 100 });
    expect(comparison.pairs).toBe(12);
  });
});
