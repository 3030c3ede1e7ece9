import type { Availability, EntityRef } from '../core/records.js';
import type { CardReason } from './card.js';

/** A possible card, as a candidate source found it. */
export interface Candidate {
  readonly entity: EntityRef;
  /** Unique per source and entity; the same entity from two sources has two card ids. */
  readonly cardId: string;
  readonly source: string;
  readonly reason: CardReason;
  readonly title: string;
  readonly subtitle?: string;
  /** The artist a diversity cap counts this card against, if any. */
  readonly artistId?: string;
  /** `null` when unknown; unknown is treated as explicit. */
  readonly explicit: boolean | null;
  readonly availability: Availability;
}

export interface CandidateFeatures {
  readonly popularity: number;
  readonly artistAffinity: number;
  readonly coListenStrength: number;
  readonly sameArtistAsSeed: boolean;
  readonly recency: number;
  readonly historyOverlap: number;
}

export interface HydratedCandidate extends Candidate {
  readonly features: CandidateFeatures;
  /** NaN until pre-ranking attaches the cheap score. */
  readonly preScore: number;
}

export function entityKeyOf(candidate: Candidate): string {
  return `${candidate.entity.kind}:${candidate.entity.id}`;
}
