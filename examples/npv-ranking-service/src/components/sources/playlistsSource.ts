import type { CandidateSource } from '../../core/components.js';
import type { CatalogPort } from '../../core/ports.js';
import type { NpvPipelineTypes } from '../../domain/pipelineTypes.js';
import { playlistCandidate } from './toCandidate.js';

/** Playlists that contain the seed track. */
export function playlistsSource(catalog: CatalogPort, limit: number): CandidateSource<NpvPipelineTypes> {
  const name = 'playlists';
  return {
    name,
    async fetch({ request }, signal) {
      const playlists = await catalog.playlistsWithTrack(request.seedTrack.id, limit, signal);
      return playlists.map((playlist) => playlistCandidate(name, 'features_track', playlist));
    },
  };
}
