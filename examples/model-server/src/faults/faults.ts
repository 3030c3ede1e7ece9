import { ModelServerConfigError } from '../config-error.js';
import { seededRandom } from './random.js';
import { sleepAtLeast } from './sleep.js';

/** Fault injection for inference requests; everything is off by default. */
export interface FaultOptions {
  /** Fixed extra delay before answering, in milliseconds. */
  latencyMs?: number;
  /** Extra delay drawn uniformly from [0, latencyJitterMs) on top of latencyMs. */
  latencyJitterMs?: number;
  /** Probability (0..1) of answering with `errorStatus` instead of scores. */
  errorRate?: number;
  /** Status of injected errors, 500 by default. */
  errorStatus?: number;
  /** Seed of the generator behind jitter and error draws, so runs repeat exactly. */
  seed?: number;
}

export interface FaultInjector {
  /** Waits the injected delay, then returns the status to fail with, or undefined to answer normally. */
  apply(): Promise<number | undefined>;
}

function requireRange(name: string, value: number, low: number, high: number): number {
  if (!Number.isFinite(value) || value < low || value > high) {
    throw new ModelServerConfigError(`${name} must be a number from ${low} to ${high}, got ${value}`);
  }
  return value;
}

export type FaultOptionLabels = Record<keyof FaultOptions, string>;

const OPTION_LABELS: FaultOptionLabels = {
  latencyMs: 'latencyMs',
  latencyJitterMs: 'latencyJitterMs',
  errorRate: 'errorRate',
  errorStatus: 'errorStatus',
  seed: 'seed',
};

/**
 * Checks fault options and fills in defaults; throws ModelServerConfigError on a bad value.
 * `labels` names the options in messages (the CLI passes its flag names).
 */
export function resolveFaultOptions(options: FaultOptions = {}, labels: FaultOptionLabels = OPTION_LABELS): Required<FaultOptions> {
  const latencyMs = requireRange(labels.latencyMs, options.latencyMs ?? 0, 0, 600_000);
  const latencyJitterMs = requireRange(labels.latencyJitterMs, options.latencyJitterMs ?? 0, 0, 600_000);
  const errorRate = requireRange(labels.errorRate, options.errorRate ?? 0, 0, 1);
  const errorStatus = requireRange(labels.errorStatus, options.errorStatus ?? 500, 400, 599);
  if (!Number.isInteger(errorStatus)) throw new ModelServerConfigError(`${labels.errorStatus} must be an integer, got ${errorStatus}`);
  const seed = options.seed ?? 1;
  if (!Number.isSafeInteger(seed)) throw new ModelServerConfigError(`${labels.seed} must be an integer, got ${seed}`);
  return { latencyMs, latencyJitterMs, errorRate, errorStatus, seed };
}

export function createFaultInjector(options: FaultOptions = {}): FaultInjector {
  const { latencyMs, latencyJitterMs, errorRate, errorStatus, seed } = resolveFaultOptions(options);
  const random = seededRandom(seed);
  return {
    async apply() {
      const delayMs = latencyMs + (latencyJitterMs > 0 ? random() * latencyJitterMs : 0);
      if (delayMs > 0) await sleepAtLeast(delayMs);
      if (errorRate > 0 && random() < errorRate) return errorStatus;
      return undefined;
    },
  };
}
