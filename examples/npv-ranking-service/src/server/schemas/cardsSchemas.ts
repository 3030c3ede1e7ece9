import { Type } from 'typebox';
import type { Static } from 'typebox';
import { CARD_KINDS, CARD_REASONS } from '../../domain/card.js';
import { MARKETS } from '../../domain/markets.js';
import { DEFAULT_CARD_LIMIT, MAX_CARD_LIMIT, MAX_LISTENER_ID_LENGTH, PLATFORMS } from '../../domain/query.js';
import { FALLBACK_REASONS } from '../../domain/ranking.js';
import { ErrorResponse } from './errorSchema.js';

/** The API contract of POST /v1/npv/cards. Changing it is a change for every client. */
export const CardsRequest = Type.Object(
  {
    listenerId: Type.String({ minLength: 1, maxLength: MAX_LISTENER_ID_LENGTH }),
    trackId: Type.String({ minLength: 1, maxLength: 64 }),
    market: Type.Enum(MARKETS, { description: 'ISO 3166-1 alpha-2 country code' }),
    platform: Type.Enum(PLATFORMS),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_CARD_LIMIT, default: DEFAULT_CARD_LIMIT })),
    explicitAllowed: Type.Optional(Type.Boolean({ default: false })),
  },
  { additionalProperties: false },
);

export type CardsRequestBody = Static<typeof CardsRequest>;

export const CardSchema = Type.Object(
  {
    id: Type.String(),
    kind: Type.Enum(CARD_KINDS),
    entityId: Type.String(),
    title: Type.String(),
    subtitle: Type.Optional(Type.String()),
    score: Type.Number({ minimum: 0, maximum: 1 }),
    position: Type.Integer({ minimum: 1 }),
    reason: Type.Enum(CARD_REASONS),
  },
  { additionalProperties: false },
);

export const CardsResponse = Type.Object(
  {
    requestId: Type.String(),
    cards: Type.Array(CardSchema, { maxItems: MAX_CARD_LIMIT }),
    scoreSource: Type.Enum(['model', 'heuristic']),
    fallbackReason: Type.Optional(Type.Enum(FALLBACK_REASONS)),
    experiments: Type.Array(Type.Object({ id: Type.String(), variant: Type.String() }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);

export type CardsResponseBody = Static<typeof CardsResponse>;

export const cardsRouteSchema = {
  body: CardsRequest,
  response: {
    200: CardsResponse,
    400: ErrorResponse,
    404: ErrorResponse,
    413: ErrorResponse,
    415: ErrorResponse,
    500: ErrorResponse,
    503: ErrorResponse,
  },
} as const;
