import { candidateFeaturesHydrator } from '../components/hydrators/candidateFeaturesHydrator.js';
import { listenerFeaturesHydrator } from '../components/hydrators/listenerFeaturesHydrator.js';
import { alreadyPlayedFilter } from '../components/filters/alreadyPlayedFilter.js';
import { explicitContentFilter } from '../components/filters/explicitContentFilter.js';
import { marketFilter } from '../components/filters/marketFilter.js';
import { heuristicScorer } from '../components/scorers/heuristicScorer.js';
import { modelScorer } from '../components/scorers/modelScorer.js';
import { preScorer } from '../components/scorers/preScorer.js';
import { diversitySelector } from '../components/selectors/diversitySelector.js';
import { rankByScore } from '../components/selectors/rankByScore.js';
import { topKSelector } from '../components/selectors/topKSelector.js';
import { exposureEvent } from '../components/sideEffects/exposureEvent.js';
import { servedEvent } from '../components/sideEffects/servedEvent.js';
import { concertsSource } from '../components/sources/concertsSource.js';
import { episodesSource } from '../components/sources/episodesSource.js';
import { playlistsSource } from '../components/sources/playlistsSource.js';
import { relatedTracksSource } from '../components/sources/relatedTracksSource.js';
import { sameArtistSource } from '../components/sources/sameArtistSource.js';
import { ScoringError } from '../core/errors.js';
import type { CatalogPort, Clock, EventSinkPort, FeatureStorePort, ModelScorerPort } from '../core/ports.js';
import type { PipelineDefinition } from '../core/runner/index.js';
import { StageTimeoutError } from '../core/runner/index.js';
import { entityKeyOf } from '../domain/candidate.js';
import { PRE_RANK_KEEP } from '../domain/parameters.js';
import type { NpvPipelineTypes } from '../domain/pipelineTypes.js';
import type { FallbackReason } from '../domain/ranking.js';

export interface NpvPipelineComponentsPorts {
  readonly catalog: CatalogPort;
  readonly featureStore: FeatureStorePort;
  readonly modelScorer: ModelScorerPort;
  readonly eventSink: EventSinkPort;
  readonly clock: Clock;
}

/**
 * Per-stage waits, in milliseconds. Each is also capped by what is left of the request deadline; they
 * leave room for the model call inside the default 45 ms request budget.
 */
export const STAGE_TIMEOUTS_MS = {
  listenerFeatures: 10,
  source: 10,
  candidateFeatures: 8,
} as const;

/** Below this much remaining budget the model is skipped: its answer could not arrive in time. */
export const MINIMUM_MODEL_BUDGET_MS = 2;

export function failureReason(error: unknown): FallbackReason {
  if (error instanceof ScoringError) {
    return error.reason;
  }
  return error instanceof StageTimeoutError ? 'model_timeout' : 'model_error';
}

/**
 * The Now Playing View pipeline as configuration. Order matters: the explicit filter runs before
 * anything is scored or cut, and fails closed; the already-played filter is a nicety and fails open;
 * the market filter is a licensing rule and fails closed.
 */
export function npvPipelineDefinition(
  ports: NpvPipelineComponentsPorts,
  modelTimeoutMs: number,
): PipelineDefinition<NpvPipelineTypes> {
  return {
    requestHydrator: { hydrator: listenerFeaturesHydrator(ports.featureStore), timeoutMs: STAGE_TIMEOUTS_MS.listenerFeatures },
    sources: [
      { source: relatedTracksSource(ports.catalog, 60), timeoutMs: STAGE_TIMEOUTS_MS.source },
      { source: sameArtistSource(ports.catalog, 20), timeoutMs: STAGE_TIMEOUTS_MS.source },
      { source: episodesSource(ports.catalog, 15), timeoutMs: STAGE_TIMEOUTS_MS.source },
      { source: playlistsSource(ports.catalog, 20), timeoutMs: STAGE_TIMEOUTS_MS.source },
      { source: concertsSource(ports.catalog, 10), timeoutMs: STAGE_TIMEOUTS_MS.source },
    ],
    entityKey: entityKeyOf,
    filters: [
      { filter: explicitContentFilter(), onError: 'fail-closed' },
      { filter: alreadyPlayedFilter(), onError: 'fail-open' },
      { filter: marketFilter(), onError: 'fail-closed' },
    ],
    hydration: { hydrator: candidateFeaturesHydrator(ports.featureStore), timeoutMs: STAGE_TIMEOUTS_MS.candidateFeatures },
    hydratedKey: entityKeyOf,
    preRanking: {
      scorer: preScorer(),
      keep: PRE_RANK_KEEP,
      attach: (candidate, preScore) => ({ ...candidate, preScore }),
    },
    scoring: {
      primary: modelScorer(ports.modelScorer, { timeoutMs: modelTimeoutMs, minimumBudgetMs: MINIMUM_MODEL_BUDGET_MS }),
      fallback: heuristicScorer(),
      failureReason,
    },
    selectors: [rankByScore(), diversitySelector(), topKSelector()],
    sideEffects: [exposureEvent(ports.eventSink, ports.clock), servedEvent(ports.eventSink, ports.clock)],
  };
}
