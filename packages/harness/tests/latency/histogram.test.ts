import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Histogram } from '../../src/latency/histogram.js';

/** Latencies from 0 to 60 s in µs, log-uniform so every decade is exercised, plus exact integers. */
const latencyUs = fc.oneof(
  fc.double({ min: 0, max: Math.log(60_000_000), noNaN: true }).map(Math.exp),
  fc.integer({ min: 0, max: 60_000_000 }),
  fc.integer({ min: 0, max: 300 }),
);

function filled(values: readonly number[]): Histogram {
  const histogram = new Histogram();
  for (const value of values) histogram.record(value);
  return histogram;
}

function exactQuantile(values: readonly number[], quantile: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(quantile * sorted.length)) - 1]!;
}

describe('Histogram', () => {
  it('reports quantiles within the documented error of the exact sorted-array quantile (property)', () => {
    fc.assert(
      fc.property(fc.array(latencyUs, { minLength: 1, maxLength: 300 }), fc.double({ min: 0, max: 1, noNaN: true }), (values, quantile) => {
        const histogram = filled(values);
        const exact = exactQuantile(values, quantile);
        const reported = histogram.valueAtQuantile(quantile);
        expect(Math.abs(reported - exact)).toBeLessThanOrEqual(exact * histogram.relativeError + 0.51);
      }),
      { numRuns: 500 },
    );
  });

  it('documents an error bound under 1%', () => {
    expect(new Histogram().relativeError).toBe(1 / 256);
    expect(new Histogram({ subBucketBits: 6 }).relativeError).toBe(1 / 128);
  });

  it('is monotone in the quantile (property)', () => {
    fc.assert(
      fc.property(fc.array(latencyUs, { minLength: 1, maxLength: 200 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (values, first, second) => {
        const histogram = filled(values);
        const [low, high] = first <= second ? [first, second] : [second, first];
        expect(histogram.valueAtQuantile(low)).toBeLessThanOrEqual(histogram.valueAtQuantile(high));
      }),
      { numRuns: 300 },
    );
  });

  it('merging equals recording both sets (property)', () => {
    fc.assert(
      fc.property(fc.array(latencyUs, { maxLength: 150 }), fc.array(latencyUs, { maxLength: 150 }), (left, right) => {
        const merged = filled(left);
        merged.merge(filled(right));
        const both = filled([...left, ...right]);
        expect(merged.count).toBe(both.count);
        expect(merged.min).toBe(both.min);
        expect(merged.max).toBe(both.max);
        if (both.count > 0) {
          expect(merged.mean).toBeCloseTo(both.mean, 3);
          for (const quantile of [0, 0.1, 0.5, 0.9, 0.99, 0.999, 1]) {
            expect(merged.valueAtQuantile(quantile)).toBe(both.valueAtQuantile(quantile));
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps exact min, max and mean', () => {
    const histogram = filled([1, 1500.5, 60_000_000]);
    expect(histogram.count).toBe(3);
    expect(histogram.min).toBe(1);
    expect(histogram.max).toBe(60_000_000);
    expect(histogram.mean).toBeCloseTo((1 + 1500.5 + 60_000_000) / 3, 6);
    expect(histogram.valueAtQuantile(0)).toBe(1);
    expect(histogram.valueAtQuantile(1)).toBe(60_000_000);
  });

  it('is exact to the microsecond below 256 µs', () => {
    const histogram = filled([3, 7, 7, 255]);
    expect([1, 2, 3, 4].map((rank) => histogram.valueAtRank(rank))).toEqual([3, 7, 7, 255]);
  });

  it('reports NaN for an empty histogram, and reset empties it', () => {
    const histogram = filled([10, 20]);
    histogram.reset();
    expect(histogram.count).toBe(0);
    expect(histogram.min).toBeNaN();
    expect(histogram.max).toBeNaN();
    expect(histogram.mean).toBeNaN();
    expect(histogram.valueAtQuantile(0.5)).toBeNaN();
    histogram.record(42);
    expect(histogram.valueAtQuantile(0.5)).toBe(42);
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY, 3_600_000_001])('refuses to record %s', (value) => {
    expect(() => new Histogram().record(value)).toThrow(RangeError);
  });

  it('refuses a quantile outside 0..1 and a rank outside 1..count', () => {
    const histogram = filled([5]);
    expect(() => histogram.valueAtQuantile(1.5)).toThrow('quantile must be from 0 to 1, got 1.5');
    expect(() => histogram.valueAtRank(2)).toThrow('rank must be an integer from 1 to 1, got 2');
  });

  it('refuses to merge histograms of different layouts', () => {
    expect(() => new Histogram().merge(new Histogram({ subBucketBits: 6 }))).toThrow(RangeError);
  });

  it('refuses bad options', () => {
    expect(() => new Histogram({ subBucketBits: 0 })).toThrow('subBucketBits must be an integer from 1 to 16, got 0');
    expect(() => new Histogram({ highestTrackableUs: 100 })).toThrow('highestTrackableUs must be an integer of at least 256, got 100');
  });

  it('tracks a value of a full hour by default, and a smaller range on request', () => {
    const histogram = new Histogram();
    histogram.record(3_600_000_000);
    expect(histogram.valueAtQuantile(1)).toBe(3_600_000_000);
    expect(() => new Histogram({ highestTrackableUs: 1000 }).record(1001)).toThrow(RangeError);
  });
});
