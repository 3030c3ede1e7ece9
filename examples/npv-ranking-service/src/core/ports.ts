import type {
  ArtistRecord,
  CandidateFeatureRecord,
  ConcertRecord,
  EntityRef,
  EpisodeRecord,
  EventRecord,
  ExperimentAssignment,
  ListenerFeatures,
  ModelFeatureRow,
  PlaylistRecord,
  TrackRecord,
} from './records.js';

export type { Clock } from './clock.js';

/**
 * Every interface through which the pipeline reaches the outside world. Components see only these;
 * the composition root decides what stands behind them. Every call that could wait takes a signal.
 */
export interface CatalogPort {
  isLoaded(): boolean;
  findTrack(trackId: string, signal: AbortSignal): Promise<TrackRecord | undefined>;
  findArtist(artistId: string, signal: AbortSignal): Promise<ArtistRecord | undefined>;
  /** Co-listen neighbours of a track, strongest first. */
  relatedTracks(trackId: string, limit: number, signal: AbortSignal): Promise<readonly TrackRecord[]>;
  /** An artist's tracks, most popular first. */
  tracksByArtist(artistId: string, limit: number, signal: AbortSignal): Promise<readonly TrackRecord[]>;
  /** Episodes about the artist of the track or of its co-listen neighbours. */
  episodesForTrack(trackId: string, limit: number, signal: AbortSignal): Promise<readonly EpisodeRecord[]>;
  playlistsWithTrack(trackId: string, limit: number, signal: AbortSignal): Promise<readonly PlaylistRecord[]>;
  /** Upcoming concerts in a market by the track's artist or artists listened to alongside it. */
  concertsForTrack(trackId: string, market: string, limit: number, signal: AbortSignal): Promise<readonly ConcertRecord[]>;
}

export interface FeatureStorePort {
  listenerFeatures(listenerId: string, signal: AbortSignal): Promise<ListenerFeatures>;
  /** One call for a whole batch; answers one record per entity, in the same order. */
  candidateFeatures(
    seedTrackId: string,
    entities: readonly EntityRef[],
    signal: AbortSignal,
  ): Promise<readonly CandidateFeatureRecord[]>;
}

export interface ModelScorerPort {
  /**
   * One score per row, in row order. Fails with a ScoringError whose reason says why (timeout,
   * error, unavailable, breaker open); the caller falls back instead of failing the request.
   */
  score(rows: readonly ModelFeatureRow[], signal: AbortSignal): Promise<readonly number[]>;
}

export interface EventSinkPort {
  /** Hands an event over and returns at once: never waits, never throws. */
  emit(event: EventRecord): void;
}

export interface ExperimentAssignerPort<Parameters> {
  assign(unit: string): ExperimentAssignment<Parameters>;
}

export interface PseudonymiserPort {
  /** A stable, keyed, non-reversible stand-in for a listener id, safe for logs and events. */
  pseudonymise(listenerId: string): string;
}

export type SourceOutcome = 'ok' | 'timeout' | 'error';

/** What the runner reports about itself, so metrics can be kept without components knowing about them. */
export interface PipelineObserver {
  sourceFinished(source: string, outcome: SourceOutcome): void;
  stageFailed(stage: string, component: string): void;
  scoringFellBack(reason: string): void;
}

export const silentObserver: PipelineObserver = {
  sourceFinished: () => undefined,
  stageFailed: () => undefined,
  scoringFellBack: () => undefined,
};
