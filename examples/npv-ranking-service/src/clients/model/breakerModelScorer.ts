import { ScoringError } from '../../core/errors.js';
import type { Clock, ModelScorerPort } from '../../core/ports.js';
import type { ModelFeatureRow } from '../../core/records.js';
import { BreakerOpenError } from '../../resilience/circuitBreaker.js';
import type { CircuitBreaker } from '../../resilience/circuitBreaker.js';

export type ModelCallOutcome = 'ok' | ScoringError['reason'];

export interface ModelInference {
  infer(rows: readonly ModelFeatureRow[], signal: AbortSignal): Promise<readonly number[]>;
}

export interface BreakerModelScorerOptions {
  readonly inference: ModelInference;
  /** Shared by every request; see CircuitBreaker. */
  readonly breaker: CircuitBreaker;
  readonly clock: Clock;
  readonly onCall?: (outcome: ModelCallOutcome, durationMs: number) => void;
}

/**
 * The model port: inference through the shared circuit breaker. Every failure leaves as a ScoringError
 * whose reason becomes the response's fallback reason.
 */
export function breakerModelScorer(options: BreakerModelScorerOptions): ModelScorerPort {
  const { inference, breaker, clock, onCall } = options;
  return {
    async score(rows, signal) {
      const startedAtMs = clock.now();
      try {
        const scores = await breaker.execute(() => inference.infer(rows, signal));
        onCall?.('ok', clock.now() - startedAtMs);
        return scores;
      } catch (error) {
        const failure =
          error instanceof ScoringError
            ? error
            : error instanceof BreakerOpenError
              ? new ScoringError('breaker_open', 'model calls are suspended after repeated failures')
              : new ScoringError('model_error', 'model call failed', { cause: error });
        onCall?.(failure.reason, clock.now() - startedAtMs);
        throw failure;
      }
    },
  };
}
