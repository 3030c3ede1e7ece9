import type { CandidateSelector } from '../../core/components.js';
import type { NpvPipelineTypes } from '../../domain/pipelineTypes.js';

/** Keeps the first `limit` cards the listener asked for. */
export function topKSelector(): CandidateSelector<NpvPipelineTypes> {
  return {
    name: 'topK',
    select({ request }, ranked) {
      return ranked.slice(0, request.query.limit);
    },
  };
}
