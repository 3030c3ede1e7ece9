import type { Clock } from '../core/clock.js';

export type BreakerState = 'closed' | 'open' | 'half_open';

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the breaker. */
  readonly failureThreshold: number;
  /** How long the breaker stays open before letting one trial call through. */
  readonly openDurationMs: number;
  readonly clock: Clock;
  readonly onStateChange?: (state: BreakerState) => void;
}

export class BreakerOpenError extends Error {
  constructor() {
    super('circuit breaker is open');
    this.name = 'BreakerOpenError';
  }
}

/**
 * Stops calling a dependency that keeps failing, so requests fall back at once instead of each waiting
 * out its timeout. Created once per dependency at composition: a breaker made per request would never
 * see more than one failure and never open.
 */
export class CircuitBreaker {
  private current: BreakerState = 'closed';
  private consecutiveFailures = 0;
  private openedAtMs = 0;
  private trialInFlight = false;
  private readonly options: CircuitBreakerOptions;

  constructor(options: CircuitBreakerOptions) {
    if (!Number.isInteger(options.failureThreshold) || options.failureThreshold < 1) {
      throw new RangeError(`failureThreshold must be a positive integer, got ${options.failureThreshold}`);
    }
    if (!(options.openDurationMs >= 0)) {
      throw new RangeError(`openDurationMs must be zero or more, got ${options.openDurationMs}`);
    }
    this.options = options;
  }

  state(): BreakerState {
    if (this.current === 'open' && this.options.clock.now() - this.openedAtMs >= this.options.openDurationMs) {
      this.transition('half_open');
    }
    return this.current;
  }

  /**
   * Runs `work` unless the breaker is open (then rejects with BreakerOpenError without calling it).
   * `countsAsFailure` decides which errors are the dependency's fault; others pass through untallied.
   */
  async execute<Value>(work: () => Promise<Value>, countsAsFailure: (error: unknown) => boolean = () => true): Promise<Value> {
    const state = this.state();
    if (state === 'open' || (state === 'half_open' && this.trialInFlight)) {
      throw new BreakerOpenError();
    }
    const isTrial = state === 'half_open';
    if (isTrial) {
      this.trialInFlight = true;
    }
    try {
      const value = await work();
      this.recordSuccess();
      return value;
    } catch (error) {
      // An error that is not the dependency's fault leaves the state as it is; after a trial, the next
      // call may try again.
      if (countsAsFailure(error)) {
        this.recordFailure(isTrial);
      }
      throw error;
    } finally {
      if (isTrial) {
        this.trialInFlight = false;
      }
    }
  }

  private recordSuccess(): void {
    this.consecutiveFailures = 0;
    if (this.current !== 'closed') {
      this.transition('closed');
    }
  }

  private recordFailure(isTrial: boolean): void {
    this.consecutiveFailures += 1;
    if (isTrial || this.consecutiveFailures >= this.options.failureThreshold) {
      this.openedAtMs = this.options.clock.now();
      this.transition('open');
    }
  }

  private transition(next: BreakerState): void {
    if (next !== this.current) {
      this.current = next;
      this.options.onStateChange?.(next);
    }
  }
}
