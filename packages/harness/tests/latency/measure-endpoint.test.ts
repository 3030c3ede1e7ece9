import http from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lognormalFromPercentiles } from '../../src/latency/distributions.js';
import { fakeLatency } from '../../src/latency/fake-latency.js';
import { budgetVerdict, measureEndpoint } from '../../src/latency/measure-endpoint.js';

// Large enough that what a loopback round trip adds on a busy machine (1–10 ms) stays a small share of what is measured.
const CONFIGURED = { p50Ms: 200, p99Ms: 400 };
let server: http.Server;
let url: string;

beforeAll(async () => {
  // Stratified draws: every 100 requests hold one delay from each percentile slice, so the test is about the measurement.
  const wait = fakeLatency(lognormalFromPercentiles(CONFIGURED), { seed: 4, strata: 100 });
  server = http.createServer((request, response) => {
    void wait().then(() => response.end('{}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('measureEndpoint against a fake with a known latency distribution', () => {
  it('reports p50 and p99 within 10% of the configured values, over real HTTP at a sustainable rate', { timeout: 30_000 }, async () => {
    // The machine is shared: what it adds to every timer (the event loop's delay during the run) widens the upper bound.
    const loopDelay = monitorEventLoopDelay({ resolution: 1 });
    loopDelay.enable();
    const summary = await measureEndpoint({ request: { method: 'GET', url }, rate: 100, durationMs: 4000, warmupMs: 300 });
    loopDelay.disable();
    const lateMs = loopDelay.percentile(99) / 1e6;
    expect(summary.errors).toBe(0);
    expect(summary.count).toBe(400);
    expect(summary.p50Ms, `p50 ${summary.p50Ms} ms, event loop p99 delay ${lateMs.toFixed(1)} ms`).toBeLessThan(CONFIGURED.p50Ms * 1.1 + 2 * lateMs);
    expect(summary.p50Ms).toBeGreaterThan(CONFIGURED.p50Ms * 0.9);
    expect(summary.p99Ms, `p99 ${summary.p99Ms} ms, event loop p99 delay ${lateMs.toFixed(1)} ms`).toBeLessThan(CONFIGURED.p99Ms * 1.1 + 2 * lateMs);
    expect(summary.p99Ms).toBeGreaterThan(CONFIGURED.p99Ms * 0.9);
    expect(summary.p99IntervalMs.lower).toBeLessThanOrEqual(summary.p99Ms);
    expect(summary.p99IntervalMs.upper).toBeGreaterThanOrEqual(summary.p99Ms);
  });
});

describe('budget verdict on the p99 interval', () => {
  it.each([
    [{ lower: 51, upper: 60 }, 50, 'exceeded'],
    [{ lower: 45, upper: 55 }, 50, 'unsure'],
    [{ lower: 40, upper: 50 }, 50, 'within'],
  ] as const)('%o against %d ms is %s', (interval, budget, verdict) => {
    expect(budgetVerdict(interval, budget)).toBe(verdict);
  });
});
