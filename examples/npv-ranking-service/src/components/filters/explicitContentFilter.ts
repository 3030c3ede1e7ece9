import type { CandidateFilter } from '../../core/components.js';
import type { NpvPipelineTypes } from '../../domain/pipelineTypes.js';
import { partition } from './partition.js';

/**
 * Removes explicit content unless the listener allows it. Fails closed: a candidate whose explicit flag
 * is unknown is removed too, because showing explicit content by mistake costs more than a missing card.
 */
export function explicitContentFilter(): CandidateFilter<NpvPipelineTypes> {
  return {
    name: 'explicitContent',
    apply({ request }, candidates) {
      if (request.query.explicitAllowed) {
        return { kept: candidates, removed: [] };
      }
      return partition(candidates, (candidate) => {
        if (candidate.explicit === true) {
          return 'explicit';
        }
        return candidate.explicit === false ? undefined : 'explicit_unknown';
      });
    },
  };
}
