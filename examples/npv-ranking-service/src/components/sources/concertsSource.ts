import type { CandidateSource } from '../../core/components.js';
import type { CatalogPort } from '../../core/ports.js';
import type { NpvPipelineTypes } from '../../domain/pipelineTypes.js';
import { concertCandidate } from './toCandidate.js';

/** Upcoming concerts in the listener's market by the seed's artist or related artists. */
export function concertsSource(catalog: CatalogPort, limit: number): CandidateSource<NpvPipelineTypes> {
  const name = 'concerts';
  return {
    name,
    async fetch({ request }, signal) {
      const concerts = await catalog.concertsForTrack(request.seedTrack.id, request.query.market, limit, signal);
      return concerts.map((concert) => concertCandidate(name, 'live_nearby', concert));
    },
  };
}
