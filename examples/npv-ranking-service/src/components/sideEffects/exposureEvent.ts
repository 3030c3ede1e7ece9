import type { SideEffect } from '../../core/components.js';
import type { Clock, EventSinkPort } from '../../core/ports.js';
import { EXPOSURE_EVENT } from '../../domain/events.js';
import type { ExposurePayload } from '../../domain/events.js';
import type { NpvPipelineTypes } from '../../domain/pipelineTypes.js';

/** Records which cards the listener was shown, under the listener's pseudonym. Never waits. */
export function exposureEvent(sink: EventSinkPort, clock: Clock): SideEffect<NpvPipelineTypes> {
  return {
    name: 'exposureEvent',
    fire({ request }, outcome) {
      const payload: ExposurePayload = {
        listener: request.listenerPseudonym,
        trackId: request.query.trackId,
        market: request.query.market,
        platform: request.query.platform,
        cards: outcome.selected.map(({ candidate }, index) => ({
          cardId: candidate.cardId,
          kind: candidate.entity.kind,
          entityId: candidate.entity.id,
          position: index + 1,
        })),
      };
      sink.emit({ type: EXPOSURE_EVENT, requestId: request.requestId, timestampMs: clock.now(), payload: { ...payload } });
    },
  };
}
