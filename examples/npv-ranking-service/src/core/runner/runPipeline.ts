import type { PipelineOutcome, PipelineTypes, ScoredCandidate, SourceContext, StageContext } from '../components.js';
import type { PipelineObserver } from '../ports.js';
import type { PipelineDefinition } from './definition.js';
import { applyFilters, hydrateCandidates } from './filterAndHydrate.js';
import { gather } from './gather.js';
import { preRank, scoreWithFallback } from './score.js';

/**
 * Runs one request through a pipeline: gather (request features and sources in parallel), filter,
 * hydrate in one batch, pre-rank and truncate, score with fallback, select, then fire side effects
 * without waiting for them. Returns the decided outcome.
 */
export async function runPipeline<T extends PipelineTypes>(
  definition: PipelineDefinition<T>,
  start: SourceContext<T>,
  observer: PipelineObserver,
): Promise<PipelineOutcome<T>> {
  const { requestFeatures, candidates } = await gather(definition, start, observer);
  const context: StageContext<T> = { ...start, requestFeatures };

  const eligible = applyFilters(definition.filters, context, candidates, observer);
  const hydrated = await hydrateCandidates(definition, context, eligible, observer);
  const shortlisted = await preRank(definition, context, hydrated);
  const { scores, outcome: scoring } = await scoreWithFallback(definition, context, shortlisted, observer);

  let ranked: readonly ScoredCandidate<T['hydrated']>[] = shortlisted.map((candidate, index) => ({
    candidate,
    score: scores[index] ?? Number.NaN,
  }));
  for (const selector of definition.selectors) {
    ranked = selector.select(context, ranked);
  }

  const outcome: PipelineOutcome<T> = { selected: ranked, scoring };
  fireSideEffects(definition, context, outcome, observer);
  return outcome;
}

function fireSideEffects<T extends PipelineTypes>(
  definition: PipelineDefinition<T>,
  context: StageContext<T>,
  outcome: PipelineOutcome<T>,
  observer: PipelineObserver,
): void {
  for (const sideEffect of definition.sideEffects) {
    try {
      sideEffect.fire(context, outcome);
    } catch {
      observer.stageFailed('sideEffect', sideEffect.name);
    }
  }
}
