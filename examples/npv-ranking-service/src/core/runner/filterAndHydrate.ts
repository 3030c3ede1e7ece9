import type { PipelineTypes, StageContext } from '../components.js';
import type { PipelineObserver } from '../ports.js';
import type { FilterStage, PipelineDefinition } from './definition.js';
import { untilAborted } from './untilAborted.js';

/** Applies each filter in turn; a throwing filter passes everything or nothing, as its policy says. */
export function applyFilters<T extends PipelineTypes, Candidate>(
  filters: readonly FilterStage<T, Candidate>[],
  context: StageContext<T>,
  candidates: readonly Candidate[],
  observer: PipelineObserver,
): readonly Candidate[] {
  let current = candidates;
  for (const stage of filters) {
    try {
      current = stage.filter.apply(context, current).kept;
    } catch {
      observer.stageFailed('filter', stage.filter.name);
      current = stage.onError === 'fail-open' ? current : [];
    }
  }
  return current;
}

/**
 * One batch call for all candidates. If it fails, is late, or answers the wrong number of rows, every
 * candidate gets neutral features instead: the ranking degrades, the request does not fail.
 */
export async function hydrateCandidates<T extends PipelineTypes>(
  definition: PipelineDefinition<T>,
  context: StageContext<T>,
  candidates: readonly T['candidate'][],
  observer: PipelineObserver,
): Promise<readonly T['hydrated'][]> {
  const { hydrator, timeoutMs } = definition.hydration;
  if (candidates.length === 0) {
    return [];
  }
  const scope = context.deadline.child(timeoutMs);
  try {
    const hydrated = await untilAborted(hydrator.hydrate(context, candidates, scope.signal), scope.signal, hydrator.name);
    if (hydrated.length === candidates.length) {
      return hydrated;
    }
  } catch {
    // Reported below together with the wrong-length case.
  } finally {
    scope.release();
  }
  observer.stageFailed('hydrator', hydrator.name);
  return candidates.map((candidate) => hydrator.fallback(context, candidate));
}
