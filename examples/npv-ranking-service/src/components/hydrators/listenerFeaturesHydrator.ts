import type { RequestHydrator } from '../../core/components.js';
import type { FeatureStorePort } from '../../core/ports.js';
import type { ListenerFeatures } from '../../core/records.js';
import type { NpvPipelineTypes } from '../../domain/pipelineTypes.js';

const NO_LISTENER_FEATURES: ListenerFeatures = { recentTrackIds: [], artistAffinity: {} };

/** The listener's history and artist affinities, fetched alongside the candidate sources. */
export function listenerFeaturesHydrator(featureStore: FeatureStorePort): RequestHydrator<NpvPipelineTypes> {
  return {
    name: 'listenerFeatures',
    hydrate({ request }, signal) {
      return featureStore.listenerFeatures(request.query.listenerId, signal);
    },
    fallback() {
      return NO_LISTENER_FEATURES;
    },
  };
}
