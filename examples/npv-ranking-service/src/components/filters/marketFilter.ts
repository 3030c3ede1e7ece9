import type { CandidateFilter } from '../../core/components.js';
import type { NpvPipelineTypes } from '../../domain/pipelineTypes.js';
import { partition } from './partition.js';

/** Removes what may not be shown in the listener's market (licensing, venue country). */
export function marketFilter(): CandidateFilter<NpvPipelineTypes> {
  return {
    name: 'market',
    apply({ request }, candidates) {
      const { market } = request.query;
      return partition(candidates, ({ availability }) =>
        availability === 'worldwide' || availability.includes(market) ? undefined : 'not_in_market',
      );
    },
  };
}
