import { describe, expect, it } from 'vitest';
import { createVirtualClock, type LoadClock } from '../../src/latency/clock.js';
import { openLoopLoad } from '../../src/latency/open-loop.js';

describe('openLoopLoad on a virtual clock', () => {
  it('sends on schedule and measures each request from its intended send time', async () => {
    const clock = createVirtualClock();
    const indexes: number[] = [];
    const result = await openLoopLoad({
      rate: 100,
      durationMs: 1000,
      warmupMs: 200,
      clock,
      send: async (request) => {
        indexes.push(request.index);
        expect(request.intendedTimeMs).toBe(request.index * 10);
        expect(request.measured).toBe(request.index >= 20);
        await clock.sleepUntil(clock.now() + 5);
      },
    });
    expect(indexes).toEqual(Array.from({ length: 120 }, (_, index) => index));
    expect(result).toMatchObject({ rate: 100, durationMs: 1000, warmupMs: 200, scheduled: 100, sent: 100, completed: 100, errors: 0, dropped: 0 });
    expect([result.histogram.count, result.histogram.min, result.histogram.max]).toEqual([100, 5000, 5000]);
    expect(result.sendLag.max).toBe(0);
    expect(result.achievedRate).toBe(100);
    // Last slot at 1190 ms, answered 5 ms later.
    expect(result.elapsedMs).toBe(1195);
    expect(result.errorMessages).toEqual({});
  });

  it('counts a stall for every request scheduled during it (no coordinated omission)', async () => {
    const clock = createVirtualClock();
    // One request at a time, 5 ms each, frozen from 300 ms to 800 ms.
    let busyUntil = 0;
    const send = async () => {
      let startAt = Math.max(clock.now(), busyUntil);
      if (startAt >= 300 && startAt < 800) startAt = 800;
      busyUntil = startAt + 5;
      await clock.sleepUntil(busyUntil);
    };
    const result = await openLoopLoad({ rate: 100, durationMs: 2000, clock, send });
    // The request meant for 300 ms waits until 805 ms (505 ms); each next one in the queue 5 ms less,
    // until the one meant for 1300 ms is back to 5 ms: 100 slow requests, latencies 505, 500, ..., 10.
    expect(result.completed).toBe(200);
    expect(result.histogram.max).toBe(505_000);
    expect(result.histogram.min).toBe(5000);
    expect(Math.abs(result.histogram.valueAtQuantile(0.5) - 5000)).toBeLessThanOrEqual(5000 * result.histogram.relativeError);
    expect(Math.abs(result.histogram.valueAtQuantile(0.99) - 495_000)).toBeLessThanOrEqual(495_000 * result.histogram.relativeError);
    expect(result.histogram.mean).toBeCloseTo(131_250, 6);
  });

  it('catches up on slots the driver reached late, and reports how late it sent them', async () => {
    const virtual = createVirtualClock();
    let delayed = false;
    // A clock that once wakes the driver 100 ms late, as a blocked event loop would.
    const clock: LoadClock = {
      now: () => virtual.now(),
      sleepUntil: (timeMs, signal) => {
        if (!delayed && timeMs >= 200) {
          delayed = true;
          return virtual.sleepUntil(timeMs + 100, signal);
        }
        return virtual.sleepUntil(timeMs, signal);
      },
    };
    const sentAt: number[] = [];
    const result = await openLoopLoad({
      rate: 100,
      durationMs: 1000,
      clock,
      send: async () => {
        sentAt.push(virtual.now());
        await virtual.sleepUntil(virtual.now() + 1);
      },
    });
    expect(result.sent).toBe(100);
    expect(result.dropped).toBe(0);
    // Slots 20..30 (200..300 ms) all go out at 300 ms.
    expect(sentAt.slice(19, 32)).toEqual([190, 300, 300, 300, 300, 300, 300, 300, 300, 300, 300, 300, 310]);
    expect(result.sendLag.max).toBe(100_000);
    expect(result.histogram.max).toBe(101_000);
  });

  it('drops slots beyond maxInFlight and gives up on hung requests at the drain timeout', async () => {
    const clock = createVirtualClock();
    const signals: AbortSignal[] = [];
    const result = await openLoopLoad({
      rate: 100,
      durationMs: 100,
      maxInFlight: 4,
      drainTimeoutMs: 50,
      clock,
      send: (request) => {
        signals.push(request.signal);
        return clock.sleepUntil(Number.POSITIVE_INFINITY, request.signal);
      },
    });
    expect(result).toMatchObject({ scheduled: 10, sent: 4, dropped: 6, completed: 0, errors: 4 });
    expect(result.errorMessages).toEqual({ 'no response before the drain timeout': 4 });
    expect(signals.every((signal) => signal.aborted)).toBe(true);
    expect(result.elapsedMs).toBe(90 + 50);
    expect(result.achievedRate).toBe(0);
  });

  it('counts failures, thrown or rejected, and leaves warm-up failures out', async () => {
    const clock = createVirtualClock();
    const result = await openLoopLoad({
      rate: 100,
      durationMs: 200,
      warmupMs: 100,
      clock,
      send: async (request) => {
        if (!request.measured) throw new Error('warming up');
        if (request.index % 4 === 0) throw new Error('status 500');
        if (request.index % 4 === 1) return Promise.reject(new TypeError('socket hang up'));
        await clock.sleepUntil(clock.now() + 2);
      },
    });
    expect(result).toMatchObject({ scheduled: 20, sent: 20, completed: 10, errors: 10 });
    expect(result.errorMessages).toEqual({ 'status 500': 5, 'socket hang up': 5 });
    expect(result.histogram.count).toBe(10);
  });

  it('counts a send that throws synchronously as a failure', async () => {
    const result = await openLoopLoad({
      rate: 50,
      durationMs: 100,
      clock: createVirtualClock(),
      send: () => {
        throw new Error('cannot build request');
      },
    });
    expect(result).toMatchObject({ sent: 5, completed: 0, errors: 5, errorMessages: { 'cannot build request': 5 } });
  });

  it.each([
    [{ rate: 0 }, 'rate must be a positive number, got 0'],
    [{ durationMs: -5 }, 'durationMs must be a positive number, got -5'],
    [{ warmupMs: Number.NaN }, 'warmupMs must be a non-negative number, got NaN'],
    [{ maxInFlight: 0 }, 'maxInFlight must be a positive integer, got 0'],
    [{ rate: 1, durationMs: 100 }, 'rate 1/s over 100 ms schedules no request'],
  ])('refuses %j', async (override, message) => {
    await expect(openLoopLoad({ rate: 10, durationMs: 1000, send: async () => undefined, clock: createVirtualClock(), ...override })).rejects.toThrow(
      new RangeError(message),
    );
  });
});
