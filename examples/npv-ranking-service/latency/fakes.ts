import { fakeLatency, lognormalFromPercentiles } from '@npvguard/harness';
import { sharedCatalog } from '../src/clients/catalog/generateCatalog.js';
import { InMemoryFeatureStore } from '../src/clients/features/inMemoryFeatureStore.js';
import { MemoryEventSink } from '../src/clients/events/memoryEventSink.js';
import type { FeatureStorePort, ModelScorerPort } from '../src/pipeline/index.js';
import { buildApp } from '../src/server/app.js';

/**
 * The service under `npvguard latency --measure`: the real app, built through buildApp's port overrides,
 * with dependencies that wait like the production ones do (seeded lognormal latencies with the p50/p99
 * the dependency teams publish) instead of calling them. The in-memory catalog is the production one.
 */
export const DEPENDENCY_LATENCY = {
  listenerFeatures: { p50Ms: 2, p99Ms: 6 },
  candidateFeatures: { p50Ms: 2, p99Ms: 5 },
  model: { p50Ms: 6, p99Ms: 15 },
} as const;

function slowFeatureStore(inner: FeatureStorePort, seed: number): FeatureStorePort {
  const listenerWait = fakeLatency(lognormalFromPercentiles(DEPENDENCY_LATENCY.listenerFeatures), { seed });
  const candidateWait = fakeLatency(lognormalFromPercentiles(DEPENDENCY_LATENCY.candidateFeatures), { seed: seed + 1 });
  return {
    async listenerFeatures(listenerId, signal) {
      await listenerWait(signal);
      return inner.listenerFeatures(listenerId, signal);
    },
    async candidateFeatures(seedTrackId, entities, signal) {
      await candidateWait(signal);
      return inner.candidateFeatures(seedTrackId, entities, signal);
    },
  };
}

function fakeModel(seed: number): ModelScorerPort {
  const wait = fakeLatency(lognormalFromPercentiles(DEPENDENCY_LATENCY.model), { seed });
  return {
    async score(rows, signal) {
      await wait(signal);
      return rows.map((row) => row.preScore);
    },
  };
}

export const requests = {
  'POST /v1/npv/cards': {
    body: { listenerId: 'listener-alice-0001', trackId: 'trk-00042', market: 'SE', platform: 'ios', limit: 10 },
  },
  'GET /healthz': {},
};

export async function start(): Promise<{ url: string; close(): Promise<void> }> {
  const catalog = sharedCatalog();
  const app = buildApp({
    featureStore: slowFeatureStore(new InMemoryFeatureStore(catalog), 11),
    modelScorer: fakeModel(23),
    modelMetadata: { metadata: async () => ({ statusCode: 503, body: undefined }) },
    eventSink: new MemoryEventSink(),
    config: { logLevel: 'silent' },
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { url, close: () => app.close() };
}
