import { contractTests } from '@npvguard/harness';
import type { GeneratedRequest, ResponseSummary } from '@npvguard/harness/contracts';
import { describe, expect, it } from 'vitest';
import invariants from '../contracts/invariants.js';
import type { ObservedApp } from '../contracts/invariants.js';
import { sharedCatalog } from '../src/clients/catalog/generateCatalog.js';
import { MemoryEventSink } from '../src/clients/events/memoryEventSink.js';
import { EXPOSURE_EVENT } from '../src/domain/events.js';
import { buildApp } from '../src/server/app.js';
import type { BuildAppOptions } from '../src/server/app.js';
import { startModelServer } from './support/modelServer.js';
import type { RunningModelServer } from './support/modelServer.js';
import { CARDS_URL, validBody } from './support/requests.js';
import type { CardsResponseJson } from './support/requests.js';

/** Nothing listens on the discard port of the loopback address: connections are refused at once. */
const CLOSED_MODEL_URL = 'http://127.0.0.1:9';

const catalog = sharedCatalog();
const cardsInvariants = invariants.routes['POST /v1/npv/cards'] ?? {};

type Card = CardsResponseJson['cards'][number];

function card(kind: string, entityId: string, position: number, reason = 'listened_together'): Card {
  return { id: `${reason}:${entityId}`, kind, entityId, title: entityId, score: 0.5, position, reason };
}

function answer(cards: Card[], overrides: Partial<CardsResponseJson> = {}): ResponseSummary {
  const body: CardsResponseJson = { requestId: 'request-1', cards, scoreSource: 'heuristic', fallbackReason: 'model_unavailable', experiments: [], ...overrides };
  return { statusCode: 200, contentType: 'application/json', body };
}

interface Check {
  body?: Record<string, unknown>;
  response: ResponseSummary;
  events?: MemoryEventSink;
  send?: (request: GeneratedRequest) => Promise<ResponseSummary>;
}

/** The message of the named invariant for one exchange; undefined when it holds. */
async function brokenBy(name: string, check: Check): Promise<string | undefined> {
  const invariant = cardsInvariants[name];
  if (invariant === undefined) throw new Error(`no invariant ${name}`);
  const context: ObservedApp = { catalog, events: check.events ?? new MemoryEventSink() };
  const request: GeneratedRequest = { method: 'POST', url: CARDS_URL, headers: {}, body: validBody(check.body) };
  return invariant({ scenario: 'default', request, response: check.response, context, send: check.send ?? (() => Promise.reject(new Error('not asked again'))) });
}

const trackWith = (flag: boolean | null): string => {
  const track = catalog.tracks.find((candidate) => candidate.explicit === flag);
  if (track === undefined) throw new Error(`no track with explicit ${String(flag)}`);
  return track.id;
};

describe('the invariants npvguard checks on POST /v1/npv/cards', () => {
  it('one card per entity: the same track from two sources is reported with both card ids', async () => {
    const twice = answer([card('track', 'trk-00001', 1), card('track', 'trk-00001', 2, 'same_artist'), card('artist', 'art-0001', 3)]);
    expect(await brokenBy('one card per entity', { response: twice })).toBe('the track trk-00001 is served twice (cards listened_together:trk-00001, same_artist:trk-00001)');
    expect(await brokenBy('one card per entity', { response: answer([card('track', 'trk-00001', 1), card('artist', 'trk-00001', 2)]) })).toBeUndefined();
  });

  it('no explicit content unless allowed: explicit and unknown flags both count, artists never do', async () => {
    const explicit = trackWith(true);
    const unknown = trackWith(null);
    const served = answer([card('track', explicit, 1), card('track', unknown, 2), card('artist', 'art-0001', 3), card('track', trackWith(false), 4)]);
    expect(await brokenBy('no explicit content unless allowed (unknown counts as explicit)', { body: { explicitAllowed: false }, response: served })).toBe(
      `explicitAllowed is false, yet 2 explicit or unknown card(s) were served: track ${explicit} (explicit: true), track ${unknown} (explicit: null)`,
    );
    expect(await brokenBy('no explicit content unless allowed (unknown counts as explicit)', { body: { explicitAllowed: true }, response: served })).toBeUndefined();
  });

  it('as many cards as asked: a short answer is compared with the same request at the largest limit', async () => {
    const name = 'as many cards as asked, unless the catalog has no more';
    const three = answer([card('track', 'trk-00001', 1), card('track', 'trk-00002', 2), card('track', 'trk-00003', 3)]);
    const asked: GeneratedRequest[] = [];
    const widest = (count: number, overrides: Partial<CardsResponseJson> = {}) => async (request: GeneratedRequest) => {
      asked.push(request);
      return answer(Array.from({ length: count }, (_, index) => card('track', `trk-1${String(index).padStart(4, '0')}`, index + 1)), overrides);
    };
    expect(await brokenBy(name, { body: { limit: 5 }, response: three, send: widest(7) })).toBe('3 cards for limit 5, although the same request with limit 50 gets 7: the cut is not the catalog\'s');
    expect(asked.map((request) => (request.body as { limit: number }).limit)).toEqual([50]);
    // The catalog has only three for this request: the answer is right.
    expect(await brokenBy(name, { body: { limit: 5 }, response: three, send: widest(3) })).toBeUndefined();
    // Scored another way (the model answered the second request): not comparable.
    expect(await brokenBy(name, { body: { limit: 5 }, response: three, send: widest(7, { scoreSource: 'model' }) })).toBeUndefined();
    expect(await brokenBy(name, { body: { limit: 2 }, response: three })).toBe('3 cards for limit 2');
  });

  it('an exposure event for every answer: missing, or listing other cards, is reported', async () => {
    const name = 'an exposure event for every answer, fallback included';
    const served = answer([card('track', 'trk-00001', 1), card('concert', 'con-00001', 2)]);
    expect(await brokenBy(name, { response: served })).toBe('no npv_exposure event was logged for request request-1, answered with 2 cards scored by the heuristic fallback (model_unavailable)');
    const events = new MemoryEventSink();
    const logged = (cards: Array<{ kind: string; entityId: string; position: number }>) =>
      events.emit({ type: EXPOSURE_EVENT, requestId: 'request-1', timestampMs: 0, payload: { cards: cards.map((entry) => ({ cardId: entry.entityId, ...entry })) } });
    logged([{ kind: 'track', entityId: 'trk-00001', position: 1 }]);
    expect(await brokenBy(name, { response: served, events })).toBe('the npv_exposure event of request request-1 lists [track trk-00001 at 1], the answer served [track trk-00001 at 1, concert con-00001 at 2]');
    const complete = new MemoryEventSink();
    complete.emit({ type: EXPOSURE_EVENT, requestId: 'request-1', timestampMs: 0, payload: { cards: [{ cardId: 'a', kind: 'track', entityId: 'trk-00001', position: 1 }, { cardId: 'b', kind: 'concert', entityId: 'con-00001', position: 2 }] } });
    expect(await brokenBy(name, { response: served, events: complete })).toBeUndefined();
  });
});

let model: RunningModelServer | undefined;

/**
 * The invariants hold on this service, with the real model server behind the OIP client and with the model
 * unreachable, over generated requests for tracks of the catalog (as `npvguard check` runs them).
 */
contractTests(
  (options: BuildAppOptions | undefined) => buildApp({ ...options, config: { logLevel: 'silent', modelUrl: model?.url ?? CLOSED_MODEL_URL, ...options?.config } }),
  {
    title: 'the invariants of the npv ranking service hold',
    numRuns: 40,
    properties: ['valid'],
    scenarios: { 'model unavailable': { config: { modelUrl: CLOSED_MODEL_URL } } },
    invariants,
    replayCommand: 'npx vitest run --project npv-ranking-service tests/invariants.test.ts',
    before: async () => {
      model = await startModelServer();
    },
    after: async () => {
      await model?.close();
    },
  },
);
