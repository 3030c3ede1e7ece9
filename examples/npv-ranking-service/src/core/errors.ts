/** Why a model score could not be used; each value is a fallback reason the response reports. */
export const SCORING_FAILURE_REASONS = [
  'model_timeout',
  'model_error',
  'model_unavailable',
  'breaker_open',
  'deadline_exhausted',
] as const;

export type ScoringFailureReason = (typeof SCORING_FAILURE_REASONS)[number];

export class ScoringError extends Error {
  readonly reason: ScoringFailureReason;

  constructor(reason: ScoringFailureReason, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ScoringError';
    this.reason = reason;
  }
}
