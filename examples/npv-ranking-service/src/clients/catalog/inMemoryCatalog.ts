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

/** The catalog port over the in-memory synthetic catalog; answers honour an already-aborted signal. */
export class InMemoryCatalog implements CatalogPort {
  private readonly data: CatalogData;

  constructor(data: CatalogData) {
    this.data = data;
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
      this.collectForArtists(trackId, this.data.episodesOfArtist, this.data.episodes, byPopularity).slice(0, limit),
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
      this.collectForArtists(trackId, this.data.concertsOfArtist, this.data.concerts, soonestFirst)
        .filter((concert) => concert.market === market)
        .slice(0, limit),
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
   * Items about the seed's artist first, then about its co-listen neighbours' artists, then about other
   * artists of the same genre; each tier in `order`.
   */
  private collectForArtists<Item>(
    trackId: string,
    ofArtist: ReadonlyMap<string, readonly number[]>,
    items: readonly Item[],
    order: (a: Item, b: Item) => number,
  ): Item[] {
    const seed = this.track(trackId);
    if (seed === undefined) {
      return [];
    }
    const genre = this.data.genreOfArtist[this.data.artistIndex.get(seed.artistId) ?? 0];
    const tiers: string[][] = [
      [seed.artistId],
      this.directNeighbours(trackId).map((neighbour) => neighbour.artistId),
      this.data.artists.filter((_, artistIndex) => this.data.genreOfArtist[artistIndex] === genre).map((artist) => artist.id),
    ];
    const seenArtists = new Set<string>();
    const found: Item[] = [];
    for (const tier of tiers) {
      const tierItems: Item[] = [];
      for (const artistId of tier) {
        if (seenArtists.has(artistId)) {
          continue;
        }
        seenArtists.add(artistId);
        for (const index of ofArtist.get(artistId) ?? []) {
          const item = items[index];
          if (item !== undefined) {
            tierItems.push(item);
          }
        }
      }
      found.push(...tierItems.sort(order));
    }
    return found;
  }
}
