import { afterAll, describe, expect, it, vi } from 'vitest';
import type { ModelMetadataSource } from '../src/clients/model/modelReadiness.js';
import { checkModelContract } from '../src/clients/model/modelContract.js';
import { FEATURE_NAMES } from '../src/clients/model/featureSpec.js';
import { sharedCatalog } from '../src/clients/catalog/generateCatalog.js';
import { InMemoryCatalog } from '../src/clients/catalog/inMemoryCatalog.js';
import { buildApp } from '../src/server/app.js';
import type { BuildAppOptions, NpvApp } from '../src/server/app.js';
import { closedPortUrl, modelWithSwappedFeatures, startModelServer } from './support/modelServer.js';
import type { RunningModelServer } from './support/modelServer.js';
import { CARDS_URL, validBody } from './support/requests.js';

const apps: NpvApp[] = [];
const servers: RunningModelServer[] = [];

afterAll(async () => {
  await Promise.all(apps.map((app) => app.close()));
  await Promise.all(servers.map((server) => server.close()));
});

async function appFor(modelUrl: string, options: BuildAppOptions = {}): Promise<NpvApp> {
  const app = buildApp({ ...options, config: { modelUrl, events: { kind: 'memory' }, logLevel: 'silent', ...options.config } });
  apps.push(app);
  await app.ready();
  return app;
}

async function readyz(app: NpvApp): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await app.inject({ method: 'GET', url: '/readyz' });
  return { status: response.statusCode, json: response.json<Record<string, unknown>>() };
}

function metadataWith(change: (metadata: Record<string, unknown>) => void): Record<string, unknown> {
  const metadata: Record<string, unknown> = {
    name: 'npv-ranker',
    versions: ['1'],
    platform: 'npvguard-mlp',
    inputs: [{ name: 'features', datatype: 'FP32', shape: [-1, 12], parameters: { feature_names: [...FEATURE_NAMES] } }],
    outputs: [{ name: 'scores', datatype: 'FP32', shape: [-1] }],
  };
  change(metadata);
  return metadata;
}

function fixedMetadata(body: unknown, statusCode = 200): ModelMetadataSource & { calls: number } {
  const source = {
    calls: 0,
    metadata: () => {
      source.calls += 1;
      return Promise.resolve({ statusCode, body });
    },
  };
  return source;
}

describe('GET /healthz', () => {
  it('is live as soon as the app is ready, whatever the model does', async () => {
    const app = await appFor(await closedPortUrl());
    const response = await app.inject({ method: 'GET', url: '/healthz' });

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ live: true });
  });
});

describe('GET /readyz', () => {
  it('is 200 when the real model server serves the expected contract', async () => {
    const server = await startModelServer();
    servers.push(server);

    expect(await readyz(await appFor(server.url))).toEqual({ status: 200, json: { ready: true } });
  });

  it('is 503 model_contract_mismatch when the model server declares another feature order', async () => {
    const server = await startModelServer({}, [await modelWithSwappedFeatures()]);
    servers.push(server);
    const { status, json } = await readyz(await appFor(server.url));

    expect(status).toBe(503);
    expect(json['ready']).toBe(false);
    expect(json['reason']).toBe('model_contract_mismatch');
    expect(json['message']).toMatch(/^input features declares features \["artist_affinity","popularity",/);
  });

  it('is 503 model_unreachable when nothing listens', async () => {
    const { status, json } = await readyz(await appFor(await closedPortUrl()));

    expect(status).toBe(503);
    expect(json['reason']).toBe('model_unreachable');
  });

  it('is 503 model_not_found when the server does not serve the model', async () => {
    const app = await appFor('http://127.0.0.1:9', { modelMetadata: fixedMetadata({ error: 'unknown model' }, 404) });

    expect((await readyz(app)).json['reason']).toBe('model_not_found');
  });

  it('is 503 catalog_not_loaded while the catalog is not loaded', async () => {
    const catalog = new InMemoryCatalog(sharedCatalog());
    vi.spyOn(catalog, 'isLoaded').mockReturnValue(false);
    const app = await appFor('http://127.0.0.1:9', { catalog, modelMetadata: fixedMetadata(metadataWith(() => undefined)) });

    expect(await readyz(app)).toEqual({ status: 503, json: { ready: false, reason: 'catalog_not_loaded', message: 'the catalog is not loaded' } });
  });

  it('answers from the cached check: neither /readyz nor requests fetch metadata', async () => {
    const source = fixedMetadata(metadataWith(() => undefined));
    const app = await appFor('http://127.0.0.1:9', { modelMetadata: source, readinessIntervalMs: 60_000 });
    const callsAfterStart = source.calls;
    for (let index = 0; index < 5; index += 1) {
      await app.inject({ method: 'GET', url: '/readyz' });
      await app.inject({ method: 'POST', url: CARDS_URL, payload: validBody() });
    }

    expect(callsAfterStart).toBe(1);
    expect(source.calls).toBe(1);
  });

  it('refreshes the cached check in the background', async () => {
    let body: unknown = metadataWith((metadata) => {
      metadata['outputs'] = [{ name: 'probabilities', datatype: 'FP32', shape: [-1] }];
    });
    const source: ModelMetadataSource = { metadata: () => Promise.resolve({ statusCode: 200, body }) };
    const app = await appFor('http://127.0.0.1:9', { modelMetadata: source, readinessIntervalMs: 20 });

    expect((await readyz(app)).json).toMatchObject({ reason: 'model_contract_mismatch', message: 'model has no output named scores' });
    body = metadataWith(() => undefined);
    await vi.waitFor(async () => expect((await readyz(app)).status).toBe(200), { timeout: 2_000, interval: 10 });
  });
});

describe('model contract check', () => {
  it.each<[string, (metadata: Record<string, unknown>) => void, string]>([
    ['another model', (m) => void (m['name'] = 'other'), 'model name is "other", expected npv-ranker'],
    ['no version 1', (m) => void (m['versions'] = ['2']), 'model versions ["2"] do not include 1'],
    ['a renamed input', (m) => void (m['inputs'] = [{ name: 'x', datatype: 'FP32', shape: [-1, 12] }]), 'model has no input named features'],
    [
      'another datatype',
      (m) => void (m['inputs'] = [{ name: 'features', datatype: 'FP64', shape: [-1, 12], parameters: { feature_names: [...FEATURE_NAMES] } }]),
      'input features has datatype "FP64", expected FP32',
    ],
    [
      'another width',
      (m) => void (m['inputs'] = [{ name: 'features', datatype: 'FP32', shape: [-1, 13], parameters: { feature_names: [...FEATURE_NAMES] } }]),
      'input features has shape [-1,13], expected [-1,12]',
    ],
    [
      'no feature names',
      (m) => void (m['inputs'] = [{ name: 'features', datatype: 'FP32', shape: [-1, 12] }]),
      `input features declares features undefined, expected ${JSON.stringify(FEATURE_NAMES)}`,
    ],
    ['an output datatype', (m) => void (m['outputs'] = [{ name: 'scores', datatype: 'INT8', shape: [-1] }]), 'output scores has datatype "INT8", expected FP32'],
    ['an output shape', (m) => void (m['outputs'] = [{ name: 'scores', datatype: 'FP32', shape: [-1, 2] }]), 'output scores has shape [-1,2], expected [-1]'],
  ])('reports %s', (_name, change, message) => {
    expect(checkModelContract(metadataWith(change))).toEqual({ ok: false, message });
  });

  it('accepts the contract, finding tensors by name wherever they are listed', () => {
    const metadata = metadataWith((m) => {
      m['outputs'] = [{ name: 'debug', datatype: 'FP32', shape: [-1] }, { name: 'scores', datatype: 'FP32', shape: [-1] }];
    });
    expect(checkModelContract(metadata)).toEqual({ ok: true });
  });

  it('rejects something that is not metadata at all', () => {
    expect(checkModelContract('<html>')).toEqual({ ok: false, message: 'model metadata is not a JSON object' });
  });
});

describe('GET /metrics', () => {
  it('exposes the service metrics in Prometheus text format', async () => {
    const app = await appFor(await closedPortUrl(), { config: { modelTimeoutMs: 2_000, requestBudgetMs: 5_000 } });
    await app.inject({ method: 'POST', url: CARDS_URL, payload: validBody() });
    const response = await app.inject({ method: 'GET', url: '/metrics' });

    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    for (const name of [
      'npv_http_request_duration_seconds',
      'npv_model_call_duration_seconds',
      'npv_scoring_fallbacks_total',
      'npv_model_breaker_state',
      'npv_events_emitted_total',
      'npv_events_dropped_total',
    ]) {
      expect(response.body).toContain(`# TYPE ${name} `);
    }
    expect(response.body).toMatch(/^npv_http_request_duration_seconds_count\{route="\/v1\/npv\/cards",method="POST",status_code="200"\} 1$/m);
    expect(response.body).toMatch(/^npv_scoring_fallbacks_total\{reason="model_unavailable"\} 1$/m);
    expect(response.body).toMatch(/^npv_events_emitted_total\{type="npv_exposure"\} 1$/m);
  });

  it('keeps one registry per app', async () => {
    const first = await appFor(await closedPortUrl(), { config: { modelTimeoutMs: 2_000, requestBudgetMs: 5_000 } });
    const second = await appFor(await closedPortUrl());
    await first.inject({ method: 'POST', url: CARDS_URL, payload: validBody() });
    const metrics = (await second.inject({ method: 'GET', url: '/metrics' })).body;

    expect(metrics).not.toContain('npv_events_emitted_total{type="npv_exposure"}');
  });
});
