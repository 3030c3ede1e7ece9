import http from 'node:http';
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
    const summary = await measureEndpoint({ request: { method: 'GET', url }, rate: 100, durationMs: 4000, warmupMs: 300 });
    const shares = { p50: summary.p50Ms / CONFIGURED.p50Ms - 1, p99: summary.p99Ms / CONFIGURED.p99Ms - 1 };
    expect(summary.errors).toBe(0);
    expect(summary.count).toBe(400);
    expect(Math.abs(shares.p50), `p50 ${summary.p50Ms} ms`).toBeLessThan(0.1);
    expect(Math.abs(shares.p99), `p99 ${summary.p99Ms} ms`).toBeLessThan(0.1);
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
