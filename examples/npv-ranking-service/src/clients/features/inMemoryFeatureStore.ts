import type { FeatureStorePort } from '../../core/ports.js';
import type { CandidateFeatureRecord, EntityRef, ListenerFeatures } from '../../core/records.js';
import type { CatalogData } from '../catalog/catalogData.js';
import { deriveCandidateFeatures } from './candidateFeatures.js';
import { deriveListenerFeatures } from './listenerFeatures.js';

/** The feature store port over the synthetic catalog; answers honour an already-aborted signal. */
export class InMemoryFeatureStore implements FeatureStorePort {
  private readonly data: CatalogData;

  constructor(data: CatalogData) {
    this.data = data;
  }

  listenerFeatures(listenerId: string, signal: AbortSignal): Promise<ListenerFeatures> {
    if (signal.aborted) {
      return Promise.reject(signal.reason);
    }
    return Promise.resolve(deriveListenerFeatures(this.data, listenerId));
  }

  candidateFeatures(seedTrackId: string, entities: readonly EntityRef[], signal: AbortSignal): Promise<readonly CandidateFeatureRecord[]> {
    if (signal.aborted) {
      return Promise.reject(signal.reason);
    }
    return Promise.resolve(deriveCandidateFeatures(this.data, seedTrackId, entities));
  }
}
