import type { SideEffect } from '../../core/components.js';
import type { Clock, EventSinkPort } from '../../core/ports.js';
import { SERVED_EVENT } from '../../domain/events.js';
import type { ServedPayload } from '../../domain/events.js';
import type { NpvPipelineTypes } from '../../domain/pipelineTypes.js';
import { fallbackReasonOf, scoreSourceOf } from '../../domain/ranking.js';

/**
 * Records the experiment variants actually served and the scoring path, on every path including the
 * heuristic fallback, so experiment analysis sees every exposure. Never waits.
 */
export function servedEvent(sink: EventSinkPort, clock: Clock): SideEffect<NpvPipelineTypes> {
  return {
    name: 'servedEvent',
    fire({ request }, outcome) {
      const payload: ServedPayload = {
        listener: request.listenerPseudonym,
        scoreSource: scoreSourceOf(outcome.scoring),
        fallbackReason: fallbackReasonOf(outcome.scoring) ?? null,
        experiments: request.experiments,
        cardCount: outcome.selected.length,
      };
      sink.emit({ type: SERVED_EVENT, requestId: request.requestId, timestampMs: clock.now(), payload: { ...payload } });
    },
  };
}
