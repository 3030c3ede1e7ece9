import type { CandidateSelector, ScoredCandidate } from '../../core/components.js';
import type { CardKind } from '../../domain/card.js';
import type { HydratedCandidate } from '../../domain/candidate.js';
import type { RankingParameters } from '../../domain/parameters.js';
import type { NpvPipelineTypes } from '../../domain/pipelineTypes.js';

/**
 * Walks the ranking in order and skips a card once its kind has used its slots or its artist has
 * reached the per-artist cap. The kept cards stay in rank order.
 */
export function diversify(
  ranked: readonly ScoredCandidate<HydratedCandidate>[],
  parameters: RankingParameters,
): ScoredCandidate<HydratedCandidate>[] {
  const perKind = new Map<CardKind, number>();
  const perArtist = new Map<string, number>();
  const kept: ScoredCandidate<HydratedCandidate>[] = [];
  for (const entry of ranked) {
    const { kind } = entry.candidate.entity;
    const { artistId } = entry.candidate;
    const kindCount = perKind.get(kind) ?? 0;
    const artistCount = artistId === undefined ? 0 : (perArtist.get(artistId) ?? 0);
    if (kindCount >= parameters.slotCaps[kind] || (artistId !== undefined && artistCount >= parameters.perArtistCap)) {
      continue;
    }
    perKind.set(kind, kindCount + 1);
    if (artistId !== undefined) {
      perArtist.set(artistId, artistCount + 1);
    }
    kept.push(entry);
  }
  return kept;
}

export function diversitySelector(): CandidateSelector<NpvPipelineTypes> {
  return {
    name: 'diversity',
    select({ request }, ranked) {
      return diversify(ranked, request.parameters);
    },
  };
}
