import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { heuristicScorer } from '../src/components/scorers/heuristicScorer.js';
import { modelScorer } from '../src/components/scorers/modelScorer.js';
import { preScorer } from '../src/components/scorers/preScorer.js';
import { diversitySelector } from '../src/components/selectors/diversitySelector.js';
import { rankByScore } from '../src/components/selectors/rankByScore.js';
import { topKSelector } from '../src/components/selectors/topKSelector.js';
import type { CandidateScorer, ScoredCandidate } from '../src/core/components.js';
import { compareRanked } from '../src/core/ordering.js';
import type { ModelScorerPort } from '../src/core/ports.js';
import type { ModelFeatureRow } from '../src/core/records.js';
import { mergeByEntity } from '../src/core/runner/index.js';
import { entityKeyOf } from '../src/domain/candidate.js';
import type { HydratedCandidate } from '../src/domain/candidate.js';
import type { NpvPipelineTypes } from '../src/domain/pipelineTypes.js';
import { anyScore, hydratedCandidate, rankingParameters, stageContext } from './support/pipelineFixtures.js';

/** A stand-in model that scores each row from its own features only, so alignment can be checked. */
const rowwiseModel: ModelScorerPort = {
  score: (rows: readonly ModelFeatureRow[]) =>
    Promise.resolve(rows.map((row) => (row.popularity + row.coListenStrength + (row.sameArtistAsSeed ? 1 : 0)) / 3)),
};

const scorers: [string, CandidateScorer<NpvPipelineTypes>][] = [
  ['preScore', preScorer()],
  ['heuristic', heuristicScorer()],
  ['model', modelScorer(rowwiseModel, { timeoutMs: 1_000, minimumBudgetMs: 2 })],
];

describe('scorers return exactly one score per candidate, in candidate order', () => {
  it.each(scorers)('%s', async (_name, scorer) => {
    await fc.assert(
      fc.asyncProperty(fc.array(hydratedCandidate, { maxLength: 60 }), rankingParameters, async (candidates, parameters) => {
        const context = stageContext({ parameters });
        const signal = new AbortController().signal;
        const scores = await scorer.score(context, candidates, signal);

        expect(scores).toHaveLength(candidates.length);
        for (const [index, candidate] of candidates.entries()) {
          const [alone] = await scorer.score(context, [candidate], signal);
          expect(scores[index]).toBe(alone);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('the model scorer sends rows in candidate order', async () => {
    const seen: ModelFeatureRow[][] = [];
    const recording: ModelScorerPort = {
      score: (rows) => {
        seen.push([...rows]);
        return Promise.resolve(rows.map(() => 0.5));
      },
    };
    const scorer = modelScorer(recording, { timeoutMs: 1_000, minimumBudgetMs: 2 });
    await fc.assert(
      fc.asyncProperty(fc.array(hydratedCandidate, { minLength: 1, maxLength: 30 }), async (candidates) => {
        seen.length = 0;
        await scorer.score(stageContext(), candidates, new AbortController().signal);
        expect(seen).toHaveLength(1);
        expect(seen[0]?.map((row) => row.kind)).toEqual(candidates.map((candidate) => candidate.entity.kind));
        expect(seen[0]?.map((row) => row.popularity)).toEqual(candidates.map((candidate) => candidate.features.popularity));
      }),
      { numRuns: 50 },
    );
  });
});

function scored(candidates: readonly HydratedCandidate[], scores: readonly number[]): ScoredCandidate<HydratedCandidate>[] {
  return candidates.map((candidate, index) => ({ candidate, score: scores[index] ?? 0 }));
}

const scoredList = fc
  .array(hydratedCandidate, { maxLength: 80 })
  .chain((candidates) => fc.array(anyScore, { minLength: candidates.length, maxLength: candidates.length }).map((scores) => scored(candidates, scores)));

describe('selectors', () => {
  it('the whole selector chain respects per-kind slots, the per-artist cap and the limit', () => {
    const chain = [rankByScore(), diversitySelector(), topKSelector()];
    fc.assert(
      fc.property(scoredList, rankingParameters, fc.integer({ min: 1, max: 50 }), (ranked, parameters, limit) => {
        const context = stageContext({ parameters, query: { limit } });
        const selected = chain.reduce<readonly ScoredCandidate<HydratedCandidate>[]>((current, selector) => selector.select(context, current), ranked);

        expect(selected.length).toBeLessThanOrEqual(limit);
        const perKind = new Map<string, number>();
        const perArtist = new Map<string, number>();
        for (const { candidate } of selected) {
          perKind.set(candidate.entity.kind, (perKind.get(candidate.entity.kind) ?? 0) + 1);
          if (candidate.artistId !== undefined) {
            perArtist.set(candidate.artistId, (perArtist.get(candidate.artistId) ?? 0) + 1);
          }
        }
        for (const [kind, count] of perKind) {
          expect(count).toBeLessThanOrEqual(parameters.slotCaps[kind as keyof typeof parameters.slotCaps]);
        }
        for (const count of perArtist.values()) {
          expect(count).toBeLessThanOrEqual(parameters.perArtistCap);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('diversity keeps the ranked order and only removes', () => {
    fc.assert(
      fc.property(scoredList, rankingParameters, (ranked, parameters) => {
        const kept = diversitySelector().select(stageContext({ parameters }), ranked);
        const positions = kept.map((entry) => ranked.indexOf(entry));

        expect(positions.every((position) => position >= 0)).toBe(true);
        expect(positions).toEqual([...positions].sort((a, b) => a - b));
      }),
      { numRuns: 200 },
    );
  });

  it('diversity fills the limit when the caps allow it', () => {
    const context = stageContext({ query: { limit: 5 } });
    const candidates = fc.sample(hydratedCandidate, { numRuns: 200, seed: 7 });
    const unique = mergeByEntity([candidates], entityKeyOf).map((candidate) => ({ ...candidate, artistId: `art-${candidate.entity.id}` }));
    const selected = [rankByScore(), diversitySelector(), topKSelector()].reduce<readonly ScoredCandidate<HydratedCandidate>[]>(
      (current, selector) => selector.select(context, current),
      scored(unique, unique.map((_, index) => index / unique.length)),
    );

    expect(selected).toHaveLength(5);
  });

  it('ranking by score does not depend on the input order, and sorts NaN last', () => {
    fc.assert(
      fc.property(
        scoredList.chain((ranked) => fc.tuple(fc.constant(ranked), fc.shuffledSubarray(ranked, { minLength: ranked.length, maxLength: ranked.length }))),
        ([ranked, shuffled]) => {
          const context = stageContext();
          const unique = mergeByEntity([ranked], (entry) => entityKeyOf(entry.candidate));
          const uniqueShuffled = shuffled.filter((entry) => unique.includes(entry));
          const first = rankByScore().select(context, unique);
          const second = rankByScore().select(context, uniqueShuffled);

          expect(second).toEqual(first);
          const firstNaN = first.findIndex((entry) => Number.isNaN(entry.score));
          if (firstNaN >= 0) {
            expect(first.slice(firstNaN).every((entry) => Number.isNaN(entry.score))).toBe(true);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('merging candidates from several sources', () => {
  it('keeps exactly one candidate per entity, the first one seen, in first-seen order', () => {
    fc.assert(
      fc.property(fc.array(fc.array(hydratedCandidate, { maxLength: 30 }), { maxLength: 6 }), (perSource) => {
        const merged = mergeByEntity(perSource, entityKeyOf);
        const all = perSource.flat();
        const firstByEntity = new Map<string, HydratedCandidate>();
        for (const candidate of all) {
          if (!firstByEntity.has(entityKeyOf(candidate))) {
            firstByEntity.set(entityKeyOf(candidate), candidate);
          }
        }

        expect(merged).toEqual([...firstByEntity.values()]);
        expect(new Set(merged.map(entityKeyOf)).size).toBe(merged.length);
      }),
      { numRuns: 200 },
    );
  });

  it('treats the same entity with different card ids as one candidate', () => {
    const [candidate] = fc.sample(hydratedCandidate, { numRuns: 1, seed: 3 });
    if (candidate === undefined) {
      throw new Error('no sample');
    }
    const fromOtherSource = { ...candidate, cardId: `other:${candidate.entity.id}`, source: 'other' };

    expect(mergeByEntity([[candidate], [fromOtherSource]], entityKeyOf)).toEqual([candidate]);
  });
});

describe('compareRanked is a total order that puts NaN last', () => {
  const entry = fc.record({ score: anyScore, key: fc.string({ maxLength: 4 }) });

  it('is antisymmetric and reflexive', () => {
    fc.assert(
      fc.property(entry, entry, (a, b) => {
        const forward = Math.sign(compareRanked(a.score, a.key, b.score, b.key));
        const backward = Math.sign(compareRanked(b.score, b.key, a.score, a.key));
        expect(forward).toBe(backward === 0 ? 0 : -backward);
        expect(compareRanked(a.score, a.key, a.score, a.key)).toBe(0);
      }),
    );
  });

  it('is transitive', () => {
    fc.assert(
      fc.property(entry, entry, entry, (a, b, c) => {
        const [first, second, third] = [a, b, c].sort((x, y) => compareRanked(x.score, x.key, y.score, y.key));
        if (first === undefined || second === undefined || third === undefined) {
          throw new Error('lost an element');
        }
        expect(compareRanked(first.score, first.key, second.score, second.key)).toBeLessThanOrEqual(0);
        expect(compareRanked(second.score, second.key, third.score, third.key)).toBeLessThanOrEqual(0);
        expect(compareRanked(first.score, first.key, third.score, third.key)).toBeLessThanOrEqual(0);
      }),
    );
  });

  it('sorts to the same order whatever the input order', () => {
    fc.assert(
      fc.property(fc.uniqueArray(entry, { selector: (value) => value.key, maxLength: 40 }), fc.integer(), (entries, seed) => {
        const shuffled = fc.sample(fc.shuffledSubarray(entries, { minLength: entries.length, maxLength: entries.length }), { numRuns: 1, seed })[0] ?? [];
        const compare = (x: { score: number; key: string }, y: { score: number; key: string }) => compareRanked(x.score, x.key, y.score, y.key);
        expect([...shuffled].sort(compare)).toEqual([...entries].sort(compare));
      }),
    );
  });

  it('puts every number before NaN', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true }), fc.string(), fc.string(), (score, keyA, keyB) => {
        expect(compareRanked(score, keyA, Number.NaN, keyB)).toBe(-1);
        expect(compareRanked(Number.NaN, keyA, score, keyB)).toBe(1);
      }),
    );
  });

  it('breaks ties by key', () => {
    expect(compareRanked(0.5, 'track:b', 0.5, 'track:a')).toBe(1);
    expect(compareRanked(Number.NaN, 'a', Number.NaN, 'b')).toBe(-1);
    expect(compareRanked(0, 'a', -0, 'b')).toBe(-1);
  });
});
