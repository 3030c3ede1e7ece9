import type { ArtistRecord, Availability, ConcertRecord, EpisodeRecord, PlaylistRecord, TrackRecord } from '../../core/records.js';
import type { CatalogData, CatalogSize } from './catalogData.js';
import { CATALOG_MARKETS, DEFAULT_CATALOG_SEED, DEFAULT_CATALOG_SIZE } from './catalogData.js';
import { GENRES, artistName, cityName, paddedId, showTitle, trackTitle, venueName } from './names.js';
import type { SeededRandom } from './seededRandom.js';
import { seededRandom } from './seededRandom.js';

const NEIGHBOURS_PER_TRACK = 12;

function explicitFlag(random: SeededRandom, explicitShare: number, unknownShare: number): boolean | null {
  const draw = random.next();
  if (draw < unknownShare) {
    return null;
  }
  return draw < unknownShare + explicitShare;
}

function availability(random: SeededRandom, worldwideShare: number): Availability {
  if (random.next() < worldwideShare) {
    return 'worldwide';
  }
  const markets = new Set<string>();
  const count = 3 + random.below(10);
  while (markets.size < count) {
    markets.add(random.pick(CATALOG_MARKETS));
  }
  return [...markets].sort();
}

/** Popularity skewed towards few stars and a long tail, like real catalogs. */
function skewedPopularity(random: SeededRandom): number {
  return random.next() ** 2;
}

function indexOf<Item extends { readonly id: string }>(items: readonly Item[]): Map<string, number> {
  return new Map(items.map((item, index) => [item.id, index]));
}

/**
 * Builds the synthetic catalog from a seed: artists in genres, their tracks, a co-listen graph that is
 * mostly within a genre, podcast episodes about artists, playlists, and concerts in real markets.
 * The same seed and size always give the same catalog.
 */
export function generateCatalog(seed: number = DEFAULT_CATALOG_SEED, size: CatalogSize = DEFAULT_CATALOG_SIZE): CatalogData {
  const random = seededRandom(seed);

  const genreOfArtist = new Int32Array(size.artists);
  const artists: ArtistRecord[] = [];
  for (let index = 0; index < size.artists; index += 1) {
    const genre = random.below(GENRES.length);
    genreOfArtist[index] = genre;
    artists.push({ id: paddedId('art', index, 4), name: artistName(random), genre: GENRES[genre] ?? 'pop', popularity: skewedPopularity(random) });
  }

  const tracks: TrackRecord[] = [];
  const artistOfTrack = new Int32Array(size.tracks);
  for (let index = 0; index < size.tracks; index += 1) {
    // Every artist gets at least one track; the rest go preferentially to popular artists.
    const artistIndex = index < size.artists ? index : Math.min(size.artists - 1, Math.floor(random.next() ** 1.5 * size.artists));
    const artist = artists[artistIndex] as ArtistRecord;
    artistOfTrack[index] = artistIndex;
    tracks.push({
      id: paddedId('trk', index, 5),
      title: trackTitle(random),
      artistId: artist.id,
      artistName: artist.name,
      explicit: explicitFlag(random, 0.14, 0.03),
      popularity: Math.min(1, 0.6 * artist.popularity + 0.4 * random.next()),
      recency: random.next(),
      availability: availability(random, 0.9),
    });
  }

  const tracksOfArtist: number[][] = artists.map(() => []);
  const tracksOfGenre: number[][] = GENRES.map(() => []);
  tracks.forEach((track, index) => {
    const artistIndex = artistOfTrack[index] ?? 0;
    tracksOfArtist[artistIndex]?.push(index);
    tracksOfGenre[genreOfArtist[artistIndex] ?? 0]?.push(index);
  });
  for (const list of tracksOfArtist) {
    list.sort((a, b) => (tracks[b]?.popularity ?? 0) - (tracks[a]?.popularity ?? 0) || a - b);
  }

  const neighbours = new Int32Array(size.tracks * NEIGHBOURS_PER_TRACK);
  const neighbourWeights = new Float32Array(size.tracks * NEIGHBOURS_PER_TRACK);
  for (let index = 0; index < size.tracks; index += 1) {
    const ownArtist = tracksOfArtist[artistOfTrack[index] ?? 0] ?? [];
    const ownGenre = tracksOfGenre[genreOfArtist[artistOfTrack[index] ?? 0] ?? 0] ?? [];
    const edges: { target: number; weight: number }[] = [];
    const chosen = new Set<number>([index]);
    for (let slot = 0; slot < NEIGHBOURS_PER_TRACK; slot += 1) {
      const draw = random.next();
      const pool = draw < 0.25 && ownArtist.length > 1 ? ownArtist : draw < 0.85 ? ownGenre : null;
      let target = pool === null ? random.below(size.tracks) : (pool[random.below(pool.length)] ?? 0);
      for (let attempt = 0; chosen.has(target) && attempt < 8; attempt += 1) {
        target = random.below(size.tracks);
      }
      chosen.add(target);
      edges.push({ target, weight: pool === null ? 0.1 + 0.3 * random.next() : 0.3 + 0.7 * random.next() });
    }
    edges.sort((a, b) => b.weight - a.weight || a.target - b.target);
    edges.forEach((edge, slot) => {
      neighbours[index * NEIGHBOURS_PER_TRACK + slot] = edge.target;
      neighbourWeights[index * NEIGHBOURS_PER_TRACK + slot] = edge.weight;
    });
  }

  const starArtist = (): ArtistRecord => artists[Math.floor(random.next() ** 2 * size.artists)] as ArtistRecord;

  const episodes: EpisodeRecord[] = [];
  for (let index = 0; index < size.episodes; index += 1) {
    const artist = starArtist();
    episodes.push({
      id: paddedId('epi', index, 4),
      title: `On ${artist.name}`,
      showTitle: showTitle(random),
      artistId: artist.id,
      explicit: explicitFlag(random, 0.1, 0.04),
      popularity: skewedPopularity(random),
      recency: random.next(),
      availability: availability(random, 0.8),
    });
  }

  const playlists: PlaylistRecord[] = [];
  for (let index = 0; index < size.playlists; index += 1) {
    const genre = random.below(GENRES.length);
    const pool = tracksOfGenre[genre] ?? [];
    const members = new Set<number>();
    const length = 15 + random.below(26);
    while (members.size < length && pool.length > 0) {
      members.add(random.next() < 0.85 ? (pool[random.below(pool.length)] ?? 0) : random.below(size.tracks));
    }
    playlists.push({
      id: paddedId('pl', index, 4),
      title: `${GENRES[genre] ?? 'pop'} ${random.pick(['mix', 'essentials', 'rising', 'deep cuts', 'radar'])}`,
      trackIds: [...members].map((trackIndex) => (tracks[trackIndex] as TrackRecord).id),
      explicit: explicitFlag(random, 0.06, 0.02),
      popularity: skewedPopularity(random),
      recency: random.next(),
      availability: availability(random, 0.95),
    });
  }

  const concerts: ConcertRecord[] = [];
  for (let index = 0; index < size.concerts; index += 1) {
    const artist = starArtist();
    concerts.push({
      id: paddedId('con', index, 4),
      artistId: artist.id,
      artistName: artist.name,
      venue: venueName(random),
      city: cityName(random),
      market: random.pick(CATALOG_MARKETS),
      daysAway: 1 + random.below(180),
      popularity: Math.min(1, 0.7 * artist.popularity + 0.3 * random.next()),
    });
  }

  const playlistsOfTrack = new Map<string, number[]>();
  playlists.forEach((playlist, playlistIndex) => {
    for (const trackId of playlist.trackIds) {
      const list = playlistsOfTrack.get(trackId);
      if (list === undefined) {
        playlistsOfTrack.set(trackId, [playlistIndex]);
      } else {
        list.push(playlistIndex);
      }
    }
  });

  return {
    seed,
    tracks,
    artists,
    episodes,
    playlists,
    concerts,
    genres: GENRES,
    trackIndex: indexOf(tracks),
    artistIndex: indexOf(artists),
    episodeIndex: indexOf(episodes),
    playlistIndex: indexOf(playlists),
    concertIndex: indexOf(concerts),
    neighboursPerTrack: NEIGHBOURS_PER_TRACK,
    neighbours,
    neighbourWeights,
    tracksOfArtist,
    tracksOfGenre,
    genreOfArtist,
    playlistsOfTrack,
  };
}

const generated = new Map<number, CatalogData>();

/** The default-size catalog for a seed, generated once per process: it is deterministic, so sharing is safe. */
export function sharedCatalog(seed: number = DEFAULT_CATALOG_SEED): CatalogData {
  let data = generated.get(seed);
  if (data === undefined) {
    data = generateCatalog(seed);
    generated.set(seed, data);
  }
  return data;
}
