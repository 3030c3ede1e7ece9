import type { CandidateHydrator } from '../../core/components.js';
import type { FeatureStorePort } from '../../core/ports.js';
import type { CandidateFeatureRecord, ListenerFeatures } from '../../core/records.js';
import type { CandidateFeatures } from '../../domain/candidate.js';
import type { NpvPipelineTypes } from '../../domain/pipelineTypes.js';

const NEUTRAL_FEATURES: CandidateFeatures = {
  popularity: 0,
  artistAffinity: 0,
  coListenStrength: 0,
  sameArtistAsSeed: false,
  recency: 0,
  historyOverlap: 0,
};

/** Share of the candidate's tracks the listener played recently. */
function historyOverlap(record: CandidateFeatureRecord, recent: ReadonlySet<string>): number {
  if (record.trackIds.length === 0) {
    return 0;
  }
  const overlapping = record.trackIds.filter((trackId) => recent.has(trackId)).length;
  return overlapping / record.trackIds.length;
}

/** The listener's strongest affinity among the candidate's artists. */
function artistAffinity(record: CandidateFeatureRecord, listener: ListenerFeatures): number {
  let strongest = 0;
  for (const artistId of record.artistIds) {
    strongest = Math.max(strongest, listener.artistAffinity[artistId] ?? 0);
  }
  return strongest;
}

/**
 * Fetches features for every candidate in one feature-store call (never one call per candidate) and
 * joins them with the listener's features.
 */
export function candidateFeaturesHydrator(featureStore: FeatureStorePort): CandidateHydrator<NpvPipelineTypes> {
  return {
    name: 'candidateFeatures',
    async hydrate({ request, requestFeatures }, candidates, signal) {
      const records = await featureStore.candidateFeatures(
        request.seedTrack.id,
        candidates.map((candidate) => candidate.entity),
        signal,
      );
      if (records.length !== candidates.length) {
        throw new Error(`feature store answered ${records.length} records for ${candidates.length} candidates`);
      }
      const recent = new Set(requestFeatures.recentTrackIds);
      return candidates.map((candidate, index) => {
        const record = records[index] as CandidateFeatureRecord;
        return {
          ...candidate,
          features: {
            popularity: record.popularity,
            artistAffinity: artistAffinity(record, requestFeatures),
            coListenStrength: record.coListenStrength,
            sameArtistAsSeed: record.artistIds.includes(request.seedTrack.artistId),
            recency: record.recency,
            historyOverlap: historyOverlap(record, recent),
          },
          preScore: Number.NaN,
        };
      });
    },
    fallback(_context, candidate) {
      return { ...candidate, features: NEUTRAL_FEATURES, preScore: Number.NaN };
    },
  };
}
