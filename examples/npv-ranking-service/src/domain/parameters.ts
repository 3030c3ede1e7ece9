import type { CardKind } from './card.js';

export interface PreScoreWeights {
  readonly popularity: number;
  readonly coListenStrength: number;
  readonly artistAffinity: number;
  readonly recency: number;
}

/** The knobs experiments may turn. Every request runs with one full set of them. */
export interface RankingParameters {
  /** At most this many cards share one artist. */
  readonly perArtistCap: number;
  /** At most this many cards of each kind. */
  readonly slotCaps: Readonly<Record<CardKind, number>>;
  readonly preScoreWeights: PreScoreWeights;
}

export const DEFAULT_RANKING_PARAMETERS: RankingParameters = {
  perArtistCap: 3,
  slotCaps: { track: 30, artist: 5, episode: 6, playlist: 8, concert: 4 },
  preScoreWeights: { popularity: 0.3, coListenStrength: 0.4, artistAffinity: 0.2, recency: 0.1 },
};

/** How many candidates survive the cheap pre-score and reach the model. */
export const PRE_RANK_KEEP = 200;
