import { describe, expect, it } from 'vitest';
import { createSystemClock, createVirtualClock } from '../../src/latency/clock.js';

describe('createVirtualClock', () => {
  it('jumps to the earliest sleeper when idle, and wakes equal times in call order', async () => {
    const clock = createVirtualClock(100);
    const woken: string[] = [];
    const sleep = (label: string, time: number) => clock.sleepUntil(time).then(() => woken.push(`${label}@${clock.now()}`));
    await Promise.all([sleep('c', 130), sleep('a', 110), sleep('b', 110), sleep('past', 50)]);
    expect(woken).toEqual(['past@100', 'a@110', 'b@110', 'c@130']);
    expect(clock.now()).toBe(130);
    expect(clock.pending).toBe(0);
  });

  it('lets a woken task sleep again before later sleepers wake', async () => {
    const clock = createVirtualClock();
    const woken: string[] = [];
    const chain = clock.sleepUntil(10).then(async () => {
      woken.push(`first@${clock.now()}`);
      await clock.sleepUntil(clock.now() + 5);
      woken.push(`second@${clock.now()}`);
    });
    const later = clock.sleepUntil(20).then(() => woken.push(`later@${clock.now()}`));
    await Promise.all([chain, later]);
    expect(woken).toEqual(['first@10', 'second@15', 'later@20']);
  });

  it('rejects an aborted sleep with the abort reason and drops it', async () => {
    const clock = createVirtualClock();
    const controller = new AbortController();
    const sleeping = clock.sleepUntil(1000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(sleeping).rejects.toThrow('stop');
    expect(clock.pending).toBe(0);
    await expect(clock.sleepUntil(5, controller.signal)).rejects.toThrow('stop');
  });
});

describe('createSystemClock', () => {
  it('never wakes before the deadline, with timers alone or with a spin window', async () => {
    for (const spinWindowMs of [0, 1]) {
      const clock = createSystemClock({ spinWindowMs });
      for (const waitMs of [0.3, 1.7, 4.2]) {
        const deadline = clock.now() + waitMs;
        await clock.sleepUntil(deadline);
        expect(clock.now()).toBeGreaterThanOrEqual(deadline);
      }
    }
  });

  it('rejects with an AbortError when aborted', async () => {
    const clock = createSystemClock();
    const controller = new AbortController();
    const sleeping = clock.sleepUntil(clock.now() + 60_000, controller.signal);
    controller.abort();
    await expect(sleeping).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('refuses a negative spin window', () => {
    expect(() => createSystemClock({ spinWindowMs: -1 })).toThrow('spinWindowMs must be a non-negative number, got -1');
  });
});
