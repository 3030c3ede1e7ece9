import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPseudonymiser } from '../src/observability/pseudonymiser.js';
import { buildApp } from '../src/server/app.js';
import type { NpvApp } from '../src/server/app.js';
import { LogCapture } from './support/logCapture.js';
import { closedPortUrl, startModelServer } from './support/modelServer.js';
import type { RunningModelServer } from './support/modelServer.js';
import { CARDS_URL, validBody } from './support/requests.js';

const RAW_ID = 'listener-4f1c9e-very-private';
const KEY = 'test-pseudonym-key-0123456789';

let model: RunningModelServer;
const logs = new LogCapture();
const apps: NpvApp[] = [];

async function appFor(modelUrl: string): Promise<NpvApp> {
  const app = buildApp({
    config: { modelUrl, logLevel: 'trace', pseudonymKey: KEY, events: { kind: 'memory' }, modelTimeoutMs: 2_000, requestBudgetMs: 5_000 },
    logStream: logs,
  });
  apps.push(app);
  await app.ready();
  return app;
}

beforeAll(async () => {
  model = await startModelServer();
});

afterAll(async () => {
  await Promise.all(apps.map((app) => app.close()));
  await model.close();
});

describe('no raw listener id in any log line', () => {
  it('holds across answered, fallback, rejected and failed requests', async () => {
    const healthy = await appFor(model.url);
    const modelDown = await appFor(await closedPortUrl());
    const statuses: number[] = [];
    const send = async (app: NpvApp, payload: string, contentType = 'application/json', url = CARDS_URL) => {
      const response = await app.inject({ method: 'POST', url, payload, headers: { 'content-type': contentType, 'x-listener-id': RAW_ID } });
      statuses.push(response.statusCode);
    };

    await send(healthy, JSON.stringify(validBody({ listenerId: RAW_ID })));
    await send(modelDown, JSON.stringify(validBody({ listenerId: RAW_ID })));
    await send(healthy, JSON.stringify(validBody({ listenerId: RAW_ID, trackId: 'trk-99999' })));
    await send(healthy, JSON.stringify({ ...validBody({ listenerId: RAW_ID }), limit: 0 }));
    await send(healthy, JSON.stringify({ ...validBody({ listenerId: RAW_ID }), [RAW_ID]: true }));
    await send(healthy, `{"listenerId": "${RAW_ID}", `);
    await send(healthy, JSON.stringify(validBody({ listenerId: RAW_ID })), 'text/plain');
    await send(healthy, JSON.stringify({ ...validBody({ listenerId: RAW_ID }), padding: 'x'.repeat(20_000) }));
    await send(healthy, JSON.stringify(validBody({ listenerId: RAW_ID })), 'application/json', `/v1/npv/cards?listenerId=${RAW_ID}`);
    await send(healthy, JSON.stringify(validBody({ listenerId: RAW_ID })), 'application/json', `/v1/listeners/${RAW_ID}`);

    expect(statuses).toEqual([200, 200, 404, 400, 400, 400, 415, 413, 200, 404]);
    expect(logs.lines.length).toBeGreaterThan(20);
    expect(logs.text()).not.toContain(RAW_ID);
    expect(logs.text()).not.toContain('4f1c9e');
  });

  it('logs the keyed pseudonym instead', () => {
    const pseudonym = createPseudonymiser(KEY).pseudonymise(RAW_ID);
    const ranked = logs.parsed().filter((line) => line['msg'] === 'cards ranked');

    expect(pseudonym).toMatch(/^lp_[0-9a-f]{16}$/);
    expect(ranked.length).toBeGreaterThanOrEqual(3);
    expect(ranked.every((line) => line['listener'] === pseudonym)).toBe(true);
  });

  it('request logs carry the route template, no headers, address or body', () => {
    const incoming = logs.parsed().filter((line) => line['msg'] === 'incoming request');

    expect(incoming.length).toBeGreaterThan(5);
    for (const line of incoming) {
      expect(Object.keys(line['req'] as object).sort()).toEqual(['method', 'route']);
    }
  });
});

describe('pseudonymiser', () => {
  it('depends on the key, is stable, and is not the id', () => {
    const first = createPseudonymiser(KEY);
    const other = createPseudonymiser(`${KEY}-rotated`);

    expect(first.pseudonymise(RAW_ID)).toBe(first.pseudonymise(RAW_ID));
    expect(first.pseudonymise(RAW_ID)).not.toBe(other.pseudonymise(RAW_ID));
    expect(first.pseudonymise(RAW_ID)).not.toBe(first.pseudonymise(`${RAW_ID}x`));
  });
});
