import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { constantLatency, lognormalFromPercentiles } from '../../src/latency/distributions.js';
import { stratifiedDraws } from '../../src/latency/fake-latency.js';
import { quantileConfidenceInterval } from '../../src/latency/quantile-confidence.js';
import { seededRandom, standardNormalQuantile } from '../../src/latency/random.js';

describe('standardNormalQuantile', () => {
  it.each([
    [0.5, 0],
    [0.975, 1.959963984540054],
    [0.99, 2.3263478740408408],
    [0.999, 3.090232306167813],
    [0.01, -2.3263478740408408],
    [0.0001, -3.719016485455709],
  ])('Φ⁻¹(%s) = %s', (p, z) => {
    expect(standardNormalQuantile(p)).toBeCloseTo(z, 8);
  });

  it('is antisymmetric around 0.5 and increasing (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-9, max: 0.5, noNaN: true }), fc.double({ min: 1e-9, max: 1 - 1e-9, noNaN: true }), (p, other) => {
        expect(standardNormalQuantile(p)).toBeCloseTo(-standardNormalQuantile(1 - p), 6);
        if (p < other) expect(standardNormalQuantile(p)).toBeLessThanOrEqual(standardNormalQuantile(other));
      }),
    );
  });

  it('is infinite at 0 and 1 and refuses values outside', () => {
    expect(standardNormalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(standardNormalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
    expect(() => standardNormalQuantile(1.1)).toThrow(RangeError);
  });
});

describe('lognormalFromPercentiles', () => {
  it('derives mu and sigma so that the configured percentiles are the quantiles', () => {
    const distribution = lognormalFromPercentiles({ p50Ms: 5, p99Ms: 20 });
    expect(distribution.mu).toBeCloseTo(Math.log(5), 12);
    expect(distribution.sigma).toBeCloseTo(Math.log(4) / 2.3263478740408408, 8);
    expect(distribution.quantile(0.5)).toBeCloseTo(5, 9);
    expect(distribution.quantile(0.99)).toBeCloseTo(20, 6);
  });

  it('sampled p50 and p99 match the configured ones within sampling error (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.5, max: 200, noNaN: true }),
        fc.double({ min: 1.2, max: 10, noNaN: true }),
        fc.integer({ min: 1, max: 2 ** 31 }),
        (p50Ms, ratio, seed) => {
          const p99Ms = p50Ms * ratio;
          const distribution = lognormalFromPercentiles({ p50Ms, p99Ms });
          const random = seededRandom(seed);
          const samples = Float64Array.from({ length: 40_000 }, () => distribution.sample(random)).sort();
          // A distribution-free interval at 1 − 1e-6 confidence: it misses the true quantile about once in a million runs.
          for (const [quantile, configured] of [[0.5, p50Ms], [0.99, p99Ms]] as const) {
            const interval = quantileConfidenceInterval(samples, quantile, 1 - 1e-6);
            expect(interval.lower).toBeLessThanOrEqual(configured);
            expect(interval.upper).toBeGreaterThanOrEqual(configured);
            // And the interval is narrow, so the check has teeth.
            expect((interval.upper - interval.lower) / configured).toBeLessThan(0.25);
          }
        },
      ),
      { numRuns: 20 },
    );
  });

  it.each([
    [{ p50Ms: 0, p99Ms: 10 }, 'p50Ms must be a positive number, got 0'],
    [{ p50Ms: 10, p99Ms: 10 }, 'p99Ms must be a number above p50Ms (10), got 10'],
    [{ p50Ms: 10, p99Ms: Number.NaN }, 'p99Ms must be a number above p50Ms (10), got NaN'],
  ])('refuses %j', (percentiles, message) => {
    expect(() => lognormalFromPercentiles(percentiles)).toThrow(new RangeError(message));
  });
});

describe('constantLatency', () => {
  it('always answers the same', () => {
    const distribution = constantLatency(7);
    expect([distribution.quantile(0.01), distribution.quantile(0.99), distribution.sample(seededRandom(1))]).toEqual([7, 7, 7]);
    expect(() => constantLatency(-1)).toThrow(RangeError);
  });
});

describe('seededRandom', () => {
  it('repeats for a seed, differs across seeds, and stays in [0, 1) with mean near 1/2', () => {
    const draw = (seed: number) => {
      const random = seededRandom(seed);
      return Array.from({ length: 10_000 }, () => random());
    };
    const first = draw(11);
    expect(draw(11)).toEqual(first);
    expect(draw(12).slice(0, 10)).not.toEqual(first.slice(0, 10));
    expect(first.every((value) => value >= 0 && value < 1)).toBe(true);
    const mean = first.reduce((sum, value) => sum + value, 0) / first.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.02);
  });

  it('refuses a non-integer seed', () => {
    expect(() => seededRandom(1.5)).toThrow('seed must be an integer, got 1.5');
  });
});

describe('stratifiedDraws', () => {
  it('puts exactly one draw of each block into every stratum (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 2 ** 31 }), (strata, blocks, seed) => {
        const draw = stratifiedDraws(strata, seededRandom(seed));
        for (let block = 0; block < blocks; block += 1) {
          const seen = Array.from({ length: strata }, () => draw()).map((value) => Math.floor(value * strata)).sort((a, b) => a - b);
          expect(seen).toEqual(Array.from({ length: strata }, (_, index) => index));
        }
      }),
    );
  });
});
