import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATALOG_MARKETS } from '../src/clients/catalog/catalogData.js';
import { generateCatalog, sharedCatalog } from '../src/clients/catalog/generateCatalog.js';
import { InMemoryCatalog } from '../src/clients/catalog/inMemoryCatalog.js';
import { seedFromString, seededRandom } from '../src/clients/catalog/seededRandom.js';
import { deriveCandidateFeatures } from '../src/clients/features/candidateFeatures.js';
import { deriveListenerFeatures } from '../src/clients/features/listenerFeatures.js';
import { isMarket } from '../src/domain/markets.js';

const SMALL = { artists: 50, tracks: 600, episodes: 40, playlists: 30, concerts: 60 };
const catalog = sharedCatalog();
const signal = new AbortController().signal;

describe('seeded random', () => {
  it('repeats its sequence for a seed and stays in range', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 1, max: 1_000 }), (seed, bound) => {
        const first = seededRandom(seed);
        const second = seededRandom(seed);
        for (let draw = 0; draw < 20; draw += 1) {
          const value = first.next();
          expect(value).toBe(second.next());
          expect(value).toBeGreaterThanOrEqual(0);
          expect(value).toBeLessThan(1);
          const below = first.below(bound);
          expect(second.below(bound)).toBe(below);
          expect(Number.isInteger(below) && below >= 0 && below < bound).toBe(true);
        }
      }),
    );
  });

  it('hashes strings to 32-bit seeds deterministically', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const seed = seedFromString(text);
        expect(seed).toBe(seedFromString(text));
        expect(Number.isInteger(seed) && seed >= 0 && seed < 2 ** 32).toBe(true);
      }),
    );
  });
});

describe('synthetic catalog', () => {
  it('has the promised size', () => {
    expect(catalog.tracks.length).toBeGreaterThanOrEqual(20_000);
    expect(catalog.artists.length).toBeGreaterThanOrEqual(2_000);
    expect(catalog.episodes.length).toBeGreaterThan(0);
    expect(catalog.playlists.length).toBeGreaterThan(0);
    expect(catalog.concerts.length).toBeGreaterThan(0);
  });

  it('is the same for the same seed and different for another', () => {
    expect(generateCatalog(7, SMALL)).toEqual(generateCatalog(7, SMALL));
    expect(generateCatalog(8, SMALL).tracks).not.toEqual(generateCatalog(7, SMALL).tracks);
  });

  it('uses real market codes and has explicit, clean and unknown content', () => {
    expect(CATALOG_MARKETS.every((market) => isMarket(market))).toBe(true);
    expect(catalog.concerts.every((concert) => isMarket(concert.market))).toBe(true);
    const flags = new Set(catalog.tracks.map((track) => track.explicit));
    expect(flags).toEqual(new Set([true, false, null]));
    const restricted = catalog.tracks.filter((track) => track.availability !== 'worldwide');
    expect(restricted.length).toBeGreaterThan(0);
    expect(restricted.every((track) => track.availability !== 'worldwide' && track.availability.every(isMarket))).toBe(true);
  });

  it('keeps every id unique and every reference resolvable', () => {
    const ids = [...catalog.tracks, ...catalog.artists, ...catalog.episodes, ...catalog.playlists, ...catalog.concerts].map((item) => item.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(catalog.tracks.every((track) => catalog.artistIndex.has(track.artistId))).toBe(true);
    expect(catalog.playlists.every((playlist) => playlist.trackIds.every((trackId) => catalog.trackIndex.has(trackId)))).toBe(true);
    expect(Array.from(catalog.neighbours).every((index) => index >= 0 && index < catalog.tracks.length)).toBe(true);
  });

  it('answers related tracks strongest first and never the seed itself', async () => {
    const port = new InMemoryCatalog(catalog);
    const related = await port.relatedTracks('trk-00042', 60, signal);

    expect(related.length).toBeGreaterThan(12);
    expect(related.some((track) => track.id === 'trk-00042')).toBe(false);
    expect(new Set(related.map((track) => track.id)).size).toBe(related.length);
  });

  it('answers concerts only in the asked market, soonest first', async () => {
    const port = new InMemoryCatalog(catalog);
    const concerts = await port.concertsForTrack('trk-00042', 'US', 10, signal);

    expect(concerts.length).toBeGreaterThan(0);
    expect(concerts.every((concert) => concert.market === 'US')).toBe(true);
  });

  it('rejects a call whose signal is already aborted', async () => {
    const port = new InMemoryCatalog(catalog);
    await expect(port.findTrack('trk-00001', AbortSignal.abort())).rejects.toBeDefined();
  });
});

describe('synthetic features', () => {
  it('gives a listener the same features every time, and another listener other ones', () => {
    const alice = deriveListenerFeatures(catalog, 'listener-alice');

    expect(deriveListenerFeatures(catalog, 'listener-alice')).toEqual(alice);
    expect(deriveListenerFeatures(catalog, 'listener-bob')).not.toEqual(alice);
    expect(alice.recentTrackIds.length).toBeGreaterThan(20);
    expect(Object.values(alice.artistAffinity).every((affinity) => affinity >= 0 && affinity <= 1)).toBe(true);
  });

  it('answers one record per entity, in order, with zeros for unknown entities', () => {
    const entities = [
      { kind: 'track', id: 'trk-00100' },
      { kind: 'artist', id: 'art-0001' },
      { kind: 'playlist', id: 'pl-0003' },
      { kind: 'track', id: 'trk-missing' },
      { kind: 'concert', id: 'con-0002' },
      { kind: 'episode', id: 'epi-0002' },
    ] as const;
    const records = deriveCandidateFeatures(catalog, 'trk-00042', entities);

    expect(records).toHaveLength(entities.length);
    expect(records[0]?.trackIds).toEqual(['trk-00100']);
    expect(records[1]?.artistIds).toEqual(['art-0001']);
    expect(records[3]).toEqual({ popularity: 0, recency: 0, coListenStrength: 0, artistIds: [], trackIds: [] });
    for (const record of records) {
      for (const value of [record.popularity, record.recency, record.coListenStrength]) {
        expect(value >= 0 && value <= 1).toBe(true);
      }
    }
  });

  it('gives the strongest co-listen neighbour its graph weight', () => {
    const seedIndex = catalog.trackIndex.get('trk-00042') ?? -1;
    const neighbour = catalog.tracks[catalog.neighbours[seedIndex * catalog.neighboursPerTrack] ?? -1];
    const weight = catalog.neighbourWeights[seedIndex * catalog.neighboursPerTrack];
    if (neighbour === undefined || weight === undefined) {
      throw new Error('seed has no neighbour');
    }
    const [record] = deriveCandidateFeatures(catalog, 'trk-00042', [{ kind: 'track', id: neighbour.id }]);

    expect(record?.coListenStrength).toBe(weight);
  });
});
