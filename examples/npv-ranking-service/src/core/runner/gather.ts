import type { PipelineTypes, SourceContext } from '../components.js';
import type { PipelineObserver } from '../ports.js';
import type { PipelineDefinition, SourceStage } from './definition.js';
import { untilAborted } from './untilAborted.js';

export interface Gathered<T extends PipelineTypes> {
  readonly requestFeatures: T['requestFeatures'];
  readonly candidates: readonly T['candidate'][];
}

/**
 * Request features and every candidate source run at the same time, each bounded by its own timeout
 * and by the request deadline. A source that fails or is late contributes nothing; it never fails the
 * request and never makes it wait longer.
 */
export async function gather<T extends PipelineTypes>(
  definition: PipelineDefinition<T>,
  context: SourceContext<T>,
  observer: PipelineObserver,
): Promise<Gathered<T>> {
  const [requestFeatures, ...perSource] = await Promise.all([
    hydrateRequest(definition, context, observer),
    ...definition.sources.map((stage) => runSource(stage, context, observer)),
  ]);
  return { requestFeatures, candidates: mergeByEntity(perSource, definition.entityKey) };
}

async function hydrateRequest<T extends PipelineTypes>(
  definition: PipelineDefinition<T>,
  context: SourceContext<T>,
  observer: PipelineObserver,
): Promise<T['requestFeatures']> {
  const { hydrator, timeoutMs } = definition.requestHydrator;
  const scope = context.deadline.child(timeoutMs);
  try {
    return await untilAborted(hydrator.hydrate(context, scope.signal), scope.signal, hydrator.name);
  } catch {
    observer.stageFailed('requestHydrator', hydrator.name);
    return hydrator.fallback(context);
  } finally {
    scope.release();
  }
}

async function runSource<T extends PipelineTypes>(
  stage: SourceStage<T>,
  context: SourceContext<T>,
  observer: PipelineObserver,
): Promise<readonly T['candidate'][]> {
  const scope = context.deadline.child(stage.timeoutMs);
  try {
    const candidates = await untilAborted(stage.source.fetch(context, scope.signal), scope.signal, stage.source.name);
    observer.sourceFinished(stage.source.name, 'ok');
    return candidates;
  } catch {
    observer.sourceFinished(stage.source.name, scope.signal.aborted ? 'timeout' : 'error');
    return [];
  } finally {
    scope.release();
  }
}

/**
 * Keeps the first candidate seen for each entity, in source order, so the same artist suggested by two
 * sources becomes one card, not two cards with different ids.
 */
export function mergeByEntity<Candidate>(
  perSource: readonly (readonly Candidate[])[],
  entityKey: (candidate: Candidate) => string,
): Candidate[] {
  const seen = new Set<string>();
  const merged: Candidate[] = [];
  for (const candidates of perSource) {
    for (const candidate of candidates) {
      const key = entityKey(candidate);
      if (!seen.has(key)) {
        seen.add(key);
        merged.push(candidate);
      }
    }
  }
  return merged;
}
