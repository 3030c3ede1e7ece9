import type { CandidateSource } from '../../core/components.js';
import type { CatalogPort } from '../../core/ports.js';
import type { NpvPipelineTypes } from '../../domain/pipelineTypes.js';
import { episodeCandidate } from './toCandidate.js';

/** Podcast episodes about the seed's artist or artists heard alongside it. */
export function episodesSource(catalog: CatalogPort, limit: number): CandidateSource<NpvPipelineTypes> {
  const name = 'episodes';
  return {
    name,
    async fetch({ request }, signal) {
      const episodes = await catalog.episodesForTrack(request.seedTrack.id, limit, signal);
      return episodes.map((episode) => episodeCandidate(name, 'about_artist', episode));
    },
  };
}
