import type { Clock } from './clock.js';

/**
 * One absolute point in time by which a request must be answered. Every downstream wait derives its
 * timeout from `remaining()`, so nested calls can never outlive the request that started them.
 */
export class Deadline {
  readonly expiresAtMs: number;
  private readonly clock: Clock;
  private readonly parentSignal: AbortSignal | undefined;

  private constructor(clock: Clock, expiresAtMs: number, parentSignal: AbortSignal | undefined) {
    this.clock = clock;
    this.expiresAtMs = expiresAtMs;
    this.parentSignal = parentSignal;
  }

  /** A deadline `budgetMs` after `startedAtMs` (the moment the request arrived, not the moment this runs). */
  static fromStart(clock: Clock, startedAtMs: number, budgetMs: number, parentSignal?: AbortSignal): Deadline {
    return new Deadline(clock, startedAtMs + budgetMs, parentSignal);
  }

  remaining(): number {
    return Math.max(0, this.expiresAtMs - this.clock.now());
  }

  isExpired(): boolean {
    return this.remaining() <= 0 || this.parentSignal?.aborted === true;
  }

  /**
   * A signal that aborts after `ms` or when the deadline passes, whichever is first, and also when the
   * request itself is aborted. The timer never keeps the process alive.
   */
  child(ms: number = Number.POSITIVE_INFINITY): AbortSignal {
    const budget = Math.max(0, Math.min(ms, this.remaining()));
    const timeout = AbortSignal.timeout(Math.ceil(budget));
    return this.parentSignal === undefined ? timeout : AbortSignal.any([this.parentSignal, timeout]);
  }
}
