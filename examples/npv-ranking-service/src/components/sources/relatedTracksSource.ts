import type { CandidateSource } from '../../core/components.js';
import type { CatalogPort } from '../../core/ports.js';
import type { NpvPipelineTypes } from '../../domain/pipelineTypes.js';
import { trackCandidate } from './toCandidate.js';

/** Tracks listened to together with the seed, from the co-listen graph. */
export function relatedTracksSource(catalog: CatalogPort, limit: number): CandidateSource<NpvPipelineTypes> {
  const name = 'relatedTracks';
  return {
    name,
    async fetch({ request }, signal) {
      const tracks = await catalog.relatedTracks(request.seedTrack.id, limit, signal);
      return tracks
        .filter((track) => track.id !== request.seedTrack.id)
        .map((track) => trackCandidate(name, 'listened_together', track));
    },
  };
}
