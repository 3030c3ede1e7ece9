import type { ArtistRecord, ConcertRecord, EpisodeRecord, PlaylistRecord, TrackRecord } from '../../core/records.js';
import type { CardReason } from '../../domain/card.js';
import type { Candidate } from '../../domain/candidate.js';

/** Card ids name the source's reason and the entity, so the same entity from two sources differs. */
function cardId(reason: CardReason, entityId: string): string {
  return `${reason}:${entityId}`;
}

export function trackCandidate(source: string, reason: CardReason, track: TrackRecord): Candidate {
  return {
    entity: { kind: 'track', id: track.id },
    cardId: cardId(reason, track.id),
    source,
    reason,
    title: track.title,
    subtitle: track.artistName,
    artistId: track.artistId,
    explicit: track.explicit,
    availability: track.availability,
  };
}

export function artistCandidate(source: string, reason: CardReason, artist: ArtistRecord): Candidate {
  return {
    entity: { kind: 'artist', id: artist.id },
    cardId: cardId(reason, artist.id),
    source,
    reason,
    title: artist.name,
    subtitle: artist.genre,
    artistId: artist.id,
    // An artist page is not content of its own; what it links to is filtered where it is shown.
    explicit: false,
    availability: 'worldwide',
  };
}

export function episodeCandidate(source: string, reason: CardReason, episode: EpisodeRecord): Candidate {
  return {
    entity: { kind: 'episode', id: episode.id },
    cardId: cardId(reason, episode.id),
    source,
    reason,
    title: episode.title,
    subtitle: episode.showTitle,
    artistId: episode.artistId,
    explicit: episode.explicit,
    availability: episode.availability,
  };
}

export function playlistCandidate(source: string, reason: CardReason, playlist: PlaylistRecord): Candidate {
  return {
    entity: { kind: 'playlist', id: playlist.id },
    cardId: cardId(reason, playlist.id),
    source,
    reason,
    title: playlist.title,
    subtitle: `${playlist.trackIds.length} tracks`,
    explicit: playlist.explicit,
    availability: playlist.availability,
  };
}

export function concertCandidate(source: string, reason: CardReason, concert: ConcertRecord): Candidate {
  return {
    entity: { kind: 'concert', id: concert.id },
    cardId: cardId(reason, concert.id),
    source,
    reason,
    title: `${concert.artistName} live`,
    subtitle: `${concert.venue}, ${concert.city}`,
    artistId: concert.artistId,
    explicit: false,
    availability: [concert.market],
  };
}
