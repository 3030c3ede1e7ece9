import { binomialCdf } from './binomial.js';
import type { Histogram } from './histogram.js';

/**
 * A distribution-free confidence interval for a quantile from order statistics. With n samples,
 * the count of samples below the true q-quantile is Binomial(n, q); the interval
 * [x(lowerRank), x(upperRank)] covers the quantile with probability `coverage` ≥ the confidence
 * asked for. A rank that the data cannot provide (too few samples for an extreme quantile) gives
 * an infinite bound: the data does not bound the quantile on that side.
 */
export interface QuantileConfidenceInterval {
  lower: number;
  upper: number;
  /** 1-based rank of the lower bound among the sorted samples; 0 means −Infinity. */
  lowerRank: number;
  /** 1-based rank of the upper bound; n + 1 means +Infinity. */
  upperRank: number;
  /** The exact probability that the interval covers the quantile (for continuous data). */
  coverage: number;
}

export interface ConfidenceRanks {
  lowerRank: number;
  upperRank: number;
  coverage: number;
}

/** The order-statistic ranks of a two-sided interval for the q-quantile of n samples. */
export function quantileConfidenceRanks(n: number, quantile: number, confidence = 0.95): ConfidenceRanks {
  if (!(quantile > 0 && quantile < 1)) throw new RangeError(`quantile must be strictly between 0 and 1, got ${quantile}`);
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be strictly between 0 and 1, got ${confidence}`);
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`need at least one sample, got ${n}`);
  const tail = (1 - confidence) / 2;
  const cdf = binomialCdf(n, quantile);
  // P(X ≤ lowerRank − 1) ≤ tail and P(X ≤ upperRank − 1) ≥ 1 − tail, X = samples below the quantile.
  const lowerRank = cdf.largestAtMost(tail) + 1;
  const upperRank = cdf.smallestAtLeast(1 - tail) + 1;
  return { lowerRank, upperRank, coverage: cdf.at(upperRank - 1) - cdf.at(lowerRank - 1) };
}

/** Confidence interval for the q-quantile of the population the ascending `sortedSamples` came from. */
export function quantileConfidenceInterval(sortedSamples: ArrayLike<number>, quantile: number, confidence = 0.95): QuantileConfidenceInterval {
  const n = sortedSamples.length;
  for (let index = 1; index < n; index += 1) {
    if (!(sortedSamples[index - 1]! <= sortedSamples[index]!)) throw new RangeError(`samples must be sorted ascending (index ${index})`);
  }
  const ranks = quantileConfidenceRanks(n, quantile, confidence);
  return {
    ...ranks,
    lower: ranks.lowerRank < 1 ? Number.NEGATIVE_INFINITY : sortedSamples[ranks.lowerRank - 1]!,
    upper: ranks.upperRank > n ? Number.POSITIVE_INFINITY : sortedSamples[ranks.upperRank - 1]!,
  };
}

/** The same interval read from a histogram; bounds carry the histogram's own rounding error. */
export function histogramQuantileConfidenceInterval(histogram: Histogram, quantile: number, confidence = 0.95): QuantileConfidenceInterval {
  const n = histogram.count;
  const ranks = quantileConfidenceRanks(n, quantile, confidence);
  return {
    ...ranks,
    lower: ranks.lowerRank < 1 ? Number.NEGATIVE_INFINITY : histogram.valueAtRank(ranks.lowerRank),
    upper: ranks.upperRank > n ? Number.POSITIVE_INFINITY : histogram.valueAtRank(ranks.upperRank),
  };
}
