import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binomialCdf } from '../../src/latency/binomial.js';
import { Histogram } from '../../src/latency/histogram.js';
import {
  histogramQuantileConfidenceInterval,
  quantileConfidenceInterval,
  quantileConfidenceRanks,
} from '../../src/latency/quantile-confidence.js';
import { seededRandom } from '../../src/latency/random.js';

/** P(X ≤ k) for Binomial(n, p) by direct summation of C(n, j) p^j (1 − p)^(n − j); fine for small n. */
function directCdf(n: number, p: number, k: number): number {
  let total = 0;
  let coefficient = 1;
  for (let j = 0; j <= k; j += 1) {
    total += coefficient * p ** j * (1 - p) ** (n - j);
    coefficient = (coefficient * (n - j)) / (j + 1);
  }
  return total;
}

describe('binomialCdf', () => {
  it('matches direct summation for small n (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.double({ min: 0.01, max: 0.99, noNaN: true }), (n, p) => {
        const cdf = binomialCdf(n, p);
        for (let k = -1; k <= n; k += 1) expect(cdf.at(k)).toBeCloseTo(k < 0 ? 0 : directCdf(n, p, k), 9);
      }),
    );
  });

  it('stays finite and normalised for a million trials', () => {
    const cdf = binomialCdf(1_000_000, 0.99);
    expect(cdf.at(1_000_000)).toBe(1);
    // Mean 990 000, sd ≈ 99.5: about half the mass lies below the mean.
    expect(cdf.at(990_000)).toBeGreaterThan(0.45);
    expect(cdf.at(990_000)).toBeLessThan(0.55);
    expect(cdf.at(989_000)).toBeLessThan(1e-20);
  });
});

describe('quantileConfidenceRanks', () => {
  it('gives the textbook ranks for the median of 100 samples: x(40)..x(61), coverage 96.5%', () => {
    const ranks = quantileConfidenceRanks(100, 0.5, 0.95);
    expect([ranks.lowerRank, ranks.upperRank]).toEqual([40, 61]);
    expect(ranks.coverage).toBeCloseTo(0.9648, 4);
  });

  it('covers at least the requested confidence whenever the data allows it (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        fc.double({ min: 0.5, max: 0.999, noNaN: true }),
        (n, quantile, confidence) => {
          const ranks = quantileConfidenceRanks(n, quantile, confidence);
          expect(ranks.lowerRank).toBeGreaterThanOrEqual(0);
          expect(ranks.upperRank).toBeLessThanOrEqual(n + 1);
          expect(ranks.lowerRank).toBeLessThan(ranks.upperRank);
          expect(ranks.coverage).toBeGreaterThanOrEqual(confidence - 1e-9);
        },
      ),
    );
  });

  it.each([
    [10, 0, 0.95, 'quantile must be strictly between 0 and 1, got 0'],
    [10, 0.5, 1, 'confidence must be strictly between 0 and 1, got 1'],
    [0, 0.5, 0.95, 'need at least one sample, got 0'],
  ])('refuses n=%s q=%s confidence=%s', (n, quantile, confidence, message) => {
    expect(() => quantileConfidenceRanks(n, quantile, confidence)).toThrow(new RangeError(message));
  });
});

describe('quantileConfidenceInterval', () => {
  it('reads the bounds from the sorted samples at the ranks', () => {
    const samples = Array.from({ length: 100 }, (_, index) => index + 1);
    const interval = quantileConfidenceInterval(samples, 0.5);
    expect(interval).toMatchObject({ lower: 40, upper: 61, lowerRank: 40, upperRank: 61 });
  });

  it('has an infinite upper bound when the samples are too few for the quantile', () => {
    const interval = quantileConfidenceInterval([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.99);
    expect(interval.upperRank).toBe(11);
    expect(interval.upper).toBe(Number.POSITIVE_INFINITY);
    // P(fewer than 9 of 10 samples below the 0.99-quantile) = 0.4% ≤ 2.5%, P(fewer than 10) = 9.6% > 2.5%.
    expect(interval.lowerRank).toBe(9);
    expect(interval.lower).toBe(9);
  });

  it('refuses unsorted samples', () => {
    expect(() => quantileConfidenceInterval([1, 3, 2], 0.5)).toThrow('samples must be sorted ascending (index 2)');
  });

  it('covers the true quantile in at least 93% of simulated trials at confidence 0.95 (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(0.5, 0.9, 0.99),
        fc.integer({ min: 20, max: 300 }),
        fc.integer({ min: 1, max: 2 ** 31 }),
        (quantile, n, seed) => {
          const random = seededRandom(seed);
          // Exponential(1): the true q-quantile is −ln(1 − q).
          const truth = -Math.log(1 - quantile);
          // 2000 trials: the coverage estimate has a standard error of about 0.5%, so a correct 95%
          // interval falls below 93% about once in 30 000 runs.
          const trials = 2000;
          let covered = 0;
          for (let trial = 0; trial < trials; trial += 1) {
            const samples = Array.from({ length: n }, () => -Math.log(1 - random())).sort((a, b) => a - b);
            const interval = quantileConfidenceInterval(samples, quantile, 0.95);
            if (interval.lower <= truth && truth <= interval.upper) covered += 1;
          }
          expect(covered / trials).toBeGreaterThanOrEqual(0.93);
        },
      ),
      { numRuns: 5 },
    );
  });
});

describe('histogramQuantileConfidenceInterval', () => {
  it('agrees with the sorted-sample interval within the histogram error (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000_000 }), { minLength: 1, maxLength: 400 }), fc.double({ min: 0.05, max: 0.99, noNaN: true }), (values, quantile) => {
        const histogram = new Histogram();
        values.forEach((value) => histogram.record(value));
        const sorted = [...values].sort((a, b) => a - b);
        const exact = quantileConfidenceInterval(sorted, quantile);
        const fromHistogram = histogramQuantileConfidenceInterval(histogram, quantile);
        expect([fromHistogram.lowerRank, fromHistogram.upperRank]).toEqual([exact.lowerRank, exact.upperRank]);
        for (const side of ['lower', 'upper'] as const) {
          if (Number.isFinite(exact[side])) {
            expect(Math.abs(fromHistogram[side] - exact[side])).toBeLessThanOrEqual(exact[side] * histogram.relativeError + 0.51);
          } else {
            expect(fromHistogram[side]).toBe(exact[side]);
          }
        }
      }),
    );
  });
});
