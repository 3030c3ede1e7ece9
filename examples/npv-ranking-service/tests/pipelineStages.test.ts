import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedCatalog } from '../src/clients/catalog/generateCatalog.js';
import { InMemoryCatalog } from '../src/clients/catalog/inMemoryCatalog.js';
import type { EventSink } from '../src/clients/events/eventSink.js';
import { InMemoryFeatureStore } from '../src/clients/features/inMemoryFeatureStore.js';
import { alreadyPlayedFilter } from '../src/components/filters/alreadyPlayedFilter.js';
import { explicitContentFilter } from '../src/components/filters/explicitContentFilter.js';
import { marketFilter } from '../src/components/filters/marketFilter.js';
import type { CandidateFilter } from '../src/core/components.js';
import type { CatalogPort, FeatureStorePort } from '../src/core/ports.js';
import { silentObserver } from '../src/core/ports.js';
import { applyFilters } from '../src/core/runner/filterAndHydrate.js';
import type { NpvPipelineTypes } from '../src/domain/pipelineTypes.js';
import { buildApp } from '../src/server/app.js';
import type { BuildAppOptions, NpvApp } from '../src/server/app.js';
import { hydratedCandidate, stageContext } from './support/pipelineFixtures.js';
import { startModelServer } from './support/modelServer.js';
import type { RunningModelServer } from './support/modelServer.js';
import { CARDS_URL, validBody } from './support/requests.js';
import type { CardsResponseJson } from './support/requests.js';
import fc from 'fast-check';

let model: RunningModelServer;
const apps: NpvApp[] = [];

beforeAll(async () => {
  model = await startModelServer();
});

afterAll(async () => {
  await Promise.all(apps.map((app) => app.close()));
  await model.close();
});

async function appWith(options: BuildAppOptions): Promise<NpvApp> {
  const app = buildApp({
    ...options,
    config: { modelUrl: model.url, modelTimeoutMs: 2_000, requestBudgetMs: 2_000, events: { kind: 'memory' }, logLevel: 'silent', ...options.config },
  });
  apps.push(app);
  await app.ready();
  return app;
}

async function cards(app: NpvApp): Promise<{ status: number; json: CardsResponseJson }> {
  const response = await app.inject({ method: 'POST', url: CARDS_URL, payload: validBody({ limit: 50 }) });
  return { status: response.statusCode, json: response.json<CardsResponseJson>() };
}

function metricValue(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

const realCatalog = new InMemoryCatalog(sharedCatalog());
const realFeatureStore = new InMemoryFeatureStore(sharedCatalog());

describe('candidate sources', () => {
  it('drops a source that never answers instead of waiting for it', async () => {
    const hanging: CatalogPort = {
      ...bindAll(realCatalog),
      playlistsWithTrack: () => new Promise(() => undefined),
    };
    const app = await appWith({ catalog: hanging, config: { requestBudgetMs: 300 } });
    const { status, json } = await cards(app);
    const metrics = (await app.inject({ method: 'GET', url: '/metrics' })).body;

    expect(status).toBe(200);
    expect(json.cards.length).toBeGreaterThan(0);
    expect(json.cards.filter((card) => card.kind === 'playlist')).toEqual([]);
    expect(metricValue(metrics, 'npv_candidate_source_outcomes_total{source="playlists",outcome="timeout"}')).toBe(1);
    expect(metricValue(metrics, 'npv_candidate_source_outcomes_total{source="relatedTracks",outcome="ok"}')).toBe(1);
  });

  it('drops a failing source and serves the others', async () => {
    const failing: CatalogPort = {
      ...bindAll(realCatalog),
      concertsForTrack: () => Promise.reject(new Error('concert service down')),
    };
    const app = await appWith({ catalog: failing });
    const { status, json } = await cards(app);
    const metrics = (await app.inject({ method: 'GET', url: '/metrics' })).body;

    expect(status).toBe(200);
    expect(json.cards.filter((card) => card.kind === 'concert')).toEqual([]);
    expect(metricValue(metrics, 'npv_candidate_source_outcomes_total{source="concerts",outcome="error"}')).toBe(1);
  });

  it('merges the same entity from two sources into one card', async () => {
    const app = await appWith({});
    const { json } = await cards(app);
    const entities = json.cards.map((card) => `${card.kind}:${card.entityId}`);

    expect(new Set(entities).size).toBe(entities.length);
  });
});

describe('seed track lookup', () => {
  it('answers 503 catalog_unavailable when the catalog does not answer in time', async () => {
    const hanging: CatalogPort = { ...bindAll(realCatalog), findTrack: () => new Promise(() => undefined) };
    const app = await appWith({ catalog: hanging });
    const response = await app.inject({ method: 'POST', url: CARDS_URL, payload: validBody() });

    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({ error: { code: 'catalog_unavailable', message: 'the catalog failed or did not answer in time' } });
  });
});

describe('feature hydration', () => {
  it('asks the feature store once per request for all candidates', async () => {
    const batchSizes: number[] = [];
    const counting: FeatureStorePort = {
      listenerFeatures: (listenerId, signal) => realFeatureStore.listenerFeatures(listenerId, signal),
      candidateFeatures: (seed, entities, signal) => {
        batchSizes.push(entities.length);
        return realFeatureStore.candidateFeatures(seed, entities, signal);
      },
    };
    const app = await appWith({ featureStore: counting });
    await cards(app);
    await cards(app);

    expect(batchSizes).toHaveLength(2);
    expect(batchSizes.every((size) => size > 50)).toBe(true);
  });

  it('falls back to neutral features when the feature store fails, and still answers', async () => {
    const failing: FeatureStorePort = {
      listenerFeatures: () => Promise.reject(new Error('feature store down')),
      candidateFeatures: () => Promise.reject(new Error('feature store down')),
    };
    const app = await appWith({ featureStore: failing });
    const { status, json } = await cards(app);
    const metrics = (await app.inject({ method: 'GET', url: '/metrics' })).body;

    expect(status).toBe(200);
    expect(json.cards.length).toBeGreaterThan(0);
    expect(metricValue(metrics, 'npv_pipeline_stage_failures_total{stage="hydrator",component="candidateFeatures"}')).toBe(1);
    expect(metricValue(metrics, 'npv_pipeline_stage_failures_total{stage="requestHydrator",component="listenerFeatures"}')).toBe(1);
  });
});

describe('side effects', () => {
  it('a throwing event sink neither fails nor delays the response', async () => {
    const throwing: EventSink = {
      emit: () => {
        throw new Error('disk full');
      },
      flush: () => Promise.resolve(),
      close: () => Promise.resolve(),
    };
    const app = await appWith({ eventSink: throwing });
    const { status } = await cards(app);
    const metrics = (await app.inject({ method: 'GET', url: '/metrics' })).body;

    expect(status).toBe(200);
    expect(metricValue(metrics, 'npv_events_dropped_total{type="npv_exposure",reason="emit_failed"}')).toBe(1);
    expect(metricValue(metrics, 'npv_events_dropped_total{type="npv_served",reason="emit_failed"}')).toBe(1);
  });
});

describe('filters', () => {
  const candidates = fc.sample(fc.array(hydratedCandidate, { minLength: 40, maxLength: 40 }), { numRuns: 1, seed: 11 })[0] ?? [];

  it('the explicit filter removes explicit and unknown content unless explicit is allowed', () => {
    const strict = explicitContentFilter().apply(stageContext(), candidates);
    const allowed = explicitContentFilter().apply(stageContext({ query: { explicitAllowed: true } }), candidates);

    expect(strict.kept.every((candidate) => candidate.explicit === false)).toBe(true);
    expect(strict.kept.length + strict.removed.length).toBe(candidates.length);
    expect(new Set(strict.removed.map((removed) => removed.reason))).toEqual(new Set(['explicit', 'explicit_unknown']));
    expect(allowed.kept).toEqual(candidates);
  });

  it('the already-played filter removes tracks from the listener history only', () => {
    const played = candidates.filter((candidate) => candidate.entity.kind === 'track').map((candidate) => candidate.entity.id);
    const result = alreadyPlayedFilter().apply(stageContext({ recentTrackIds: played }), candidates);

    expect(played.length).toBeGreaterThan(0);
    expect(result.kept.some((candidate) => candidate.entity.kind === 'track')).toBe(false);
    expect(result.kept.length).toBe(candidates.filter((candidate) => candidate.entity.kind !== 'track').length);
  });

  it('the market filter keeps worldwide items and items licensed in the market', () => {
    const licensed = [
      { ...candidates[0], availability: ['SE', 'NO'] },
      { ...candidates[1], availability: ['US'] },
      { ...candidates[2], availability: 'worldwide' },
    ] as typeof candidates;
    const result = marketFilter().apply(stageContext({ query: { market: 'SE' } }), licensed);

    expect(result.kept).toEqual([licensed[0], licensed[2]]);
    expect(result.removed).toEqual([{ candidate: licensed[1], reason: 'not_in_market' }]);
  });

  it('a throwing filter passes everything when it fails open and nothing when it fails closed', () => {
    const throwing: CandidateFilter<NpvPipelineTypes> = {
      name: 'throwing',
      apply: () => {
        throw new Error('filter bug');
      },
    };
    const context = stageContext();

    expect(applyFilters([{ filter: throwing, onError: 'fail-open' }], context, candidates, silentObserver)).toEqual(candidates);
    expect(applyFilters([{ filter: throwing, onError: 'fail-closed' }], context, candidates, silentObserver)).toEqual([]);
  });
});

/** The catalog's methods as own properties, so a test can replace one and keep the rest. */
function bindAll(catalog: InMemoryCatalog): CatalogPort {
  return {
    isLoaded: () => catalog.isLoaded(),
    findTrack: (...args) => catalog.findTrack(...args),
    findArtist: (...args) => catalog.findArtist(...args),
    relatedTracks: (...args) => catalog.relatedTracks(...args),
    tracksByArtist: (...args) => catalog.tracksByArtist(...args),
    episodesForTrack: (...args) => catalog.episodesForTrack(...args),
    playlistsWithTrack: (...args) => catalog.playlistsWithTrack(...args),
    concertsForTrack: (...args) => catalog.concertsForTrack(...args),
  };
}
