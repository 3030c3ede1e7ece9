import fc from 'fast-check';
import type { StageContext } from '../../src/core/components.js';
import { Deadline } from '../../src/core/deadline.js';
import type { TrackRecord } from '../../src/core/records.js';
import { CARD_KINDS, CARD_REASONS } from '../../src/domain/card.js';
import type { CardKind } from '../../src/domain/card.js';
import type { HydratedCandidate } from '../../src/domain/candidate.js';
import type { RankingParameters } from '../../src/domain/parameters.js';
import { DEFAULT_RANKING_PARAMETERS } from '../../src/domain/parameters.js';
import type { NpvPipelineTypes, NpvRequest } from '../../src/domain/pipelineTypes.js';
import type { NpvQuery } from '../../src/domain/query.js';

export const SEED_TRACK: TrackRecord = {
  id: 'trk-00042',
  title: 'Seed',
  artistId: 'art-0001',
  artistName: 'Seed Artist',
  explicit: false,
  popularity: 0.5,
  recency: 0.5,
  availability: 'worldwide',
};

export const fixedClock = { now: () => 1_000_000 };

export function stageContext(
  overrides: { query?: Partial<NpvQuery>; parameters?: RankingParameters; budgetMs?: number; recentTrackIds?: string[] } = {},
): StageContext<NpvPipelineTypes> {
  const query: NpvQuery = {
    listenerId: 'listener-1',
    trackId: SEED_TRACK.id,
    market: 'SE',
    platform: 'ios',
    limit: 20,
    explicitAllowed: false,
    ...overrides.query,
  };
  const request: NpvRequest = {
    requestId: 'request-1',
    query,
    seedTrack: SEED_TRACK,
    listenerPseudonym: 'lp_0000000000000000',
    parameters: overrides.parameters ?? DEFAULT_RANKING_PARAMETERS,
    experiments: [],
  };
  return {
    request,
    deadline: Deadline.fromStart(fixedClock, fixedClock.now(), overrides.budgetMs ?? 1_000),
    requestFeatures: { recentTrackIds: overrides.recentTrackIds ?? [], artistAffinity: {} },
  };
}

const unit = fc.double({ min: 0, max: 1, noNaN: true });

/** Candidates drawn from a small id space, so duplicates across kinds, ids and artists are common. */
export const hydratedCandidate: fc.Arbitrary<HydratedCandidate> = fc
  .record({
    kind: fc.constantFrom<CardKind>(...CARD_KINDS),
    number: fc.integer({ min: 0, max: 30 }),
    reason: fc.constantFrom(...CARD_REASONS),
    artist: fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }),
    explicit: fc.constantFrom(true, false, null),
    popularity: unit,
    artistAffinity: unit,
    coListenStrength: unit,
    sameArtistAsSeed: fc.boolean(),
    recency: unit,
    historyOverlap: unit,
    preScore: fc.oneof(unit, fc.constant(Number.NaN)),
  })
  .map((drawn) => {
    const id = `${drawn.kind}-${drawn.number}`;
    return {
      entity: { kind: drawn.kind, id },
      cardId: `${drawn.reason}:${id}`,
      source: 'generated',
      reason: drawn.reason,
      title: id,
      ...(drawn.artist === undefined ? {} : { artistId: `art-${drawn.artist}` }),
      explicit: drawn.explicit,
      availability: 'worldwide' as const,
      features: {
        popularity: drawn.popularity,
        artistAffinity: drawn.artistAffinity,
        coListenStrength: drawn.coListenStrength,
        sameArtistAsSeed: drawn.sameArtistAsSeed,
        recency: drawn.recency,
        historyOverlap: drawn.historyOverlap,
      },
      preScore: drawn.preScore,
    };
  });

/** Scores as scorers can produce them, including NaN, infinities and signed zeros. */
export const anyScore = fc.oneof(
  fc.double(),
  fc.constantFrom(Number.NaN, 0, -0, 1, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
);

export const rankingParameters: fc.Arbitrary<RankingParameters> = fc.record({
  perArtistCap: fc.integer({ min: 0, max: 4 }),
  slotCaps: fc.record({
    track: fc.integer({ min: 0, max: 10 }),
    artist: fc.integer({ min: 0, max: 10 }),
    episode: fc.integer({ min: 0, max: 10 }),
    playlist: fc.integer({ min: 0, max: 10 }),
    concert: fc.integer({ min: 0, max: 10 }),
  }),
  preScoreWeights: fc.record({ popularity: unit, coListenStrength: unit, artistAffinity: unit, recency: unit }),
});
