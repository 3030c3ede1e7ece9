import type { Clock } from './clock.js';

/** A signal bounded by a deadline, and the means to stop its timer once the work it bounds is done. */
export interface DeadlineScope {
  readonly signal: AbortSignal;
  /** Clears the timer and parent listeners; call it when the bounded work settles. */
  release(): void;
}

function timeoutReason(): DOMException {
  return new DOMException('the deadline passed', 'TimeoutError');
}

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
   * request (or `linked`) is aborted. Released scopes leave no timer behind, so finished stages cost
   * nothing later; the timer never keeps the process alive.
   */
  child(ms: number = Number.POSITIVE_INFINITY, linked?: AbortSignal): DeadlineScope {
    const controller = new AbortController();
    const parents = [this.parentSignal, linked].filter((signal): signal is AbortSignal => signal !== undefined);
    let timer: NodeJS.Timeout | undefined;
    const onParentAbort = (event: Event): void => abort((event.target as AbortSignal).reason);
    const release = (): void => {
      clearTimeout(timer);
      for (const parent of parents) {
        parent.removeEventListener('abort', onParentAbort);
      }
    };
    const abort = (reason: unknown): void => {
      release();
      if (!controller.signal.aborted) {
        controller.abort(reason);
      }
    };

    const abortedParent = parents.find((parent) => parent.aborted);
    if (abortedParent !== undefined) {
      abort(abortedParent.reason);
      return { signal: controller.signal, release };
    }
    for (const parent of parents) {
      parent.addEventListener('abort', onParentAbort, { once: true });
    }
    const budget = Math.min(ms, this.remaining());
    if (Number.isFinite(budget)) {
      // Even a spent budget aborts on the next timer turn, not at once: an answer that is already
      // computed (a local lookup) still gets through, anything that has to wait does not.
      timer = setTimeout(() => abort(timeoutReason()), Math.max(0, Math.ceil(budget)));
      timer.unref();
    }
    return { signal: controller.signal, release };
  }
}
