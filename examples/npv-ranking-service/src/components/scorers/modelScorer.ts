import type { CandidateScorer } from '../../core/components.js';
import { ScoringError } from '../../core/errors.js';
import type { ModelScorerPort } from '../../core/ports.js';
import type { ModelFeatureRow } from '../../core/records.js';
import type { HydratedCandidate } from '../../domain/candidate.js';
import type { NpvPipelineTypes } from '../../domain/pipelineTypes.js';

export interface ModelScorerOptions {
  readonly timeoutMs: number;
  /** Below this much remaining budget the model is not called at all: the answer could not arrive. */
  readonly minimumBudgetMs: number;
}

export function toModelRow(candidate: HydratedCandidate): ModelFeatureRow {
  const { features } = candidate;
  return {
    popularity: features.popularity,
    artistAffinity: features.artistAffinity,
    coListenStrength: features.coListenStrength,
    sameArtistAsSeed: features.sameArtistAsSeed,
    kind: candidate.entity.kind,
    recency: features.recency,
    historyOverlap: features.historyOverlap,
    preScore: candidate.preScore,
  };
}

/**
 * Scores with the ranking model through the model port. The wait is bounded by the smaller of the model
 * timeout and what is left of the request deadline. No listener identifier is sent, only features.
 */
export function modelScorer(model: ModelScorerPort, options: ModelScorerOptions): CandidateScorer<NpvPipelineTypes> {
  return {
    name: 'model',
    async score({ deadline }, candidates, signal) {
      if (deadline.remaining() < options.minimumBudgetMs) {
        throw new ScoringError('deadline_exhausted', `${deadline.remaining()} ms left, model needs at least ${options.minimumBudgetMs} ms`);
      }
      if (candidates.length === 0) {
        return [];
      }
      const bounded = deadline.child(options.timeoutMs, signal);
      try {
        return await model.score(candidates.map(toModelRow), bounded.signal);
      } finally {
        bounded.release();
      }
    },
  };
}
