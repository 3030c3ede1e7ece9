import type { PipelineTypes } from '../core/components.js';
import type { ExperimentExposure, ListenerFeatures, TrackRecord } from '../core/records.js';
import type { Candidate, HydratedCandidate } from './candidate.js';
import type { RankingParameters } from './parameters.js';
import type { NpvQuery } from './query.js';

/** Everything known about an NPV request before candidates are gathered. */
export interface NpvRequest {
  readonly requestId: string;
  readonly query: NpvQuery;
  readonly seedTrack: TrackRecord;
  readonly listenerPseudonym: string;
  readonly parameters: RankingParameters;
  readonly experiments: readonly ExperimentExposure[];
}

export interface NpvPipelineTypes extends PipelineTypes {
  readonly request: NpvRequest;
  readonly requestFeatures: ListenerFeatures;
  readonly candidate: Candidate;
  readonly hydrated: HydratedCandidate;
}
