import type { EventSinkPort, PipelineObserver, SourceOutcome } from '../core/ports.js';
import type { EventRecord } from '../core/records.js';
import type { ServiceMetrics } from './metrics.js';
import { BREAKER_STATE_VALUES } from './metrics.js';

/** Pipeline self-reports turned into metrics. */
export function observePipeline(metrics: ServiceMetrics): PipelineObserver {
  return {
    sourceFinished: (source: string, outcome: SourceOutcome) => metrics.sourceOutcomes.inc({ source, outcome }),
    stageFailed: (stage: string, component: string) => metrics.stageFailures.inc({ stage, component }),
    scoringFellBack: (reason: string) => metrics.fallbacks.inc({ reason }),
  };
}

export interface EventCounters {
  emitted(type: string): void;
  dropped(type: string, reason: string, count: number): void;
  failed(error: unknown): void;
}

/** Event sink outcomes turned into metrics; storage failures go to `reportFailure` (the app's log). */
export function observeEvents(metrics: ServiceMetrics, reportFailure: (error: unknown) => void): EventCounters {
  return {
    emitted: (type) => metrics.eventsEmitted.inc({ type }),
    dropped: (type, reason, count) => metrics.eventsDropped.inc({ type, reason }, count),
    failed: reportFailure,
  };
}

/** Counts events for a sink the app did not build (and so could not hand its counters to). */
export function countingEventSink(inner: EventSinkPort, metrics: ServiceMetrics): EventSinkPort {
  return {
    emit(event: EventRecord): void {
      try {
        inner.emit(event);
        metrics.eventsEmitted.inc({ type: event.type });
      } catch {
        metrics.eventsDropped.inc({ type: event.type, reason: 'emit_failed' });
      }
    },
  };
}

export function trackBreakerState(metrics: ServiceMetrics): (state: keyof typeof BREAKER_STATE_VALUES) => void {
  return (state) => metrics.breakerState.set(BREAKER_STATE_VALUES[state]);
}
