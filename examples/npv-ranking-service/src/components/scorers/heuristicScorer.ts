import type { CandidateScorer } from '../../core/components.js';
import type { CardKind } from '../../domain/card.js';
import type { HydratedCandidate } from '../../domain/candidate.js';
import type { PreScoreWeights } from '../../domain/parameters.js';
import type { NpvPipelineTypes } from '../../domain/pipelineTypes.js';
import { weightedPreScore } from './preScorer.js';

/** How often each kind of card is tapped, relative to the best; a prior for when the model is away. */
const KIND_PRIOR: Readonly<Record<CardKind, number>> = {
  track: 1,
  artist: 0.8,
  playlist: 0.7,
  episode: 0.5,
  concert: 0.6,
};

function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}

export function heuristicScore(candidate: HydratedCandidate, weights: PreScoreWeights): number {
  const { features } = candidate;
  const base = Number.isNaN(candidate.preScore) ? weightedPreScore(features, weights) : candidate.preScore;
  return clamp01(
    0.7 * base +
      0.15 * KIND_PRIOR[candidate.entity.kind] +
      (features.sameArtistAsSeed ? 0.15 : 0) -
      0.2 * features.historyOverlap,
  );
}

/** The fallback when the model cannot answer: local, instant, never fails. */
export function heuristicScorer(): CandidateScorer<NpvPipelineTypes> {
  return {
    name: 'heuristic',
    score({ request }, candidates) {
      const weights = request.parameters.preScoreWeights;
      return Promise.resolve(candidates.map((candidate) => heuristicScore(candidate, weights)));
    },
  };
}
