import type { CatalogPort } from '../../core/ports.js';
import type { ArtistRecord, ConcertRecord, EpisodeRecord, PlaylistRecord, TrackRecord } from '../../core/records.js';
import type { CatalogData } from './catalogData.js';

function answer<Value>(signal: AbortSignal, compute: () => Value): Promise<Value> {
  if (signal.aborted) {
    return Promise.reject(signal.reason);
  }
  return Promise.resolve(compute());
}

function byPopularity<Item extends { readonly popularity: number; readonly id: string }>(a: Item, b: Item): number {
  return b.popularity - a.popularity || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function soonestFirst(a: ConcertRecord, b: ConcertRecord): number {
  return a.daysAway - b.daysAway || byPopularity(a, b);
}

/** Episodes and concerts presorted per artist and per genre, so a request only walks and slices. */
interface ArtistItemIndexes {
  readonly episodesOfArtist: ReadonlyMap<string, readonly EpisodeRecord[]>;
  readonly episodesOfGenre: readonly (readonly EpisodeRecord[])[];
  readonly concertsOfArtist: ReadonlyMap<string, readonly ConcertRecord[]>;
  readonly concertsOfGenre: readonly (readonly ConcertRecord[])[];
}

const indexesByCatalog = new WeakMap<CatalogData, ArtistItemIndexes>();

function sortedGroups<Item extends { readonly artistId: string }>(
  data: CatalogData,
  items: readonly Item[],
  order: (a: Item, b: Item) => number,
): { ofArtist: Map<string, Item[]>; ofGenre: Item[][] } {
  const ofArtist = new Map<string, Item[]>();
  const ofGenre: Item[][] = data.genres.map(() => []);
  for (const item of items) {
    const list = ofArtist.get(item.artistId);
    if (list === undefined) {
      ofArtist.set(item.artistId, [item]);
    } else {
      list.push(item);
    }
    ofGenre[data.genreOfArtist[data.artistIndex.get(item.artistId) ?? -1] ?? -1]?.push(item);
  }
  for (const list of ofArtist.values()) {
    list.sort(order);
  }
  for (const list of ofGenre) {
    list.sort(order);
  }
  return { ofArtist, ofGenre };
}

function indexesOf(data: CatalogData): ArtistItemIndexes {
  let indexes = indexesByCatalog.get(data);
  if (indexes === undefined) {
    const episodes = sortedGroups(data, data.episodes, byPopularity);
    const concerts = sortedGroups(data, data.concerts, soonestFirst);
    indexes = {
      episodesOfArtist: episodes.ofArtist,
      episodesOfGenre: episodes.ofGenre,
      concertsOfArtist: concerts.ofArtist,
      concertsOfGenre: concerts.ofGenre,
    };
    indexesByCatalog.set(data, indexes);
  }
  return indexes;
}

/** The catalog port over the in-memory synthetic catalog; answers honour an already-aborted signal. */
export class InMemoryCatalog implements CatalogPort {
  private readonly data: CatalogData;
  private readonly indexes: ArtistItemIndexes;

  constructor(data: CatalogData) {
    this.data = data;
    this.indexes = indexesOf(data);
  }

  isLoaded(): boolean {
    return this.data.tracks.length > 0;
  }

  findTrack(trackId: string, signal: AbortSignal): Promise<TrackRecord | undefined> {
    return answer(signal, () => this.track(trackId));
  }

  findArtist(artistId: string, signal: AbortSignal): Promise<ArtistRecord | undefined> {
    return answer(signal, () => {
      const index = this.data.artistIndex.get(artistId);
      return index === undefined ? undefined : this.data.artists[index];
    });
  }

  relatedTracks(trackId: string, limit: number, signal: AbortSignal): Promise<readonly TrackRecord[]> {
    return answer(signal, () => this.neighbourTracks(trackId).slice(0, limit));
  }

  tracksByArtist(artistId: string, limit: number, signal: AbortSignal): Promise<readonly TrackRecord[]> {
    return answer(signal, () => {
      const artistIndex = this.data.artistIndex.get(artistId);
      const trackIndexes = artistIndex === undefined ? [] : (this.data.tracksOfArtist[artistIndex] ?? []);
      return trackIndexes.slice(0, limit).map((index) => this.data.tracks[index] as TrackRecord);
    });
  }

  episodesForTrack(trackId: string, limit: number, signal: AbortSignal): Promise<readonly EpisodeRecord[]> {
    return answer(signal, () =>
      this.collectForArtists(trackId, this.indexes.episodesOfArtist, this.indexes.episodesOfGenre, byPopularity, limit, () => true),
    );
  }

  playlistsWithTrack(trackId: string, limit: number, signal: AbortSignal): Promise<readonly PlaylistRecord[]> {
    return answer(signal, () =>
      (this.data.playlistsOfTrack.get(trackId) ?? [])
        .map((index) => this.data.playlists[index] as PlaylistRecord)
        .sort(byPopularity)
        .slice(0, limit),
    );
  }

  concertsForTrack(trackId: string, market: string, limit: number, signal: AbortSignal): Promise<readonly ConcertRecord[]> {
    return answer(signal, () =>
      this.collectForArtists(trackId, this.indexes.concertsOfArtist, this.indexes.concertsOfGenre, soonestFirst, limit, (concert) => concert.market === market),
    );
  }

  private track(trackId: string): TrackRecord | undefined {
    const index = this.data.trackIndex.get(trackId);
    return index === undefined ? undefined : this.data.tracks[index];
  }

  private neighbourTracks(trackId: string): TrackRecord[] {
    const index = this.data.trackIndex.get(trackId);
    if (index === undefined) {
      return [];
    }
    const { neighboursPerTrack, neighbours, tracks } = this.data;
    const related: TrackRecord[] = [];
    for (let slot = 0; slot < neighboursPerTrack; slot += 1) {
      const neighbour = tracks[neighbours[index * neighboursPerTrack + slot] ?? -1];
      if (neighbour !== undefined) {
        related.push(neighbour);
      }
    }
    // Two hops widen the pool for tracks with few strong neighbours.
    for (const first of related.slice(0, 4)) {
      for (const second of this.directNeighbours(first.id)) {
        if (second.id !== trackId && !related.includes(second)) {
          related.push(second);
        }
      }
    }
    return related;
  }

  private directNeighbours(trackId: string): TrackRecord[] {
    const index = this.data.trackIndex.get(trackId);
    if (index === undefined) {
      return [];
    }
    const { neighboursPerTrack, neighbours, tracks } = this.data;
    const direct: TrackRecord[] = [];
    for (let slot = 0; slot < neighboursPerTrack; slot += 1) {
      const neighbour = tracks[neighbours[index * neighboursPerTrack + slot] ?? -1];
      if (neighbour !== undefined) {
        direct.push(neighbour);
      }
    }
    return direct;
  }

  /**
   * Up to `limit` accepted items about the seed's artist first, then about its co-listen neighbours'
   * artists, then about other artists of the same genre; each tier in `order`.
   */
  private collectForArtists<Item extends { readonly artistId: string }>(
    trackId: string,
    ofArtist: ReadonlyMap<string, readonly Item[]>,
    ofGenre: readonly (readonly Item[])[],
    order: (a: Item, b: Item) => number,
    limit: number,
    accept: (item: Item) => boolean,
  ): Item[] {
    const seed = this.track(trackId);
    if (seed === undefined) {
      return [];
    }
    const found: Item[] = (ofArtist.get(seed.artistId) ?? []).filter(accept).slice(0, limit);
    const seenArtists = new Set<string>([seed.artistId]);
    const neighbourItems: Item[] = [];
    for (const neighbour of this.directNeighbours(trackId)) {
      if (!seenArtists.has(neighbour.artistId)) {
        seenArtists.add(neighbour.artistId);
        neighbourItems.push(...(ofArtist.get(neighbour.artistId) ?? []).filter(accept));
      }
    }
    found.push(...neighbourItems.sort(order).slice(0, limit - found.length));
    const genre = this.data.genreOfArtist[this.data.artistIndex.get(seed.artistId) ?? -1] ?? -1;
    for (const item of ofGenre[genre] ?? []) {
      if (found.length >= limit) {
        break;
      }
      if (!seenArtists.has(item.artistId) && accept(item)) {
        found.push(item);
      }
    }
    return found;
  }
}
