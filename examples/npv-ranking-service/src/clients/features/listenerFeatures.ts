import type { ListenerFeatures } from '../../core/records.js';
import type { CatalogData } from '../catalog/catalogData.js';
import { seedFromString, seededRandom } from '../catalog/seededRandom.js';

const HISTORY_LENGTH = 40;
const FAVOURITE_GENRES = 3;

/**
 * A listener's recent history and artist affinities, derived from a hash of the listener id: the same
 * id always has the same taste, mostly within a few favourite genres.
 */
export function deriveListenerFeatures(data: CatalogData, listenerId: string): ListenerFeatures {
  const random = seededRandom(seedFromString(listenerId));
  const favourites = Array.from({ length: FAVOURITE_GENRES }, () => random.below(data.genres.length));

  const recentTrackIds: string[] = [];
  const plays = new Map<string, number>();
  for (let play = 0; play < HISTORY_LENGTH; play += 1) {
    const pool = random.next() < 0.8 ? (data.tracksOfGenre[random.pick(favourites)] ?? []) : [];
    const trackIndex = pool.length > 0 ? (pool[random.below(pool.length)] ?? 0) : random.below(data.tracks.length);
    const track = data.tracks[trackIndex];
    if (track !== undefined && !recentTrackIds.includes(track.id)) {
      recentTrackIds.push(track.id);
      plays.set(track.artistId, (plays.get(track.artistId) ?? 0) + 1);
    }
  }

  const artistAffinity: Record<string, number> = {};
  for (const [artistId, count] of plays) {
    artistAffinity[artistId] = Math.min(1, 0.3 + 0.15 * count);
  }
  for (let extra = 0; extra < 10; extra += 1) {
    const artist = data.artists[random.below(data.artists.length)];
    if (artist !== undefined && artistAffinity[artist.id] === undefined) {
      artistAffinity[artist.id] = 0.2 + 0.6 * random.next();
    }
  }
  return { recentTrackIds, artistAffinity };
}
