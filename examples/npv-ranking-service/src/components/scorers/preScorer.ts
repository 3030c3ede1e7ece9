import type { CandidateScorer } from '../../core/components.js';
import type { CandidateFeatures } from '../../domain/candidate.js';
import type { PreScoreWeights } from '../../domain/parameters.js';
import type { NpvPipelineTypes } from '../../domain/pipelineTypes.js';

/** A weighted sum of four features, normalised by the weights so it stays in 0..1. */
export function weightedPreScore(features: CandidateFeatures, weights: PreScoreWeights): number {
  const total = weights.popularity + weights.coListenStrength + weights.artistAffinity + weights.recency;
  if (total <= 0) {
    return 0;
  }
  const sum =
    weights.popularity * features.popularity +
    weights.coListenStrength * features.coListenStrength +
    weights.artistAffinity * features.artistAffinity +
    weights.recency * features.recency;
  return sum / total;
}

/** The cheap score that decides which candidates reach the model; its weights are an experiment. */
export function preScorer(): CandidateScorer<NpvPipelineTypes> {
  return {
    name: 'preScore',
    score({ request }, candidates) {
      const weights = request.parameters.preScoreWeights;
      return Promise.resolve(candidates.map((candidate) => weightedPreScore(candidate.features, weights)));
    },
  };
}
