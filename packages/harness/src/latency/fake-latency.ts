import { systemClock, type LoadClock } from './clock.js';
import type { LatencyDistribution } from './distributions.js';
import { seededRandom, type RandomSource } from './random.js';

/** The failure a fake dependency reports when its error draw comes up. */
export class FakeDependencyError extends Error {
  constructor(message = 'fake dependency failed') {
    super(message);
    this.name = 'FakeDependencyError';
  }
}

export interface FakeLatencyOptions {
  /** Probability (0..1) that a call fails with FakeDependencyError after its delay. Default 0. */
  errorRate?: number;
  /** Seed of the draws; the same seed gives the same delays and failures in the same call order. Default 1. */
  seed?: number;
  /** Clock to wait on; the system clock by default, a virtual clock in simulations. */
  clock?: LoadClock;
  /**
   * Draw delays in shuffled blocks of this many equal-probability strata instead of independently:
   * every complete block then holds exactly one delay from each 1/strata slice of the distribution,
   * so a block reproduces the configured quantiles to within that resolution. Use it when a test is
   * about the measurement, not about sampling noise. Off by default.
   */
  strata?: number;
  /** Called with each sampled delay in ms, e.g. to compare a measurement with what was injected. */
  onSample?: (delayMs: number) => void;
}

/** A stand-in for a dependency call: waits a sampled delay, then resolves or fails. */
export type FakeDependency = (signal?: AbortSignal) => Promise<void>;

export function fakeLatency(distribution: LatencyDistribution, options: FakeLatencyOptions = {}): FakeDependency {
  const errorRate = options.errorRate ?? 0;
  if (!(errorRate >= 0 && errorRate <= 1)) throw new RangeError(`errorRate must be from 0 to 1, got ${errorRate}`);
  const random = seededRandom(options.seed ?? 1);
  const clock = options.clock ?? systemClock;
  const drawProbability = options.strata === undefined ? random : stratifiedDraws(options.strata, random);
  return async (signal) => {
    // Both draws happen at call time so the sequence depends only on call order, not on timing.
    const delayMs = distribution.quantile(drawProbability());
    const fails = errorRate > 0 && random() < errorRate;
    options.onSample?.(delayMs);
    await clock.sleepUntil(clock.now() + delayMs, signal);
    if (fails) throw new FakeDependencyError();
  };
}

/** Uniform draws in [0, 1), each block of `strata` draws holding one draw from every [i/strata, (i+1)/strata). */
export function stratifiedDraws(strata: number, random: RandomSource): RandomSource {
  if (!Number.isInteger(strata) || strata < 1) throw new RangeError(`strata must be a positive integer, got ${strata}`);
  const order = Uint32Array.from({ length: strata }, (_, index) => index);
  let position = strata;
  return () => {
    if (position === strata) {
      for (let index = strata - 1; index > 0; index -= 1) {
        const other = Math.floor(random() * (index + 1));
        const held = order[index]!;
        order[index] = order[other]!;
        order[other] = held;
      }
      position = 0;
    }
    const stratum = order[position]!;
    position += 1;
    return (stratum + random()) / strata;
  };
}
