import { setTimeout as delay } from 'node:timers/promises';

/**
 * Waits at least `ms` milliseconds. Node timers may fire up to a millisecond early against a
 * high-resolution clock, and an injected delay must never be shorter than configured.
 */
export async function sleepAtLeast(ms: number): Promise<void> {
  const deadline = performance.now() + ms;
  for (let remaining = ms; remaining > 0; remaining = deadline - performance.now()) {
    await delay(Math.max(1, Math.ceil(remaining)));
  }
}
