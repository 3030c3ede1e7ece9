import type { Deadline } from './deadline.js';

/**
 * The component interfaces of a ranking pipeline, generic over the types one pipeline works with so
 * that core stays free of any product's domain.
 */
export interface PipelineTypes {
  /** Everything known when the request starts: the query, experiment parameters, pseudonyms. */
  readonly request: unknown;
  /** Features of the request fetched alongside the sources (for a listener: history, affinities). */
  readonly requestFeatures: unknown;
  readonly candidate: unknown;
  /** A candidate with its features, ready to be scored. */
  readonly hydrated: unknown;
}

export interface SourceContext<T extends PipelineTypes> {
  readonly request: T['request'];
  readonly deadline: Deadline;
}

export interface StageContext<T extends PipelineTypes> extends SourceContext<T> {
  readonly requestFeatures: T['requestFeatures'];
}

export interface RequestHydrator<T extends PipelineTypes> {
  readonly name: string;
  hydrate(context: SourceContext<T>, signal: AbortSignal): Promise<T['requestFeatures']>;
  /** What to use when hydration fails or is too slow: the pipeline goes on without it. */
  fallback(context: SourceContext<T>): T['requestFeatures'];
}

export interface CandidateSource<T extends PipelineTypes> {
  readonly name: string;
  fetch(context: SourceContext<T>, signal: AbortSignal): Promise<readonly T['candidate'][]>;
}

export interface RemovedCandidate<Candidate> {
  readonly candidate: Candidate;
  readonly reason: string;
}

/** A filter keeps the input order and says why it removed each candidate. */
export interface FilterResult<Candidate> {
  readonly kept: readonly Candidate[];
  readonly removed: readonly RemovedCandidate<Candidate>[];
}

export interface CandidateFilter<T extends PipelineTypes, Candidate = T['candidate']> {
  readonly name: string;
  apply(context: StageContext<T>, candidates: readonly Candidate[]): FilterResult<Candidate>;
}

export interface CandidateHydrator<T extends PipelineTypes> {
  readonly name: string;
  /** One call for the whole batch; answers one hydrated candidate per input, in the same order. */
  hydrate(
    context: StageContext<T>,
    candidates: readonly T['candidate'][],
    signal: AbortSignal,
  ): Promise<readonly T['hydrated'][]>;
  /** Neutral features for a candidate when hydration fails, so ranking can still go on. */
  fallback(context: StageContext<T>, candidate: T['candidate']): T['hydrated'];
}

export interface CandidateScorer<T extends PipelineTypes> {
  readonly name: string;
  /** Exactly one score per candidate, in the same order: a scorer never drops or reorders. */
  score(context: StageContext<T>, candidates: readonly T['hydrated'][], signal: AbortSignal): Promise<readonly number[]>;
}

export interface ScoredCandidate<Hydrated> {
  readonly candidate: Hydrated;
  readonly score: number;
}

/** Selectors are the only stage allowed to reorder candidates. */
export interface CandidateSelector<T extends PipelineTypes> {
  readonly name: string;
  select(context: StageContext<T>, ranked: readonly ScoredCandidate<T['hydrated']>[]): readonly ScoredCandidate<T['hydrated']>[];
}

export interface ScoringOutcome {
  readonly usedFallback: boolean;
  readonly fallbackReason?: string;
}

export interface PipelineOutcome<T extends PipelineTypes> {
  readonly selected: readonly ScoredCandidate<T['hydrated']>[];
  readonly scoring: ScoringOutcome;
}

/** Runs after the response is decided; must not throw and must not make the response wait. */
export interface SideEffect<T extends PipelineTypes> {
  readonly name: string;
  fire(context: StageContext<T>, outcome: PipelineOutcome<T>): void;
}
