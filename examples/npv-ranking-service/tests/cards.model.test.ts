import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryEventSink } from '../src/clients/events/memoryEventSink.js';
import { buildApp } from '../src/server/app.js';
import type { BuildAppOptions, NpvApp } from '../src/server/app.js';
import { closedPortUrl, startModelServer } from './support/modelServer.js';
import type { RunningModelServer } from './support/modelServer.js';
import { CARDS_URL, validBody } from './support/requests.js';
import type { CardsResponseJson } from './support/requests.js';
import { cardsResponseErrors } from './support/schemaCheck.js';

/** Generous timeouts: these tests are about which path is taken, not about speed on a busy machine. */
const RELAXED = { modelTimeoutMs: 2_000, requestBudgetMs: 5_000, events: { kind: 'memory' }, logLevel: 'silent' } as const;

const apps: NpvApp[] = [];
const servers: RunningModelServer[] = [];

async function appFor(modelUrl: string, options: BuildAppOptions = {}): Promise<NpvApp> {
  const app = buildApp({ ...options, config: { ...RELAXED, modelUrl, ...options.config } });
  apps.push(app);
  await app.ready();
  return app;
}

async function modelServer(faults: Parameters<typeof startModelServer>[0] = {}): Promise<RunningModelServer> {
  const server = await startModelServer(faults);
  servers.push(server);
  return server;
}

async function postCards(app: NpvApp, body: object = validBody()): Promise<{ status: number; json: CardsResponseJson }> {
  const response = await app.inject({ method: 'POST', url: CARDS_URL, payload: body });
  return { status: response.statusCode, json: response.json<CardsResponseJson>() };
}

afterAll(async () => {
  await Promise.all(apps.map((app) => app.close()));
  await Promise.all(servers.map((server) => server.close()));
});

describe('POST /v1/npv/cards with the real model server', () => {
  let healthy: NpvApp;

  beforeAll(async () => {
    healthy = await appFor((await modelServer()).url);
  });

  it('answers 200 with model scores, at most `limit` cards numbered from 1, matching the response schema', async () => {
    const { status, json } = await postCards(healthy, validBody({ limit: 7 }));

    expect(status).toBe(200);
    expect(json.scoreSource).toBe('model');
    expect(json).not.toHaveProperty('fallbackReason');
    expect(json.cards.length).toBeGreaterThan(0);
    expect(json.cards.length).toBeLessThanOrEqual(7);
    expect(json.cards.map((card) => card.position)).toEqual(json.cards.map((_, index) => index + 1));
    expect(cardsResponseErrors(json)).toEqual([]);
  });

  it('answers with the request id of its x-request-id header', async () => {
    const response = await healthy.inject({ method: 'POST', url: CARDS_URL, payload: validBody() });

    expect(response.json<CardsResponseJson>().requestId).toBe(response.headers['x-request-id']);
  });

  it('ranks cards by score, highest first', async () => {
    const { json } = await postCards(healthy, validBody({ limit: 20 }));
    const scores = json.cards.map((card) => card.score);

    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('defaults the limit to 20', async () => {
    const { listenerId, trackId, market, platform } = validBody();
    const { status, json } = await postCards(healthy, { listenerId, trackId, market, platform });

    expect(status).toBe(200);
    expect(json.cards.length).toBe(20);
  });

  it('never shows explicit content unless allowed', async () => {
    const shown = new Set<string>();
    for (const trackId of ['trk-00001', 'trk-00042', 'trk-01000', 'trk-05000', 'trk-12345']) {
      const { json } = await postCards(healthy, validBody({ trackId, limit: 50 }));
      json.cards.forEach((card) => shown.add(card.entityId));
    }
    const { sharedCatalog } = await import('../src/clients/catalog/generateCatalog.js');
    const catalog = sharedCatalog();
    const explicitOrUnknown = [...shown].filter((entityId) => {
      const track = catalog.tracks[catalog.trackIndex.get(entityId) ?? -1];
      const episode = catalog.episodes[catalog.episodeIndex.get(entityId) ?? -1];
      const playlist = catalog.playlists[catalog.playlistIndex.get(entityId) ?? -1];
      const flag = (track ?? episode ?? playlist)?.explicit;
      return flag === true || flag === null;
    });

    expect(shown.size).toBeGreaterThan(50);
    expect(explicitOrUnknown).toEqual([]);
  });

  it('reports the same experiment variants for the same listener, on every request', async () => {
    const first = await postCards(healthy, validBody({ listenerId: 'listener-stable' }));
    const second = await postCards(healthy, validBody({ listenerId: 'listener-stable', trackId: 'trk-00100' }));

    expect(first.json.experiments).toHaveLength(2);
    expect(second.json.experiments).toEqual(first.json.experiments);
  });
});

describe('fallback to the heuristic scorer', () => {
  it('answers 200 with model_unavailable when nothing listens at the model URL', async () => {
    const app = await appFor(await closedPortUrl());
    const { status, json } = await postCards(app);

    expect(status).toBe(200);
    expect(json.scoreSource).toBe('heuristic');
    expect(json.fallbackReason).toBe('model_unavailable');
    expect(json.cards.length).toBeGreaterThan(0);
    expect(cardsResponseErrors(json)).toEqual([]);
  });

  it('answers 200 with model_timeout when the model answers after the model timeout', async () => {
    const slow = await modelServer({ latencyMs: 400 });
    const app = await appFor(slow.url, { config: { modelTimeoutMs: 50, requestBudgetMs: 1_000 } });
    const { status, json } = await postCards(app);

    expect(status).toBe(200);
    expect(json.scoreSource).toBe('heuristic');
    expect(json.fallbackReason).toBe('model_timeout');
  });

  it('answers 200 with model_timeout when the request deadline ends before the model answers', async () => {
    const slow = await modelServer({ latencyMs: 1_000 });
    const app = await appFor(slow.url, { config: { modelTimeoutMs: 5_000, requestBudgetMs: 300 } });
    const { status, json } = await postCards(app);

    expect(status).toBe(200);
    expect(json.fallbackReason).toBe('model_timeout');
  });

  it('answers 200 with model_error when the model server answers 5xx', async () => {
    const failing = await modelServer({ errorRate: 1 });
    const app = await appFor(failing.url);
    const { status, json } = await postCards(app);

    expect(status).toBe(200);
    expect(json.scoreSource).toBe('heuristic');
    expect(json.fallbackReason).toBe('model_error');
  });

  it('answers 200 with deadline_exhausted when no budget is left for the model', async () => {
    const app = await appFor((await modelServer()).url, { config: { requestBudgetMs: 1 } });
    const { status, json } = await postCards(app);

    expect(status).toBe(200);
    expect(json.scoreSource).toBe('heuristic');
    expect(json.fallbackReason).toBe('deadline_exhausted');
  });

  it('opens the breaker after repeated failures and then stops calling the model', async () => {
    const failing = await modelServer({ errorRate: 1 });
    const app = await appFor(failing.url, { breaker: { failureThreshold: 3, openDurationMs: 60_000 } });
    const reasons: (string | undefined)[] = [];
    for (let attempt = 0; attempt < 5; attempt += 1) {
      reasons.push((await postCards(app)).json.fallbackReason);
    }
    const metrics = await app.inject({ method: 'GET', url: '/metrics' });

    expect(reasons).toEqual(['model_error', 'model_error', 'model_error', 'breaker_open', 'breaker_open']);
    expect(metrics.body).toMatch(/^npv_model_breaker_state 2$/m);
    expect(metrics.body).toMatch(/^npv_scoring_fallbacks_total\{reason="breaker_open"\} 2$/m);
    expect(metrics.body).toMatch(/^npv_model_call_duration_seconds_count\{outcome="model_error"\} 3$/m);
  });

  it('logs the served variant and the fallback in the served event on the fallback path', async () => {
    const eventSink = new MemoryEventSink();
    const app = await appFor(await closedPortUrl(), { eventSink });
    const { json } = await postCards(app);
    const served = eventSink.events().filter((event) => event.type === 'npv_served');

    expect(served).toHaveLength(1);
    expect(served[0]?.requestId).toBe(json.requestId);
    expect(served[0]?.payload).toMatchObject({
      scoreSource: 'heuristic',
      fallbackReason: 'model_unavailable',
      experiments: json.experiments,
      cardCount: json.cards.length,
    });
  });
});
