import { describe, expect, it } from 'vitest';
import { createSystemClock, createVirtualClock } from '../../src/latency/clock.js';
import { constantLatency, lognormalFromPercentiles } from '../../src/latency/distributions.js';
import { FakeDependencyError, fakeLatency } from '../../src/latency/fake-latency.js';

describe('fakeLatency', () => {
  it('waits the sampled delay on the given clock', async () => {
    const clock = createVirtualClock();
    const dependency = fakeLatency(constantLatency(7), { clock });
    await dependency();
    expect(clock.now()).toBe(7);
    await dependency();
    expect(clock.now()).toBe(14);
  });

  it('reports each sampled delay and repeats them for the same seed', async () => {
    const run = async (seed: number) => {
      const samples: number[] = [];
      const dependency = fakeLatency(lognormalFromPercentiles({ p50Ms: 5, p99Ms: 20 }), { clock: createVirtualClock(), seed, onSample: (delay) => samples.push(delay) });
      for (let call = 0; call < 20; call += 1) await dependency();
      return samples;
    };
    const first = await run(3);
    expect(first).toHaveLength(20);
    expect(await run(3)).toEqual(first);
    expect(await run(4)).not.toEqual(first);
  });

  it('fails with FakeDependencyError at errorRate 1, after the delay', async () => {
    const clock = createVirtualClock();
    const dependency = fakeLatency(constantLatency(3), { clock, errorRate: 1 });
    await expect(dependency()).rejects.toThrow(FakeDependencyError);
    expect(clock.now()).toBe(3);
  });

  it('fails about errorRate of the calls, the same calls for the same seed', async () => {
    const outcomes = async (seed: number) => {
      const dependency = fakeLatency(constantLatency(1), { clock: createVirtualClock(), errorRate: 0.3, seed });
      const result: boolean[] = [];
      for (let call = 0; call < 1000; call += 1) result.push(await dependency().then(() => true, () => false));
      return result;
    };
    const first = await outcomes(9);
    expect(await outcomes(9)).toEqual(first);
    const failures = first.filter((ok) => !ok).length;
    expect(failures).toBeGreaterThan(250);
    expect(failures).toBeLessThan(350);
  });

  it('honours an AbortSignal: a long wait is abandoned with the abort reason', async () => {
    const dependency = fakeLatency(constantLatency(60_000), { clock: createSystemClock() });
    const controller = new AbortController();
    const call = dependency(controller.signal);
    setTimeout(() => controller.abort(new Error('deadline exceeded')), 5);
    await expect(call).rejects.toThrow('deadline exceeded');
  });

  it('refuses an error rate outside 0..1', () => {
    expect(() => fakeLatency(constantLatency(1), { errorRate: 2 })).toThrow('errorRate must be from 0 to 1, got 2');
  });
});
