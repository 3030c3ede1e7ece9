import type { CandidateSelector } from '../../core/components.js';
import { compareRanked } from '../../core/ordering.js';
import { entityKeyOf } from '../../domain/candidate.js';
import type { NpvPipelineTypes } from '../../domain/pipelineTypes.js';

/** Orders by score, highest first; NaN last; ties by entity so the order never depends on input order. */
export function rankByScore(): CandidateSelector<NpvPipelineTypes> {
  return {
    name: 'rankByScore',
    select(_context, ranked) {
      const keyed = ranked.map((entry) => ({ entry, key: entityKeyOf(entry.candidate) }));
      keyed.sort((a, b) => compareRanked(a.entry.score, a.key, b.entry.score, b.key));
      return keyed.map(({ entry }) => entry);
    },
  };
}
