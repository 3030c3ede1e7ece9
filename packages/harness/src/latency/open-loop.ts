import { setMaxListeners } from 'node:events';
import { systemClock, type LoadClock } from './clock.js';
import { Histogram, type HistogramOptions } from './histogram.js';

/** What the driver hands to `send` for one scheduled request. */
export interface OpenLoopRequest {
  /** 0-based slot number, warm-up slots included. */
  index: number;
  /** Clock time (ms) the request was scheduled for; latency is measured from here. */
  intendedTimeMs: number;
  /** False during warm-up. */
  measured: boolean;
  /** Aborted when the run gives up on outstanding requests (drain timeout). */
  signal: AbortSignal;
}

export interface OpenLoopOptions {
  /** Requests per second. */
  rate: number;
  /** Length of the measured phase, ms. */
  durationMs: number;
  /** Requests sent before the measured phase and left out of every figure. Default 0. */
  warmupMs?: number;
  /** Sends one request; resolves on success, rejects on failure. */
  send: (request: OpenLoopRequest) => Promise<unknown>;
  /** Slots that come due while this many requests are outstanding are skipped and counted as dropped. Default 10 000. */
  maxInFlight?: number;
  /** How long to wait for outstanding requests after the last slot before aborting them. Default 10 000 ms. */
  drainTimeoutMs?: number;
  clock?: LoadClock;
  histogram?: HistogramOptions;
}

export interface OpenLoopResult {
  rate: number;
  durationMs: number;
  warmupMs: number;
  /** Measured slots in the schedule. */
  scheduled: number;
  /** Measured requests actually sent. */
  sent: number;
  /** Measured requests that succeeded. */
  completed: number;
  /** Measured requests that failed, including those still outstanding at the drain timeout. */
  errors: number;
  /** Measured slots skipped because maxInFlight requests were outstanding. */
  dropped: number;
  /** Successful measured responses per second, over the measured phase or until the last of them arrived. */
  achievedRate: number;
  /** Latency of successful measured requests in µs, from their intended send time. */
  histogram: Histogram;
  /** How late the driver sent each measured request (µs): the share of latency that is the driver's own. */
  sendLag: Histogram;
  /** Failure messages of measured requests with their counts (at most 20 distinct messages). */
  errorMessages: Record<string, number>;
  /** Wall time of the whole run, warm-up and drain included, ms. */
  elapsedMs: number;
}

const MAX_ERROR_MESSAGES = 20;
const DRAIN_TIMEOUT_MESSAGE = 'no response before the drain timeout';

function requirePositive(name: string, value: number, allowZero = false): number {
  const valid = Number.isFinite(value) && (allowZero ? value >= 0 : value > 0);
  if (!valid) throw new RangeError(`${name} must be a ${allowZero ? 'non-negative' : 'positive'} number, got ${value}`);
  return value;
}

/**
 * Sends requests on a fixed schedule regardless of how fast responses come back (open loop), and
 * measures each from the time it was meant to be sent. A stalled server therefore shows up as
 * latency for every request scheduled during the stall, instead of the driver quietly sending
 * fewer requests (coordinated omission). Slots the driver reaches late are sent at once to catch up.
 */
export async function openLoopLoad(options: OpenLoopOptions): Promise<OpenLoopResult> {
  const rate = requirePositive('rate', options.rate);
  const durationMs = requirePositive('durationMs', options.durationMs);
  const warmupMs = requirePositive('warmupMs', options.warmupMs ?? 0, true);
  const drainTimeoutMs = requirePositive('drainTimeoutMs', options.drainTimeoutMs ?? 10_000, true);
  const maxInFlight = options.maxInFlight ?? 10_000;
  if (!Number.isInteger(maxInFlight) || maxInFlight < 1) throw new RangeError(`maxInFlight must be a positive integer, got ${maxInFlight}`);
  const clock = options.clock ?? systemClock;

  const intervalMs = 1000 / rate;
  const warmupSlots = Math.round((warmupMs * rate) / 1000);
  const measuredSlots = Math.round((durationMs * rate) / 1000);
  if (measuredSlots < 1) throw new RangeError(`rate ${rate}/s over ${durationMs} ms schedules no request`);
  const totalSlots = warmupSlots + measuredSlots;

  const histogram = new Histogram(options.histogram);
  const sendLag = histogram.emptyCopy();
  const errorMessages: Record<string, number> = {};
  const abort = new AbortController();
  // Every outstanding request may listen on the shared signal; that is many listeners by design.
  setMaxListeners(Number.POSITIVE_INFINITY, abort.signal);
  let inFlight = 0;
  let measuredInFlight = 0;
  let sent = 0;
  let completed = 0;
  let errors = 0;
  let dropped = 0;
  let finished = false;
  let lastCompletionMs = Number.NEGATIVE_INFINITY;
  let onIdle: (() => void) | undefined;

  const noteError = (message: string, count = 1) => {
    errors += count;
    if (message in errorMessages || Object.keys(errorMessages).length < MAX_ERROR_MESSAGES) {
      errorMessages[message] = (errorMessages[message] ?? 0) + count;
    }
  };

  const start = clock.now();
  const measureStart = start + warmupSlots * intervalMs;

  const fire = (index: number) => {
    const intendedTimeMs = start + index * intervalMs;
    const measured = index >= warmupSlots;
    if (inFlight >= maxInFlight) {
      if (measured) dropped += 1;
      return;
    }
    inFlight += 1;
    if (measured) {
      sent += 1;
      measuredInFlight += 1;
      sendLag.record(Math.max(0, (clock.now() - intendedTimeMs) * 1000));
    }
    let pending: Promise<unknown>;
    try {
      // Promise.resolve also accepts a plain value or a foreign thenable from a JavaScript caller.
      pending = Promise.resolve(options.send({ index, intendedTimeMs, measured, signal: abort.signal }));
    } catch (error) {
      pending = Promise.reject(error);
    }
    pending.then(
      () => {
        const doneMs = clock.now();
        if (measured && !finished) {
          measuredInFlight -= 1;
          const latencyUs = Math.max(0, (doneMs - intendedTimeMs) * 1000);
          // Counted as a failure rather than clamped: a figure outside the range would be a lie.
          if (latencyUs > histogram.highestTrackableUs) return noteError('latency above the histogram range');
          completed += 1;
          histogram.record(latencyUs);
          lastCompletionMs = Math.max(lastCompletionMs, doneMs);
        }
      },
      (error: unknown) => {
        if (measured && !finished) {
          measuredInFlight -= 1;
          noteError(error instanceof Error ? error.message || error.name : String(error));
        }
      },
    ).finally(() => {
      inFlight -= 1;
      if (inFlight === 0) onIdle?.();
    });
  };

  for (let next = 0; next < totalSlots; ) {
    const elapsed = clock.now() - start;
    while (next < totalSlots && next * intervalMs <= elapsed) {
      fire(next);
      next += 1;
    }
    if (next < totalSlots) await clock.sleepUntil(start + next * intervalMs);
  }

  if (inFlight > 0) {
    const stopWaiting = new AbortController();
    const idle = new Promise<'idle'>((resolve) => {
      onIdle = () => resolve('idle');
    });
    const timeout = clock.sleepUntil(clock.now() + drainTimeoutMs, stopWaiting.signal).then(
      () => 'timeout' as const,
      () => 'cancelled' as const,
    );
    const outcome = await Promise.race([idle, timeout]);
    stopWaiting.abort();
    if (outcome === 'timeout') {
      abort.abort(new Error(DRAIN_TIMEOUT_MESSAGE));
      if (measuredInFlight > 0) noteError(DRAIN_TIMEOUT_MESSAGE, measuredInFlight);
    }
  }
  finished = true;

  const spanMs = Math.max(durationMs, lastCompletionMs - measureStart);
  return {
    rate,
    durationMs,
    warmupMs,
    scheduled: measuredSlots,
    sent,
    completed,
    errors,
    dropped,
    achievedRate: completed / (spanMs / 1000),
    histogram,
    sendLag,
    errorMessages,
    elapsedMs: clock.now() - start,
  };
}
