import type {
  CandidateFilter,
  CandidateHydrator,
  CandidateScorer,
  CandidateSelector,
  CandidateSource,
  PipelineTypes,
  RequestHydrator,
  SideEffect,
} from '../components.js';

/**
 * What a stage does when its component throws: `fail-open` lets every candidate through untouched,
 * `fail-closed` removes them all. Safety filters fail closed, convenience filters fail open.
 */
export type FilterFailurePolicy = 'fail-open' | 'fail-closed';

export interface SourceStage<T extends PipelineTypes> {
  readonly source: CandidateSource<T>;
  /** A source slower than this (or than the request deadline) is dropped, not awaited. */
  readonly timeoutMs: number;
}

export interface FilterStage<T extends PipelineTypes, Candidate> {
  readonly filter: CandidateFilter<T, Candidate>;
  readonly onError: FilterFailurePolicy;
}

/** A ranking pipeline as data: which components run, in what order, and how each stage fails. */
export interface PipelineDefinition<T extends PipelineTypes> {
  readonly requestHydrator: { readonly hydrator: RequestHydrator<T>; readonly timeoutMs: number };
  readonly sources: readonly SourceStage<T>[];
  /** Identity used to merge candidates from several sources: one candidate per entity. */
  readonly entityKey: (candidate: T['candidate']) => string;
  readonly filters: readonly FilterStage<T, T['candidate']>[];
  /** Runs once for the whole batch; fails open to each candidate's neutral features. */
  readonly hydration: { readonly hydrator: CandidateHydrator<T>; readonly timeoutMs: number };
  readonly hydratedKey: (candidate: T['hydrated']) => string;
  /** A cheap score that bounds how many candidates reach the expensive scorer. */
  readonly preRanking: {
    readonly scorer: CandidateScorer<T>;
    readonly keep: number;
    readonly attach: (candidate: T['hydrated'], preScore: number) => T['hydrated'];
  };
  readonly scoring: {
    readonly primary: CandidateScorer<T>;
    /** Used when the primary scorer fails or breaks its contract; must not fail itself. */
    readonly fallback: CandidateScorer<T>;
    readonly failureReason: (error: unknown) => string;
  };
  readonly selectors: readonly CandidateSelector<T>[];
  readonly sideEffects: readonly SideEffect<T>[];
}
