import type { CandidateSource } from '../../core/components.js';
import type { CatalogPort } from '../../core/ports.js';
import type { Candidate } from '../../domain/candidate.js';
import type { NpvPipelineTypes } from '../../domain/pipelineTypes.js';
import { artistCandidate, trackCandidate } from './toCandidate.js';

/** The seed's artist as a card, and that artist's other tracks. */
export function sameArtistSource(catalog: CatalogPort, limit: number): CandidateSource<NpvPipelineTypes> {
  const name = 'sameArtist';
  return {
    name,
    async fetch({ request }, signal) {
      const { seedTrack } = request;
      const [artist, tracks] = await Promise.all([
        catalog.findArtist(seedTrack.artistId, signal),
        catalog.tracksByArtist(seedTrack.artistId, limit, signal),
      ]);
      const candidates: Candidate[] = artist === undefined ? [] : [artistCandidate(name, 'artist_of_track', artist)];
      for (const track of tracks) {
        if (track.id !== seedTrack.id) {
          candidates.push(trackCandidate(name, 'same_artist', track));
        }
      }
      return candidates;
    },
  };
}
