import type { ScoredCandidate } from '../core/components.js';
import type { Card } from './card.js';
import type { HydratedCandidate } from './candidate.js';

/**
 * Turns the selected candidates into response cards, numbering positions from 1. A NaN score has
 * already been ranked last; the wire format has no NaN, so it is sent as 0.
 */
export function toCards(selected: readonly ScoredCandidate<HydratedCandidate>[]): Card[] {
  return selected.map(({ candidate, score }, index) => ({
    id: candidate.cardId,
    kind: candidate.entity.kind,
    entityId: candidate.entity.id,
    title: candidate.title,
    ...(candidate.subtitle === undefined ? {} : { subtitle: candidate.subtitle }),
    score: Number.isFinite(score) ? score : 0,
    position: index + 1,
    reason: candidate.reason,
  }));
}
