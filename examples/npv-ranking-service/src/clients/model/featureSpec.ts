import type { ModelFeatureRow } from '../../core/records.js';

/**
 * The service's side of the model contract, declared once. The OIP request is built from this list,
 * and readiness compares it with the model server's metadata: a mismatch in any field keeps the
 * service out of rotation instead of scoring with features in the wrong slots.
 */
export interface FeatureDefinition {
  readonly name: string;
  readonly read: (row: ModelFeatureRow) => number;
}

const flag = (value: boolean): number => (value ? 1 : 0);

export const MODEL_NAME = 'npv-ranker';
export const MODEL_VERSION = '1';
export const INPUT_NAME = 'features';
export const OUTPUT_NAME = 'scores';
export const TENSOR_DATATYPE = 'FP32';

export const FEATURES: readonly FeatureDefinition[] = [
  { name: 'popularity', read: (row) => row.popularity },
  { name: 'artist_affinity', read: (row) => row.artistAffinity },
  { name: 'co_listen_strength', read: (row) => row.coListenStrength },
  { name: 'same_artist_as_seed', read: (row) => flag(row.sameArtistAsSeed) },
  { name: 'kind_track', read: (row) => flag(row.kind === 'track') },
  { name: 'kind_artist', read: (row) => flag(row.kind === 'artist') },
  { name: 'kind_episode', read: (row) => flag(row.kind === 'episode') },
  { name: 'kind_playlist', read: (row) => flag(row.kind === 'playlist') },
  { name: 'kind_concert', read: (row) => flag(row.kind === 'concert') },
  { name: 'recency', read: (row) => row.recency },
  { name: 'history_overlap', read: (row) => row.historyOverlap },
  { name: 'pre_score', read: (row) => row.preScore },
];

export const FEATURE_NAMES: readonly string[] = FEATURES.map((feature) => feature.name);

/** The input tensor's shape as metadata declares it: any number of rows, one column per feature. */
export const INPUT_SHAPE: readonly number[] = [-1, FEATURES.length];
export const OUTPUT_SHAPE: readonly number[] = [-1];

/** Row-major tensor data for a batch, in contract feature order. */
export function toTensorData(rows: readonly ModelFeatureRow[]): number[] {
  const data = new Array<number>(rows.length * FEATURES.length);
  rows.forEach((row, rowIndex) => {
    FEATURES.forEach((feature, column) => {
      data[rowIndex * FEATURES.length + column] = feature.read(row);
    });
  });
  return data;
}
