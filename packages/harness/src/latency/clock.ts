import { setImmediate as nextTurn, setTimeout as delay } from 'node:timers/promises';

/** Time as the load driver and fake dependencies see it, in milliseconds. */
export interface LoadClock {
  /** Monotonic time in ms (fractional). */
  now(): number;
  /** Resolves once now() ≥ timeMs; rejects with the signal's reason when aborted first. */
  sleepUntil(timeMs: number, signal?: AbortSignal): Promise<void>;
}

export interface SystemClockOptions {
  /**
   * Wait the last stretch before a deadline by yielding to the event loop instead of on a timer.
   * Node timers have millisecond granularity, so timers alone wake about 0.5 ms late on average;
   * spinning removes that on an idle core but burns CPU, and when cores are contended the
   * scheduler then delays the spinning process by far more than a millisecond. Default 0 (timers only).
   */
  spinWindowMs?: number;
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted', 'AbortError');
}

/** The real clock: performance.now() and timers. */
export function createSystemClock(options: SystemClockOptions = {}): LoadClock {
  const spinWindowMs = options.spinWindowMs ?? 0;
  if (!(spinWindowMs >= 0 && Number.isFinite(spinWindowMs))) throw new RangeError(`spinWindowMs must be a non-negative number, got ${spinWindowMs}`);
  return {
    now: () => performance.now(),
    async sleepUntil(timeMs, signal) {
      const timerOptions = signal === undefined ? {} : { signal };
      try {
        for (let remaining = timeMs - performance.now(); remaining > 0; remaining = timeMs - performance.now()) {
          if (remaining > spinWindowMs) await delay(Math.max(1, Math.ceil(remaining - spinWindowMs)), undefined, timerOptions);
          else await nextTurn(undefined, timerOptions);
        }
      } catch (error) {
        // Node's timers reject with their own AbortError; callers expect the reason they aborted with.
        if (signal?.aborted === true) throw abortReason(signal);
        throw error;
      }
      if (signal?.aborted === true) throw abortReason(signal);
    },
  };
}

export const systemClock: LoadClock = createSystemClock();

interface Waiter {
  timeMs: number;
  resolve: () => void;
}

/** A clock whose time only moves when everything waiting on it is idle; see createVirtualClock. */
export interface VirtualClock extends LoadClock {
  /** Number of sleepers not yet woken. */
  readonly pending: number;
}

/**
 * Simulated time for deterministic tests: when the event loop has nothing else to do, time jumps to
 * the earliest sleeper and wakes it. Code under test must wait only through this clock (no real
 * timers or I/O), otherwise time would move while it still has work in flight.
 */
export function createVirtualClock(startMs = 0): VirtualClock {
  let time = startMs;
  let scheduled = false;
  const waiters: Waiter[] = [];

  const wakeNext = () => {
    scheduled = false;
    const next = waiters.shift();
    if (next === undefined) return;
    time = Math.max(time, next.timeMs);
    next.resolve();
    schedule();
  };
  const schedule = () => {
    if (scheduled || waiters.length === 0) return;
    scheduled = true;
    // setImmediate runs after pending promise callbacks, so everything woken so far has settled.
    setImmediate(wakeNext);
  };

  return {
    now: () => time,
    get pending() {
      return waiters.length;
    },
    sleepUntil(timeMs, signal) {
      if (signal?.aborted === true) return Promise.reject(abortReason(signal));
      return new Promise<void>((resolve, reject) => {
        const onAbort = () => {
          const index = waiters.indexOf(waiter);
          if (index >= 0) waiters.splice(index, 1);
          reject(abortReason(signal!));
        };
        const waiter: Waiter = {
          timeMs,
          resolve: () => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          },
        };
        // Equal times wake in the order they were asked for.
        let position = waiters.length;
        while (position > 0 && waiters[position - 1]!.timeMs > timeMs) position -= 1;
        waiters.splice(position, 0, waiter);
        signal?.addEventListener('abort', onAbort, { once: true });
        schedule();
      });
    },
  };
}
