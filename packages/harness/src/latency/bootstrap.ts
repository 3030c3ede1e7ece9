import { seededRandom } from './random.js';

/** One interleaved pair of fresh-process runs: the head's and the base's figure (median latency, CPU per request). */
export interface PairedSample {
  head: number;
  base: number;
}

export interface RatioInterval {
  /** Ratio of the means of head and base over all pairs. */
  ratio: number;
  lower: number;
  upper: number;
}

function quantileOfSorted(sorted: readonly number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  const low = sorted[below] ?? Number.NaN;
  const high = sorted[above] ?? Number.NaN;
  return low + (high - low) * (position - below);
}

function ratioOfMeans(pairs: readonly PairedSample[], indexes: readonly number[]): number {
  let head = 0;
  let base = 0;
  for (const index of indexes) {
    head += pairs[index]!.head;
    base += pairs[index]!.base;
  }
  return head / base;
}

/**
 * A percentile bootstrap interval of the head/base ratio, resampling whole pairs so that what the two
 * runs of a pair shared (machine load at that moment) stays together. Seeded: the same pairs give the
 * same interval.
 */
export function bootstrapRatioInterval(pairs: readonly PairedSample[], options: { resamples?: number; confidence?: number; seed?: number } = {}): RatioInterval {
  if (pairs.length < 2) throw new RangeError(`need at least two pairs, got ${pairs.length}`);
  if (pairs.some((pair) => !(pair.head >= 0 && pair.base > 0 && Number.isFinite(pair.head) && Number.isFinite(pair.base)))) {
    throw new RangeError('pair figures must be finite, head ≥ 0 and base > 0');
  }
  const resamples = options.resamples ?? 2000;
  const confidence = options.confidence ?? 0.95;
  const random = seededRandom(options.seed ?? 1);
  const all = pairs.map((_, index) => index);
  const ratios: number[] = [];
  const indexes = new Array<number>(pairs.length);
  for (let round = 0; round < resamples; round += 1) {
    for (let slot = 0; slot < pairs.length; slot += 1) indexes[slot] = Math.floor(random() * pairs.length);
    ratios.push(ratioOfMeans(pairs, indexes));
  }
  ratios.sort((a, b) => a - b);
  const tail = (1 - confidence) / 2;
  return { ratio: ratioOfMeans(pairs, all), lower: quantileOfSorted(ratios, tail), upper: quantileOfSorted(ratios, 1 - tail) };
}

export type RegressionVerdict = 'regression' | 'pass' | 'unsure';

/** The ratio over which the head counts as slower: +max(5%, 0.3 ms) of the base's median. */
export function regressionThreshold(baseMedianMs: number, relative = 0.05, absoluteMs = 0.3): number {
  return 1 + Math.max(relative, absoluteMs / baseMedianMs);
}

/** Regression when the whole interval is above the threshold, pass when it is all below, else unsure. */
export function regressionVerdict(interval: Pick<RatioInterval, 'lower' | 'upper'>, threshold: number): RegressionVerdict {
  if (interval.lower > threshold) return 'regression';
  if (interval.upper < threshold) return 'pass';
  return 'unsure';
}
