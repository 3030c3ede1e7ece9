import { defineInvariants, type Invariant } from '@npvguard/harness/contracts';
import type { CatalogData } from '../src/clients/catalog/catalogData.js';
import { sharedCatalog } from '../src/clients/catalog/generateCatalog.js';
import { InMemoryCatalog } from '../src/clients/catalog/inMemoryCatalog.js';
import { MemoryEventSink } from '../src/clients/events/memoryEventSink.js';
import { InMemoryFeatureStore } from '../src/clients/features/inMemoryFeatureStore.js';
import type { Card } from '../src/domain/card.js';
import { EXPOSURE_EVENT } from '../src/domain/events.js';
import type { ExposurePayload } from '../src/domain/events.js';
import { DEFAULT_CARD_LIMIT, MAX_CARD_LIMIT } from '../src/domain/query.js';
import type { BuildAppOptions } from '../src/server/app.js';
import type { CardsRequestBody, CardsResponseBody } from '../src/server/schemas/cardsSchemas.js';

/**
 * What the Now Playing View promises beyond its schemas, checked by npvguard's property tests on every
 * answer to a generated valid request (`contracts.properties.invariants` in npvguard.config.ts), in every
 * scenario. Each app the property tests build gets the catalog these invariants look entities up in and an
 * in-memory event sink they read exposure events from.
 */
export interface ObservedApp {
  readonly catalog: CatalogData;
  readonly events: MemoryEventSink;
}

type CardsInvariant = Invariant<ObservedApp>;

const catalog = sharedCatalog();

function answered(response: { statusCode: number; body: unknown }): CardsResponseBody | undefined {
  return response.statusCode === 200 ? (response.body as CardsResponseBody) : undefined;
}

function asked(request: { body?: unknown }): CardsRequestBody {
  return request.body as CardsRequestBody;
}

/** The explicit flag of a served entity; `null` when unknown, including an entity the catalog lacks. */
function explicitFlag(data: CatalogData, card: Card): boolean | null {
  const lookup = (index: ReadonlyMap<string, number>, records: readonly { readonly explicit: boolean | null }[]): boolean | null => {
    const position = index.get(card.entityId);
    return position === undefined ? null : (records[position]?.explicit ?? null);
  };
  switch (card.kind) {
    case 'track':
      return lookup(data.trackIndex, data.tracks);
    case 'episode':
      return lookup(data.episodeIndex, data.episodes);
    case 'playlist':
      return lookup(data.playlistIndex, data.playlists);
    case 'artist':
    case 'concert':
      // Artist pages and concerts carry no content of their own (see toCandidate).
      return false;
  }
}

const oneCardPerEntity: CardsInvariant = ({ response }) => {
  const body = answered(response);
  if (body === undefined) return undefined;
  const seen = new Set<string>();
  for (const card of body.cards) {
    const entity = `${card.kind} ${card.entityId}`;
    if (seen.has(entity)) return `the ${entity} is served twice (cards ${body.cards.filter((other) => `${other.kind} ${other.entityId}` === entity).map((other) => other.id).join(', ')})`;
    seen.add(entity);
  }
  return undefined;
};

const noExplicitUnlessAllowed: CardsInvariant = ({ request, response, context }) => {
  const body = answered(response);
  if (body === undefined || asked(request).explicitAllowed === true) return undefined;
  const explicit = body.cards.filter((card) => explicitFlag(context.catalog, card) !== false);
  if (explicit.length === 0) return undefined;
  const listed = explicit.map((card) => `${card.kind} ${card.entityId} (explicit: ${String(explicitFlag(context.catalog, card))})`).join(', ');
  return `explicitAllowed is ${String(asked(request).explicitAllowed ?? false)}, yet ${explicit.length} explicit or unknown card(s) were served: ${listed}`;
};

/**
 * Cards are cut to `limit` only by the final top-K: everything before it (sources, filters, dedupe,
 * diversity caps) does not depend on `limit`. So the answer for `limit` must hold exactly
 * min(limit, the number of cards the same request gets with the largest limit). Only a short answer needs
 * the second request; answers scored differently (model and fallback) are not comparable.
 */
const asManyCardsAsAskedOrAvailable: CardsInvariant = async ({ request, response, send }) => {
  const body = answered(response);
  if (body === undefined) return undefined;
  const limit = asked(request).limit ?? DEFAULT_CARD_LIMIT;
  if (body.cards.length > limit) return `${body.cards.length} cards for limit ${limit}`;
  if (body.cards.length === limit) return undefined;
  const widest = answered(await send({ ...request, body: { ...asked(request), limit: MAX_CARD_LIMIT } }));
  if (widest === undefined || widest.scoreSource !== body.scoreSource) return undefined;
  const expected = Math.min(limit, widest.cards.length);
  return body.cards.length === expected
    ? undefined
    : `${body.cards.length} cards for limit ${limit}, although the same request with limit ${MAX_CARD_LIMIT} gets ${widest.cards.length}: the cut is not the catalog's`;
};

const exposureForEveryAnswer: CardsInvariant = ({ response, context }) => {
  const body = answered(response);
  if (body === undefined) return undefined;
  const scoring = body.scoreSource === 'model' ? 'the model' : `the heuristic fallback (${body.fallbackReason ?? 'no reason'})`;
  const event = context.events.events().find((candidate) => candidate.type === EXPOSURE_EVENT && candidate.requestId === body.requestId);
  if (event === undefined) return `no ${EXPOSURE_EVENT} event was logged for request ${body.requestId}, answered with ${body.cards.length} cards scored by ${scoring}`;
  const logged = ((event.payload['cards'] as ExposurePayload['cards'] | undefined) ?? []).map((card) => `${card.kind} ${card.entityId} at ${card.position}`);
  const served = body.cards.map((card) => `${card.kind} ${card.entityId} at ${card.position}`);
  return logged.join(', ') === served.join(', ') ? undefined : `the ${EXPOSURE_EVENT} event of request ${body.requestId} lists [${logged.join(', ')}], the answer served [${served.join(', ')}]`;
};

/**
 * The property tests judge what is answered, not how fast (the latency check does): with this budget a busy
 * machine that stalls a request between arrival and ranking cannot turn the spent deadline into missing cards.
 * Stage timeouts still apply.
 */
const PROPERTY_REQUEST_BUDGET_MS = 10_000;

export default defineInvariants<ObservedApp, BuildAppOptions>({
  prepare: ({ appOptions }) => {
    const events = new MemoryEventSink();
    return {
      appOptions: {
        ...appOptions,
        config: { ...appOptions?.config, requestBudgetMs: PROPERTY_REQUEST_BUDGET_MS },
        catalog: new InMemoryCatalog(catalog),
        featureStore: new InMemoryFeatureStore(catalog),
        eventSink: events,
      },
      context: { catalog, events },
    };
  },
  // Generated track ids are almost never in the catalog (a 404); these make most requests reach the pipeline.
  examples: { 'POST /v1/npv/cards': { body: { trackId: catalog.tracks.map((track) => track.id) } } },
  routes: {
    'POST /v1/npv/cards': {
      'one card per entity': oneCardPerEntity,
      'no explicit content unless allowed (unknown counts as explicit)': noExplicitUnlessAllowed,
      'as many cards as asked, unless the catalog has no more': asManyCardsAsAskedOrAvailable,
      'an exposure event for every answer, fallback included': exposureForEveryAnswer,
    },
  },
});
