import type { ExperimentExposure } from '../core/records.js';
import type { CardKind } from './card.js';
import type { FallbackReason, ScoreSource } from './ranking.js';

/** One exposure event per answered request: the cards the listener was shown. */
export const EXPOSURE_EVENT = 'npv_exposure';

/** One served event per answered request: which variant and which scoring path served it. */
export const SERVED_EVENT = 'npv_served';

export interface ExposurePayload {
  readonly listener: string;
  readonly trackId: string;
  readonly market: string;
  readonly platform: string;
  readonly cards: readonly { readonly cardId: string; readonly kind: CardKind; readonly entityId: string; readonly position: number }[];
}

export interface ServedPayload {
  readonly listener: string;
  readonly scoreSource: ScoreSource;
  readonly fallbackReason: FallbackReason | null;
  readonly experiments: readonly ExperimentExposure[];
  readonly cardCount: number;
}
