import { ENTITY_KINDS } from '../core/records.js';
import type { EntityKind } from '../core/records.js';

export type CardKind = EntityKind;

export const CARD_KINDS: readonly CardKind[] = ENTITY_KINDS;

/** Why a card is shown, one value per candidate source. */
export const CARD_REASONS = [
  'listened_together',
  'same_artist',
  'artist_of_track',
  'about_artist',
  'features_track',
  'live_nearby',
] as const;

export type CardReason = (typeof CARD_REASONS)[number];

/** One card in the Now Playing View, as the client receives it. */
export interface Card {
  readonly id: string;
  readonly kind: CardKind;
  readonly entityId: string;
  readonly title: string;
  readonly subtitle?: string;
  readonly score: number;
  /** 1-based position in the response. */
  readonly position: number;
  readonly reason: CardReason;
}
