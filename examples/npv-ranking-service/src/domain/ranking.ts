import type { ScoringFailureReason } from '../core/errors.js';
import { SCORING_FAILURE_REASONS } from '../core/errors.js';
import type { ScoringOutcome } from '../core/components.js';
import type { ExperimentExposure } from '../core/records.js';
import type { Card } from './card.js';

export type ScoreSource = 'model' | 'heuristic';

export type FallbackReason = ScoringFailureReason;

export const FALLBACK_REASONS: readonly FallbackReason[] = SCORING_FAILURE_REASONS;

export type { ExperimentExposure };

/** The decided answer for one request. */
export interface NpvRanking {
  readonly requestId: string;
  readonly cards: readonly Card[];
  readonly scoreSource: ScoreSource;
  readonly fallbackReason?: FallbackReason;
  readonly experiments: readonly ExperimentExposure[];
  /** Safe to log; the raw listener id never leaves the request. */
  readonly listenerPseudonym: string;
}

export function scoreSourceOf(scoring: ScoringOutcome): ScoreSource {
  return scoring.usedFallback ? 'heuristic' : 'model';
}

/** The fallback reason of an outcome; an unrecognised reason is reported as a model error, never dropped. */
export function fallbackReasonOf(scoring: ScoringOutcome): FallbackReason | undefined {
  if (!scoring.usedFallback) {
    return undefined;
  }
  return FALLBACK_REASONS.find((reason) => reason === scoring.fallbackReason) ?? 'model_error';
}
