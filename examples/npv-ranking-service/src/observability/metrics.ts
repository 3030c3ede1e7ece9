import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Latency buckets in seconds, dense around the 50 ms budget. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.015, 0.02, 0.03, 0.045, 0.05, 0.075, 0.1, 0.25, 1];

export const BREAKER_STATE_VALUES = { closed: 0, half_open: 1, open: 2 } as const;

/**
 * The service's metrics on a registry of its own (never prom-client's global one), so two apps in one
 * process do not share counters. Labels are bounded sets: route templates, reasons, states; never ids.
 */
export interface ServiceMetrics {
  readonly registry: Registry;
  readonly requestDuration: Histogram<'route' | 'method' | 'status_code'>;
  readonly modelCallDuration: Histogram<'outcome'>;
  readonly fallbacks: Counter<'reason'>;
  readonly breakerState: Gauge;
  readonly eventsEmitted: Counter<'type'>;
  readonly eventsDropped: Counter<'type' | 'reason'>;
  readonly sourceOutcomes: Counter<'source' | 'outcome'>;
  readonly stageFailures: Counter<'stage' | 'component'>;
}

export function createServiceMetrics(): ServiceMetrics {
  const registry = new Registry();
  const metrics: ServiceMetrics = {
    registry,
    requestDuration: new Histogram({
      name: 'npv_http_request_duration_seconds',
      help: 'HTTP request latency by route template, method and status code.',
      labelNames: ['route', 'method', 'status_code'],
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
    modelCallDuration: new Histogram({
      name: 'npv_model_call_duration_seconds',
      help: 'Model server inference latency by outcome.',
      labelNames: ['outcome'],
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
    fallbacks: new Counter({
      name: 'npv_scoring_fallbacks_total',
      help: 'Requests scored by the heuristic instead of the model, by reason.',
      labelNames: ['reason'],
      registers: [registry],
    }),
    breakerState: new Gauge({
      name: 'npv_model_breaker_state',
      help: 'Model circuit breaker state: 0 closed, 1 half open, 2 open.',
      registers: [registry],
    }),
    eventsEmitted: new Counter({
      name: 'npv_events_emitted_total',
      help: 'Events accepted by the event sink, by type.',
      labelNames: ['type'],
      registers: [registry],
    }),
    eventsDropped: new Counter({
      name: 'npv_events_dropped_total',
      help: 'Events the event sink could not keep, by type and reason.',
      labelNames: ['type', 'reason'],
      registers: [registry],
    }),
    sourceOutcomes: new Counter({
      name: 'npv_candidate_source_outcomes_total',
      help: 'Candidate source calls by source and outcome (ok, timeout, error).',
      labelNames: ['source', 'outcome'],
      registers: [registry],
    }),
    stageFailures: new Counter({
      name: 'npv_pipeline_stage_failures_total',
      help: 'Pipeline components that failed and were handled by their stage policy.',
      labelNames: ['stage', 'component'],
      registers: [registry],
    }),
  };
  metrics.breakerState.set(BREAKER_STATE_VALUES.closed);
  return metrics;
}
