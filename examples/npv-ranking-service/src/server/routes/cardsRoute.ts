import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { NpvQuery } from '../../domain/query.js';
import { DEFAULT_CARD_LIMIT } from '../../domain/query.js';
import type { NpvPipeline } from '../../pipeline/index.js';
import type { CardsRequestBody, CardsResponseBody } from '../schemas/cardsSchemas.js';
import { cardsRouteSchema } from '../schemas/cardsSchemas.js';

export interface CardsRouteOptions {
  readonly pipeline: NpvPipeline;
  /** The service clock; the request deadline counts from the moment the request arrives. */
  readonly now: () => number;
}

export function toQuery(body: CardsRequestBody): NpvQuery {
  return {
    listenerId: body.listenerId,
    trackId: body.trackId,
    market: body.market,
    platform: body.platform,
    limit: body.limit ?? DEFAULT_CARD_LIMIT,
    explicitAllowed: body.explicitAllowed ?? false,
  };
}

/** POST /v1/npv/cards: validate, map to a query, rank, answer. The raw listener id is never logged. */
export const cardsRoute: FastifyPluginAsyncTypebox<CardsRouteOptions> = async (app, options) => {
  const arrivals = new WeakMap<FastifyRequest, number>();

  app.addHook('onRequest', async (request) => {
    arrivals.set(request, options.now());
  });

  app.post('/v1/npv/cards', { schema: cardsRouteSchema }, async (request) => {
    const ranking = await options.pipeline.rank(toQuery(request.body), {
      requestId: request.id,
      receivedAtMs: arrivals.get(request) ?? options.now(),
    });
    request.log.info(
      {
        listener: ranking.listenerPseudonym,
        scoreSource: ranking.scoreSource,
        fallbackReason: ranking.fallbackReason,
        experiments: ranking.experiments,
        cards: ranking.cards.length,
      },
      'cards ranked',
    );
    const response: CardsResponseBody = {
      requestId: ranking.requestId,
      cards: [...ranking.cards],
      scoreSource: ranking.scoreSource,
      ...(ranking.fallbackReason === undefined ? {} : { fallbackReason: ranking.fallbackReason }),
      experiments: [...ranking.experiments],
    };
    return response;
  });
};
