import type { Clock } from '../core/clock.js';

/** Wall-clock milliseconds with sub-millisecond resolution, from the monotonic performance timer. */
export const systemClock: Clock = {
  now: () => performance.timeOrigin + performance.now(),
};
