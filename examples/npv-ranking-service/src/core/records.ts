/**
 * The plain records that cross the ports. They live in core because core imports nothing else in src,
 * and every port has to name what it carries.
 */
export const ENTITY_KINDS = ['track', 'artist', 'episode', 'playlist', 'concert'] as const;

export type EntityKind = (typeof ENTITY_KINDS)[number];

export interface EntityRef {
  readonly kind: EntityKind;
  readonly id: string;
}

/** Where an item may be shown: everywhere, or only in the listed ISO 3166-1 alpha-2 markets. */
export type Availability = 'worldwide' | readonly string[];

export interface TrackRecord {
  readonly id: string;
  readonly title: string;
  readonly artistId: string;
  readonly artistName: string;
  /** `null` when the label never told us; the explicit filter treats unknown as explicit. */
  readonly explicit: boolean | null;
  readonly popularity: number;
  /** 0..1, newer is higher. */
  readonly recency: number;
  readonly availability: Availability;
}

export interface ArtistRecord {
  readonly id: string;
  readonly name: string;
  readonly genre: string;
  readonly popularity: number;
}

export interface EpisodeRecord {
  readonly id: string;
  readonly title: string;
  readonly showTitle: string;
  /** The artist the episode is about. */
  readonly artistId: string;
  readonly explicit: boolean | null;
  readonly popularity: number;
  readonly recency: number;
  readonly availability: Availability;
}

export interface PlaylistRecord {
  readonly id: string;
  readonly title: string;
  readonly trackIds: readonly string[];
  readonly explicit: boolean | null;
  readonly popularity: number;
  readonly recency: number;
  readonly availability: Availability;
}

export interface ConcertRecord {
  readonly id: string;
  readonly artistId: string;
  readonly artistName: string;
  readonly venue: string;
  readonly city: string;
  readonly market: string;
  readonly daysAway: number;
  readonly popularity: number;
}

export interface ListenerFeatures {
  /** Track ids the listener played recently, most recent first. */
  readonly recentTrackIds: readonly string[];
  /** Affinity 0..1 per artist id; absent means 0. */
  readonly artistAffinity: Readonly<Record<string, number>>;
}

/** What the feature store knows about one candidate relative to the seed track. */
export interface CandidateFeatureRecord {
  readonly popularity: number;
  readonly recency: number;
  /** Co-listen strength 0..1 between the seed track and the candidate. */
  readonly coListenStrength: number;
  /** The artists behind the candidate (a playlist has several). */
  readonly artistIds: readonly string[];
  /** The tracks that stand for the candidate, used to measure overlap with the listener's history. */
  readonly trackIds: readonly string[];
}

/** One candidate as the model sees it; the model client turns it into a tensor row in contract order. */
export interface ModelFeatureRow {
  readonly popularity: number;
  readonly artistAffinity: number;
  readonly coListenStrength: number;
  readonly sameArtistAsSeed: boolean;
  readonly kind: EntityKind;
  readonly recency: number;
  readonly historyOverlap: number;
  readonly preScore: number;
}

export interface EventRecord {
  readonly type: string;
  readonly requestId: string;
  readonly timestampMs: number;
  readonly payload: Readonly<Record<string, unknown>>;
}

export interface ExperimentExposure {
  readonly id: string;
  readonly variant: string;
}

export interface ExperimentAssignment<Parameters> {
  readonly exposures: readonly ExperimentExposure[];
  readonly parameters: Parameters;
}
