import type { CatalogPort, ExperimentAssignerPort, PipelineObserver, PseudonymiserPort } from '../core/ports.js';
import type { TrackRecord } from '../core/records.js';
import { silentObserver } from '../core/ports.js';
import { Deadline } from '../core/deadline.js';
import { runPipeline, untilAborted } from '../core/runner/index.js';
import { toCards } from '../domain/cards.js';
import type { RankingParameters } from '../domain/parameters.js';
import type { NpvRequest } from '../domain/pipelineTypes.js';
import type { Ingress, NpvQuery } from '../domain/query.js';
import type { NpvRanking } from '../domain/ranking.js';
import { ServiceError } from '../domain/serviceErrors.js';
import { fallbackReasonOf, scoreSourceOf } from '../domain/ranking.js';
import type { NpvPipelineComponentsPorts } from './npvPipelineDefinition.js';
import { npvPipelineDefinition } from './npvPipelineDefinition.js';

export interface NpvPipelinePorts extends NpvPipelineComponentsPorts {
  readonly experiments: ExperimentAssignerPort<RankingParameters>;
  readonly pseudonymiser: PseudonymiserPort;
  readonly observer?: PipelineObserver;
}

export interface NpvPipelineSettings {
  /** The whole request, from arrival to decided response. */
  readonly requestBudgetMs: number;
  readonly modelTimeoutMs: number;
}

export interface NpvPipeline {
  /** Ranks cards for one request; rejects with a ServiceError for a seed track the catalog lacks. */
  rank(query: NpvQuery, ingress: Ingress): Promise<NpvRanking>;
}

/** The budget for finding the seed track; the catalog is local, a slow answer means something is wrong. */
const SEED_LOOKUP_TIMEOUT_MS = 10;

/** The seed track, or undefined if the catalog lacks it; a catalog that fails or is late is a 503. */
async function findSeedTrack(catalog: CatalogPort, trackId: string, deadline: Deadline): Promise<TrackRecord | undefined> {
  const scope = deadline.child(SEED_LOOKUP_TIMEOUT_MS);
  try {
    return await untilAborted(catalog.findTrack(trackId, scope.signal), scope.signal, 'seedTrack');
  } catch {
    throw new ServiceError('catalog_unavailable', 'the catalog failed or did not answer in time');
  } finally {
    scope.release();
  }
}

/** Built once per app: components, breaker-backed model port and experiment registry are shared. */
export function createNpvPipeline(ports: NpvPipelinePorts, settings: NpvPipelineSettings): NpvPipeline {
  const definition = npvPipelineDefinition(ports, settings.modelTimeoutMs);
  const observer = ports.observer ?? silentObserver;

  return {
    async rank(query, ingress) {
      const deadline = Deadline.fromStart(ports.clock, ingress.receivedAtMs, settings.requestBudgetMs, ingress.signal);
      const seedTrack = await findSeedTrack(ports.catalog, query.trackId, deadline);
      if (seedTrack === undefined) {
        throw new ServiceError('track_not_found', `track ${query.trackId} is not in the catalog`);
      }
      const assignment = ports.experiments.assign(query.listenerId);
      const request: NpvRequest = {
        requestId: ingress.requestId,
        query,
        seedTrack,
        listenerPseudonym: ports.pseudonymiser.pseudonymise(query.listenerId),
        parameters: assignment.parameters,
        experiments: assignment.exposures,
      };

      const outcome = await runPipeline(definition, { request, deadline }, observer);
      const fallbackReason = fallbackReasonOf(outcome.scoring);
      return {
        requestId: ingress.requestId,
        cards: toCards(outcome.selected),
        scoreSource: scoreSourceOf(outcome.scoring),
        ...(fallbackReason === undefined ? {} : { fallbackReason }),
        experiments: assignment.exposures,
        listenerPseudonym: request.listenerPseudonym,
      };
    },
  };
}
