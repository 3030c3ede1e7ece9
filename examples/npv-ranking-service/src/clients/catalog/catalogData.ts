import type { ArtistRecord, ConcertRecord, EpisodeRecord, PlaylistRecord, TrackRecord } from '../../core/records.js';

/** The whole synthetic catalog with the indexes the catalog port and the feature store query. */
export interface CatalogData {
  readonly seed: number;
  readonly tracks: readonly TrackRecord[];
  readonly artists: readonly ArtistRecord[];
  readonly episodes: readonly EpisodeRecord[];
  readonly playlists: readonly PlaylistRecord[];
  readonly concerts: readonly ConcertRecord[];
  readonly genres: readonly string[];
  readonly trackIndex: ReadonlyMap<string, number>;
  readonly artistIndex: ReadonlyMap<string, number>;
  readonly episodeIndex: ReadonlyMap<string, number>;
  readonly playlistIndex: ReadonlyMap<string, number>;
  readonly concertIndex: ReadonlyMap<string, number>;
  /** Co-listen graph: `neighboursPerTrack` neighbour track indexes per track, strongest first. */
  readonly neighboursPerTrack: number;
  readonly neighbours: Int32Array;
  readonly neighbourWeights: Float32Array;
  /** Track indexes per artist index, most popular first. */
  readonly tracksOfArtist: readonly (readonly number[])[];
  /** Track indexes per genre index. */
  readonly tracksOfGenre: readonly (readonly number[])[];
  readonly genreOfArtist: Int32Array;
  readonly playlistsOfTrack: ReadonlyMap<string, readonly number[]>;
}

export interface CatalogSize {
  readonly artists: number;
  readonly tracks: number;
  readonly episodes: number;
  readonly playlists: number;
  readonly concerts: number;
}

export const DEFAULT_CATALOG_SIZE: CatalogSize = {
  artists: 2_400,
  tracks: 24_000,
  episodes: 3_000,
  playlists: 1_500,
  concerts: 4_000,
};

export const DEFAULT_CATALOG_SEED = 20_250_101;

/** Real ISO 3166-1 alpha-2 markets the synthetic catalog licenses to and holds concerts in. */
export const CATALOG_MARKETS = [
  'US', 'CA', 'MX', 'BR', 'AR', 'CL', 'CO', 'GB', 'IE', 'FR', 'DE', 'AT', 'CH', 'NL', 'BE',
  'ES', 'PT', 'IT', 'SE', 'NO', 'DK', 'FI', 'PL', 'CZ', 'TR', 'IL', 'AE', 'SA', 'EG', 'ZA',
  'NG', 'KE', 'IN', 'ID', 'PH', 'SG', 'MY', 'TH', 'VN', 'JP', 'KR', 'AU', 'NZ',
] as const;
