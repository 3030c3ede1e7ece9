import type { CandidateScorer, PipelineTypes, ScoringOutcome, StageContext } from '../components.js';
import { compareRanked } from '../ordering.js';
import type { PipelineObserver } from '../ports.js';
import type { PipelineDefinition } from './definition.js';
import { untilAborted } from './untilAborted.js';

/** For scorers that compute locally: they get no time to wait, so any wait they tried fails at once. */
const NO_WAITING = AbortSignal.abort();

/** A scorer answered something other than one finite-or-NaN number per candidate. */
export class ScorerContractError extends Error {
  constructor(scorer: string, expected: number, received: number) {
    super(`scorer ${scorer} returned ${received} scores for ${expected} candidates`);
    this.name = 'ScorerContractError';
  }
}

async function scoreChecked<T extends PipelineTypes>(
  scorer: CandidateScorer<T>,
  context: StageContext<T>,
  candidates: readonly T['hydrated'][],
  signal: AbortSignal,
): Promise<readonly number[]> {
  const scores = await scorer.score(context, candidates, signal);
  if (scores.length !== candidates.length || scores.some((score) => typeof score !== 'number')) {
    throw new ScorerContractError(scorer.name, candidates.length, scores.length);
  }
  return scores;
}

/**
 * Attaches the cheap pre-score and keeps the best `keep` candidates. Survivors stay in their input
 * order: truncation removes, it does not rank (only selectors reorder).
 */
export async function preRank<T extends PipelineTypes>(
  definition: PipelineDefinition<T>,
  context: StageContext<T>,
  candidates: readonly T['hydrated'][],
): Promise<readonly T['hydrated'][]> {
  const { scorer, keep, attach } = definition.preRanking;
  const scores = await scoreChecked(scorer, context, candidates, NO_WAITING);
  const withScores = candidates.map((candidate, index) => attach(candidate, scores[index] ?? Number.NaN));
  if (withScores.length <= keep) {
    return withScores;
  }
  const keys = withScores.map(definition.hydratedKey);
  const best = withScores
    .map((_, index) => index)
    .sort((a, b) => compareRanked(scores[a] ?? Number.NaN, keys[a] ?? '', scores[b] ?? Number.NaN, keys[b] ?? ''))
    .slice(0, keep);
  const kept = new Set(best);
  return withScores.filter((_, index) => kept.has(index));
}

export interface ScoringResult {
  readonly scores: readonly number[];
  readonly outcome: ScoringOutcome;
}

/**
 * The primary scorer, bounded by the request deadline; on any failure or contract breach the fallback
 * scorer answers instead and the reason is kept for the response and the served event.
 */
export async function scoreWithFallback<T extends PipelineTypes>(
  definition: PipelineDefinition<T>,
  context: StageContext<T>,
  candidates: readonly T['hydrated'][],
  observer: PipelineObserver,
): Promise<ScoringResult> {
  const { primary, fallback, failureReason } = definition.scoring;
  const scope = context.deadline.child();
  try {
    const scores = await untilAborted(scoreChecked(primary, context, candidates, scope.signal), scope.signal, primary.name);
    return { scores, outcome: { usedFallback: false } };
  } catch (error) {
    const reason = failureReason(error);
    observer.scoringFellBack(reason);
    // The fallback may run when the deadline is already spent, so it must compute locally.
    const scores = await scoreChecked(fallback, context, candidates, NO_WAITING);
    return { scores, outcome: { usedFallback: true, fallbackReason: reason } };
  } finally {
    scope.release();
  }
}
