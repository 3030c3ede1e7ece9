import { randomUUID } from 'node:crypto';
import { TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify from 'fastify';
import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { CatalogData, EventSink, ModelMetadataSource } from '../clients/index.js';
import { breakerModelScorer, InMemoryCatalog, InMemoryFeatureStore, MemoryEventSink, ModelReadiness, NdjsonEventSink, OipClient, sharedCatalog, systemClock } from '../clients/index.js';
import type { ServiceConfig } from '../config/env.js';
import { DEFAULT_CONFIG } from '../config/env.js';
import { DEFAULT_RANKING_PARAMETERS } from '../domain/parameters.js';
import { createExperimentAssigner, NPV_EXPERIMENTS } from '../experiments/index.js';
import type { LogStream } from '../observability/logger.js';
import { loggerOptions } from '../observability/logger.js';
import { createServiceMetrics } from '../observability/metrics.js';
import { createPseudonymiser } from '../observability/pseudonymiser.js';
import { countingEventSink, observeEvents, observePipeline, trackBreakerState } from '../observability/serviceObservers.js';
import type { CatalogPort, Clock, FeatureStorePort, ModelScorerPort } from '../pipeline/index.js';
import { createNpvPipeline } from '../pipeline/index.js';
import { CircuitBreaker } from '../resilience/circuitBreaker.js';
import { registerErrorHandling } from './errorHandling.js';
import { cardsRoute } from './routes/cardsRoute.js';
import { operationsRoutes } from './routes/operationsRoutes.js';
import type { Readiness } from './routes/operationsRoutes.js';

/** A request body larger than this is refused with 413; a valid one is well under 1 KiB. */
export const BODY_LIMIT_BYTES = 16 * 1024;

export interface BreakerSettings {
  /** Consecutive model failures that open the breaker. Default 5. */
  readonly failureThreshold?: number;
  /** How long it stays open before one trial call. Default 5000. */
  readonly openDurationMs?: number;
}

/**
 * Everything buildApp can be given. Each port left out is built from the config: the synthetic
 * catalog and feature store, the OIP model client behind a circuit breaker, the event sink the config
 * names, the system clock, and stdout for logs.
 */
export interface BuildAppOptions {
  readonly config?: Partial<Omit<ServiceConfig, 'host' | 'port'>>;
  readonly catalog?: CatalogPort;
  readonly featureStore?: FeatureStorePort;
  /** Replaces the OIP client and breaker for scoring. */
  readonly modelScorer?: ModelScorerPort;
  /** Replaces the OIP client for the readiness check of the model contract. */
  readonly modelMetadata?: ModelMetadataSource;
  /** Flushed and closed when the app closes. */
  readonly eventSink?: EventSink;
  readonly clock?: Clock;
  readonly logStream?: LogStream;
  readonly breaker?: BreakerSettings;
  /** How often the model contract is re-checked for /readyz. Default 5000. */
  readonly readinessIntervalMs?: number;
}

export type NpvApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/**
 * The composition root: the one place that chooses implementations for every port and wires them into
 * the pipeline and the routes. Builds the app without listening.
 */
export function buildApp(options: BuildAppOptions = {}): NpvApp {
  const config: ServiceConfig = { ...DEFAULT_CONFIG, ...options.config };
  const clock = options.clock ?? systemClock;
  const metrics = createServiceMetrics();

  const app = Fastify({
    logger: loggerOptions(config.logLevel, options.logStream),
    bodyLimit: BODY_LIMIT_BYTES,
    genReqId: () => randomUUID(),
  })
    .withTypeProvider<TypeBoxTypeProvider>()
    .setValidatorCompiler(TypeBoxValidatorCompiler);

  let catalogData: CatalogData | undefined;
  const catalogDataOnce = (): CatalogData => (catalogData ??= sharedCatalog());
  let oipClient: OipClient | undefined;
  const oipClientOnce = (): OipClient => (oipClient ??= new OipClient({ baseUrl: config.modelUrl }));

  const catalog = options.catalog ?? new InMemoryCatalog(catalogDataOnce());
  const featureStore = options.featureStore ?? new InMemoryFeatureStore(catalogDataOnce());

  const breaker = new CircuitBreaker({
    failureThreshold: options.breaker?.failureThreshold ?? 5,
    openDurationMs: options.breaker?.openDurationMs ?? 5_000,
    clock,
    onStateChange: trackBreakerState(metrics),
  });
  const modelScorer =
    options.modelScorer ??
    breakerModelScorer({
      inference: oipClientOnce(),
      breaker,
      clock,
      onCall: (outcome, durationMs) => metrics.modelCallDuration.observe({ outcome }, durationMs / 1000),
    });

  const eventCounters = observeEvents(metrics, (error) => app.log.error({ err: error }, 'event sink could not store events'));
  const eventSink: EventSink =
    options.eventSink ??
    (config.events.kind === 'memory'
      ? new MemoryEventSink(eventCounters)
      : new NdjsonEventSink({ path: config.events.path, observer: eventCounters }));

  const pipeline = createNpvPipeline(
    {
      catalog,
      featureStore,
      modelScorer,
      eventSink: options.eventSink === undefined ? eventSink : countingEventSink(eventSink, metrics),
      clock,
      experiments: createExperimentAssigner(NPV_EXPERIMENTS, DEFAULT_RANKING_PARAMETERS),
      pseudonymiser: createPseudonymiser(config.pseudonymKey),
      observer: observePipeline(metrics),
    },
    { requestBudgetMs: config.requestBudgetMs, modelTimeoutMs: config.modelTimeoutMs },
  );

  const modelReadiness = new ModelReadiness({
    source: options.modelMetadata ?? oipClientOnce(),
    intervalMs: options.readinessIntervalMs ?? 5_000,
    timeoutMs: 1_000,
  });
  const readiness = (): Readiness => {
    if (!catalog.isLoaded()) {
      return { ready: false, reason: 'catalog_not_loaded', message: 'the catalog is not loaded' };
    }
    return modelReadiness.current();
  };

  // Only JSON is accepted; without this, text/plain bodies would reach validation instead of a 415.
  app.removeContentTypeParser('text/plain');
  registerErrorHandling(app);

  // Every answer, errors included, names its request, so a client report can be matched to the logs.
  app.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    metrics.requestDuration.observe(
      { route: request.routeOptions.url ?? 'unmatched', method: request.method, status_code: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
  app.addHook('onReady', async () => {
    await modelReadiness.refresh();
    modelReadiness.start();
  });
  // Runs after the server stopped accepting requests, so every event of every answered request is
  // already in the sink and gets written.
  app.addHook('onClose', async () => {
    modelReadiness.stop();
    await eventSink.close();
    await oipClient?.close();
  });

  void app.register(cardsRoute, { pipeline, now: () => clock.now() });
  void app.register(operationsRoutes, {
    readiness,
    metrics: async () => ({ contentType: metrics.registry.contentType, text: await metrics.registry.metrics() }),
  });
  return app;
}
