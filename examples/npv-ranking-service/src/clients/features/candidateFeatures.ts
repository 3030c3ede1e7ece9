import type { CandidateFeatureRecord, EntityRef, TrackRecord } from '../../core/records.js';
import type { CatalogData } from '../catalog/catalogData.js';

const UNKNOWN_ENTITY: CandidateFeatureRecord = { popularity: 0, recency: 0, coListenStrength: 0, artistIds: [], trackIds: [] };

/** How strongly the seed track relates to everything else, computed once per batch. */
interface SeedLinks {
  readonly seed: TrackRecord | undefined;
  /** Co-listen weight from the seed to each neighbour track id. */
  readonly trackWeights: ReadonlyMap<string, number>;
  /** Strongest co-listen weight from the seed to any track of each artist. */
  readonly artistWeights: ReadonlyMap<string, number>;
  readonly seedGenre: number;
}

function seedLinks(data: CatalogData, seedTrackId: string): SeedLinks {
  const seedIndex = data.trackIndex.get(seedTrackId);
  const trackWeights = new Map<string, number>();
  const artistWeights = new Map<string, number>();
  if (seedIndex !== undefined) {
    for (let slot = 0; slot < data.neighboursPerTrack; slot += 1) {
      const neighbour = data.tracks[data.neighbours[seedIndex * data.neighboursPerTrack + slot] ?? -1];
      const weight = data.neighbourWeights[seedIndex * data.neighboursPerTrack + slot] ?? 0;
      if (neighbour !== undefined) {
        trackWeights.set(neighbour.id, Math.max(weight, trackWeights.get(neighbour.id) ?? 0));
        artistWeights.set(neighbour.artistId, Math.max(weight, artistWeights.get(neighbour.artistId) ?? 0));
      }
    }
  }
  const seed = seedIndex === undefined ? undefined : data.tracks[seedIndex];
  const seedGenre = seed === undefined ? -1 : (data.genreOfArtist[data.artistIndex.get(seed.artistId) ?? -1] ?? -1);
  return { seed, trackWeights, artistWeights, seedGenre };
}

function artistLink(data: CatalogData, links: SeedLinks, artistId: string): number {
  if (links.seed?.artistId === artistId) {
    return 1;
  }
  const weight = links.artistWeights.get(artistId);
  if (weight !== undefined) {
    return weight;
  }
  const genre = data.genreOfArtist[data.artistIndex.get(artistId) ?? -1];
  return genre === links.seedGenre ? 0.1 : 0;
}

function topTrackIds(data: CatalogData, artistId: string, count: number): string[] {
  const artistIndex = data.artistIndex.get(artistId);
  const trackIndexes = artistIndex === undefined ? [] : (data.tracksOfArtist[artistIndex] ?? []);
  return trackIndexes.slice(0, count).map((index) => (data.tracks[index] as TrackRecord).id);
}

function featuresOf(data: CatalogData, links: SeedLinks, entity: EntityRef): CandidateFeatureRecord {
  switch (entity.kind) {
    case 'track': {
      const track = data.tracks[data.trackIndex.get(entity.id) ?? -1];
      if (track === undefined) {
        return UNKNOWN_ENTITY;
      }
      const direct = links.trackWeights.get(entity.id);
      return {
        popularity: track.popularity,
        recency: track.recency,
        coListenStrength: direct ?? 0.5 * artistLink(data, links, track.artistId),
        artistIds: [track.artistId],
        trackIds: [track.id],
      };
    }
    case 'artist': {
      const artist = data.artists[data.artistIndex.get(entity.id) ?? -1];
      if (artist === undefined) {
        return UNKNOWN_ENTITY;
      }
      const trackIds = topTrackIds(data, artist.id, 10);
      const recency = Math.max(0, ...trackIds.map((trackId) => data.tracks[data.trackIndex.get(trackId) ?? -1]?.recency ?? 0));
      return { popularity: artist.popularity, recency, coListenStrength: artistLink(data, links, artist.id), artistIds: [artist.id], trackIds };
    }
    case 'episode': {
      const episode = data.episodes[data.episodeIndex.get(entity.id) ?? -1];
      if (episode === undefined) {
        return UNKNOWN_ENTITY;
      }
      return {
        popularity: episode.popularity,
        recency: episode.recency,
        coListenStrength: 0.8 * artistLink(data, links, episode.artistId),
        artistIds: [episode.artistId],
        trackIds: [],
      };
    }
    case 'playlist': {
      const playlist = data.playlists[data.playlistIndex.get(entity.id) ?? -1];
      if (playlist === undefined) {
        return UNKNOWN_ENTITY;
      }
      const linked = playlist.trackIds.filter((trackId) => trackId === links.seed?.id || links.trackWeights.has(trackId)).length;
      const artistIds = [...new Set(playlist.trackIds.slice(0, 10).map((trackId) => data.tracks[data.trackIndex.get(trackId) ?? -1]?.artistId ?? ''))].filter(
        (artistId) => artistId !== '',
      );
      return { popularity: playlist.popularity, recency: playlist.recency, coListenStrength: Math.min(1, linked / 5), artistIds, trackIds: playlist.trackIds };
    }
    case 'concert': {
      const concert = data.concerts[data.concertIndex.get(entity.id) ?? -1];
      if (concert === undefined) {
        return UNKNOWN_ENTITY;
      }
      return {
        popularity: concert.popularity,
        recency: 1 - concert.daysAway / 181,
        coListenStrength: artistLink(data, links, concert.artistId),
        artistIds: [concert.artistId],
        trackIds: topTrackIds(data, concert.artistId, 5),
      };
    }
  }
}

/** Features for a whole batch, one record per entity in input order; unknown entities get zeros. */
export function deriveCandidateFeatures(data: CatalogData, seedTrackId: string, entities: readonly EntityRef[]): CandidateFeatureRecord[] {
  const links = seedLinks(data, seedTrackId);
  return entities.map((entity) => featuresOf(data, links, entity));
}
