import type { CardsRequestBody } from '../../src/server/schemas/cardsSchemas.js';

export const CARDS_URL = '/v1/npv/cards';

/** A request that is valid for the synthetic catalog. */
export function validBody(overrides: Partial<CardsRequestBody> = {}): CardsRequestBody {
  return {
    listenerId: 'listener-alice-0001',
    trackId: 'trk-00042',
    market: 'SE',
    platform: 'ios',
    limit: 10,
    ...overrides,
  };
}

export interface CardsResponseJson {
  requestId: string;
  cards: { id: string; kind: string; entityId: string; title: string; subtitle?: string; score: number; position: number; reason: string }[];
  scoreSource: 'model' | 'heuristic';
  fallbackReason?: string;
  experiments: { id: string; variant: string }[];
}

export interface ErrorResponseJson {
  error: { code: string; message: string };
}
