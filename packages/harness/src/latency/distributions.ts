import { standardNormalQuantile, type RandomSource } from './random.js';

/** A latency distribution in milliseconds. */
export interface LatencyDistribution {
  readonly description: string;
  /** The q-quantile in ms, q in [0, 1]. */
  quantile(q: number): number;
  /** One draw in ms. */
  sample(random: RandomSource): number;
}

export interface LognormalDistribution extends LatencyDistribution {
  /** Mean of the logarithm (of ms). */
  readonly mu: number;
  /** Standard deviation of the logarithm. */
  readonly sigma: number;
}

const Z_99 = standardNormalQuantile(0.99);

/**
 * The lognormal distribution with the given median and 99th percentile: mu = ln p50 and
 * sigma = (ln p99 − ln p50) / Φ⁻¹(0.99). Service latencies are skewed to the right like this.
 */
export function lognormalFromPercentiles(percentiles: { p50Ms: number; p99Ms: number }): LognormalDistribution {
  const { p50Ms, p99Ms } = percentiles;
  if (!(p50Ms > 0 && Number.isFinite(p50Ms))) throw new RangeError(`p50Ms must be a positive number, got ${p50Ms}`);
  if (!(p99Ms > p50Ms && Number.isFinite(p99Ms))) throw new RangeError(`p99Ms must be a number above p50Ms (${p50Ms}), got ${p99Ms}`);
  const mu = Math.log(p50Ms);
  const sigma = (Math.log(p99Ms) - mu) / Z_99;
  const quantile = (q: number) => Math.exp(mu + sigma * standardNormalQuantile(q));
  return {
    description: `lognormal(p50 ${p50Ms} ms, p99 ${p99Ms} ms)`,
    mu,
    sigma,
    quantile,
    // Inverse transform; 0 is nudged so the draw stays finite.
    sample: (random) => quantile(random() || Number.MIN_VALUE),
  };
}

/** Always the same latency. */
export function constantLatency(ms: number): LatencyDistribution {
  if (!(ms >= 0 && Number.isFinite(ms))) throw new RangeError(`latency must be a non-negative number, got ${ms}`);
  return { description: `constant ${ms} ms`, quantile: () => ms, sample: () => ms };
}
