import { describe, expect, it } from 'vitest';
import { buildModelServer } from '../src/server.js';
import { createFaultInjector } from '../src/faults/faults.js';
import { seededRandom } from '../src/faults/random.js';
import type { FaultOptions } from '../src/faults/faults.js';
import { inferBody, SAMPLE_ROWS, shippedModel } from './helpers.js';

async function statuses(faults: FaultOptions, count: number): Promise<number[]> {
  const app = buildModelServer({ models: [shippedModel()], logLevel: 'silent', faults });
  try {
    const result: number[] = [];
    for (let index = 0; index < count; index += 1) {
      const response = await app.inject({ method: 'POST', url: '/v2/models/npv-ranker/infer', payload: inferBody(SAMPLE_ROWS) });
      result.push(response.statusCode);
    }
    return result;
  } finally {
    await app.close();
  }
}

describe('fault injection', () => {
  it('is off by default', async () => {
    expect(await statuses({}, 20)).toEqual(Array<number>(20).fill(200));
  });

  it('errorRate 1 answers every inference with 500 and the protocol error shape', async () => {
    const app = buildModelServer({ models: [shippedModel()], logLevel: 'silent', faults: { errorRate: 1 } });
    const response = await app.inject({ method: 'POST', url: '/v2/models/npv-ranker/infer', payload: inferBody(SAMPLE_ROWS) });
    const health = await app.inject({ method: 'GET', url: '/v2/health/ready' });
    await app.close();
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({ error: 'injected fault' });
    expect(health.statusCode).toBe(200);
  });

  it('uses errorStatus for injected errors', async () => {
    expect(await statuses({ errorRate: 1, errorStatus: 503 }, 3)).toEqual([503, 503, 503]);
  });

  it('still validates before injecting: a bad body is 400 even at errorRate 1', async () => {
    const app = buildModelServer({ models: [shippedModel()], logLevel: 'silent', faults: { errorRate: 1 } });
    const response = await app.inject({ method: 'POST', url: '/v2/models/npv-ranker/infer', payload: { inputs: [] } });
    await app.close();
    expect(response.statusCode).toBe(400);
  });

  it('draws errors from the seed: the same seed repeats the same sequence, another seed differs', async () => {
    const first = await statuses({ errorRate: 0.5, seed: 42 }, 40);
    const again = await statuses({ errorRate: 0.5, seed: 42 }, 40);
    const other = await statuses({ errorRate: 0.5, seed: 43 }, 40);
    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
    const errors = first.filter((status) => status === 500).length;
    expect(errors).toBeGreaterThan(8);
    expect(errors).toBeLessThan(32);
  });

  it('latencyMs 50 delays an inference by at least 50 ms', async () => {
    const app = buildModelServer({ models: [shippedModel()], logLevel: 'silent', faults: { latencyMs: 50 } });
    await app.ready();
    const started = performance.now();
    const response = await app.inject({ method: 'POST', url: '/v2/models/npv-ranker/infer', payload: inferBody(SAMPLE_ROWS) });
    const elapsed = performance.now() - started;
    await app.close();
    expect(response.statusCode).toBe(200);
    expect(elapsed).toBeGreaterThanOrEqual(50);
  });

  it('latencyJitterMs adds a delay of at least latencyMs on every request', async () => {
    const injector = createFaultInjector({ latencyMs: 5, latencyJitterMs: 10, seed: 3 });
    for (let index = 0; index < 5; index += 1) {
      const started = performance.now();
      await injector.apply();
      expect(performance.now() - started).toBeGreaterThanOrEqual(5);
    }
  });
});

describe('seededRandom', () => {
  it('repeats for a seed and stays in [0, 1)', () => {
    const first = seededRandom(7);
    const second = seededRandom(7);
    const draws = Array.from({ length: 1000 }, () => first());
    expect(Array.from({ length: 1000 }, () => second())).toEqual(draws);
    expect(draws.every((value) => value >= 0 && value < 1)).toBe(true);
    const mean = draws.reduce((sum, value) => sum + value, 0) / draws.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
  });
});
