import type { CandidateFilter } from '../../core/components.js';
import type { NpvPipelineTypes } from '../../domain/pipelineTypes.js';
import { partition } from './partition.js';

/** Removes tracks the listener played recently: the view is for discovery. */
export function alreadyPlayedFilter(): CandidateFilter<NpvPipelineTypes> {
  return {
    name: 'alreadyPlayed',
    apply({ requestFeatures }, candidates) {
      const played = new Set(requestFeatures.recentTrackIds);
      return partition(candidates, (candidate) =>
        candidate.entity.kind === 'track' && played.has(candidate.entity.id) ? 'already_played' : undefined,
      );
    },
  };
}
