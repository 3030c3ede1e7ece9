import { request } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';

export interface WaitForHttpOkOptions {
  /** Give up after this long. Default 30 s. */
  timeoutMs?: number;
  /** Pause between attempts. Default 100 ms. */
  intervalMs?: number;
}

function getStatus(url: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method: 'GET', timeout: timeoutMs, agent: false }, (response) => {
      response.resume();
      response.once('end', () => resolve(response.statusCode ?? 0));
      response.once('error', reject);
    });
    outgoing.once('timeout', () => outgoing.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    outgoing.once('error', reject);
    outgoing.end();
  });
}

/** Polls `url` with GET until it answers 200; rejects with the last status or error after the timeout. */
export async function waitForHttpOk(url: string, options: WaitForHttpOkOptions = {}): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const intervalMs = options.intervalMs ?? 100;
  const deadline = performance.now() + timeoutMs;
  let last: string;
  for (;;) {
    try {
      const status = await getStatus(url, Math.max(100, Math.min(2000, deadline - performance.now())));
      if (status === 200) return;
      last = `status ${status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    if (performance.now() + intervalMs > deadline) throw new Error(`${url} did not answer 200 within ${timeoutMs} ms (last: ${last})`);
    await delay(intervalMs);
  }
}
