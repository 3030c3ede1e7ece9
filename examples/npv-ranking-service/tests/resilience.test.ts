import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Deadline } from '../src/core/deadline.js';
import { BreakerOpenError, CircuitBreaker } from '../src/resilience/circuitBreaker.js';
import type { BreakerState } from '../src/resilience/circuitBreaker.js';

class ManualClock {
  time = 1_000;
  now(): number {
    return this.time;
  }
}

describe('Deadline', () => {
  it('counts the budget from the moment the request started, not from creation', () => {
    const clock = new ManualClock();
    const startedAt = clock.time;
    clock.time += 30;
    const deadline = Deadline.fromStart(clock, startedAt, 45);

    expect(deadline.expiresAtMs).toBe(startedAt + 45);
    expect(deadline.remaining()).toBe(15);
    clock.time += 20;
    expect(deadline.remaining()).toBe(0);
    expect(deadline.isExpired()).toBe(true);
  });

  it('remaining() never goes below zero or above the budget', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: -10_000, max: 10_000 }), (budget, elapsed) => {
        const clock = new ManualClock();
        const deadline = Deadline.fromStart(clock, clock.time, budget);
        clock.time += elapsed;
        expect(deadline.remaining()).toBeGreaterThanOrEqual(0);
        expect(deadline.remaining()).toBe(Math.max(0, budget - elapsed));
      }),
    );
  });

  it('aborts a child of a spent deadline on the next timer turn, after answers already computed', async () => {
    const clock = new ManualClock();
    const deadline = Deadline.fromStart(clock, clock.time - 100, 45);
    const { signal } = deadline.child(1_000);
    const abortedBeforeMicrotasks = signal.aborted;
    await Promise.resolve();
    const abortedAfterMicrotasks = signal.aborted;
    await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));

    expect([abortedBeforeMicrotasks, abortedAfterMicrotasks, signal.aborted]).toEqual([false, false, true]);
    expect((signal.reason as DOMException).name).toBe('TimeoutError');
  });

  it('aborts children when the request itself or a linked signal is aborted', () => {
    const clock = new ManualClock();
    const request = new AbortController();
    const linked = new AbortController();
    const deadline = Deadline.fromStart(clock, clock.time, 60_000, request.signal);
    const first = deadline.child(60_000);
    const second = deadline.child(60_000, linked.signal);

    linked.abort('linked');
    expect([first.signal.aborted, second.signal.aborted]).toEqual([false, true]);
    request.abort('request');
    expect(first.signal.aborted).toBe(true);
    expect(first.signal.reason).toBe('request');
    expect(deadline.isExpired()).toBe(true);
    first.release();
  });

  it('a released child never aborts afterwards', async () => {
    const clock = new ManualClock();
    const request = new AbortController();
    const deadline = Deadline.fromStart(clock, clock.time, 5, request.signal);
    const scope = deadline.child(5);
    scope.release();
    request.abort();
    await new Promise((resolve) => setTimeout(resolve, 20));

    expect(scope.signal.aborted).toBe(false);
  });
});

describe('CircuitBreaker', () => {
  function breaker(clock: ManualClock, states: BreakerState[] = []): CircuitBreaker {
    return new CircuitBreaker({ failureThreshold: 3, openDurationMs: 1_000, clock, onStateChange: (state) => states.push(state) });
  }
  const fail = () => Promise.reject(new Error('down'));
  const succeed = () => Promise.resolve('ok');

  it('opens after the threshold of consecutive failures and stops calling', async () => {
    const clock = new ManualClock();
    const subject = breaker(clock);
    let calls = 0;
    const counted = () => {
      calls += 1;
      return fail();
    };
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await expect(subject.execute(counted)).rejects.toThrow('down');
    }
    await expect(subject.execute(counted)).rejects.toBeInstanceOf(BreakerOpenError);

    expect(calls).toBe(3);
    expect(subject.state()).toBe('open');
  });

  it('a success resets the count of consecutive failures', async () => {
    const subject = breaker(new ManualClock());
    await expect(subject.execute(fail)).rejects.toThrow();
    await expect(subject.execute(fail)).rejects.toThrow();
    await subject.execute(succeed);
    await expect(subject.execute(fail)).rejects.toThrow();
    await expect(subject.execute(fail)).rejects.toThrow();

    expect(subject.state()).toBe('closed');
  });

  it('lets one trial through after the open period; success closes, failure reopens', async () => {
    const clock = new ManualClock();
    const states: BreakerState[] = [];
    const subject = breaker(clock, states);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await expect(subject.execute(fail)).rejects.toThrow();
    }
    clock.time += 1_000;
    expect(subject.state()).toBe('half_open');
    await expect(subject.execute(fail)).rejects.toThrow('down');
    expect(subject.state()).toBe('open');
    clock.time += 1_000;
    await expect(subject.execute(succeed)).resolves.toBe('ok');

    expect(subject.state()).toBe('closed');
    expect(states).toEqual(['open', 'half_open', 'open', 'half_open', 'closed']);
  });

  it('admits a single trial while half open', async () => {
    const clock = new ManualClock();
    const subject = breaker(clock);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await expect(subject.execute(fail)).rejects.toThrow();
    }
    clock.time += 1_000;
    let release: (value: string) => void = () => undefined;
    const trial = subject.execute(() => new Promise<string>((resolve) => (release = resolve)));
    await expect(subject.execute(succeed)).rejects.toBeInstanceOf(BreakerOpenError);
    release('ok');

    await expect(trial).resolves.toBe('ok');
    expect(subject.state()).toBe('closed');
  });

  it('does not count errors the caller says are not the dependency’s fault', async () => {
    const subject = breaker(new ManualClock());
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await expect(subject.execute(fail, () => false)).rejects.toThrow();
    }
    expect(subject.state()).toBe('closed');
  });

  it('rejects a nonsensical threshold at construction', () => {
    expect(() => new CircuitBreaker({ failureThreshold: 0, openDurationMs: 1, clock: new ManualClock() })).toThrow(RangeError);
  });
});
