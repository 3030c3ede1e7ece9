import { seededRandom } from '../../src/faults/random.js';

/** The contract's feature order; the model's input tensor lists exactly these names. */
export const FEATURE_NAMES = [
  'popularity',
  'artist_affinity',
  'co_listen_strength',
  'same_artist_as_seed',
  'kind_track',
  'kind_artist',
  'kind_episode',
  'kind_playlist',
  'kind_concert',
  'recency',
  'history_overlap',
  'pre_score',
] as const;

export const FEATURE_COUNT = FEATURE_NAMES.length;

const KINDS = [
  { feature: 4, share: 0.5, bonus: 0.3 },
  { feature: 5, share: 0.12, bonus: 0 },
  { feature: 6, share: 0.13, bonus: -0.4 },
  { feature: 7, share: 0.15, bonus: 0.1 },
  { feature: 8, share: 0.1, bonus: -0.2 },
] as const;

/**
 * The known rule the model has to learn: relevance rises with co-listening and artist affinity,
 * falls with overlap of the listener's recent history; popularity, recency, same artist and kind
 * matter a little. pre_score is a noisy summary of the first features and adds no information.
 */
export function relevanceLogit(row: ArrayLike<number>): number {
  const kindBonus = KINDS.reduce((sum, kind) => sum + kind.bonus * row[kind.feature]!, 0);
  return (
    -1.2 +
    2.8 * row[2]! +
    2.2 * row[1]! -
    3.0 * row[10]! +
    0.8 * row[0]! +
    0.6 * row[9]! +
    0.5 * row[3]! +
    kindBonus
  );
}

export function sigmoid(value: number): number {
  return 1 / (1 + Math.exp(-value));
}

export interface SyntheticExamples {
  count: number;
  /** Row-major, FEATURE_COUNT values per example. */
  features: Float64Array;
  /** 0/1 labels drawn from the rule's probability. */
  labels: Float64Array;
  /** The rule's probability for each example, for measuring how well a model recovers it. */
  probabilities: Float64Array;
}

/** Draws candidates that look like the service's: one-hot kinds, skewed affinities, a noisy pre-score. */
export function generateExamples(count: number, seed: number): SyntheticExamples {
  const random = seededRandom(seed);
  const features = new Float64Array(count * FEATURE_COUNT);
  const labels = new Float64Array(count);
  const probabilities = new Float64Array(count);
  for (let example = 0; example < count; example += 1) {
    const row = features.subarray(example * FEATURE_COUNT, (example + 1) * FEATURE_COUNT);
    let pick = random();
    const kind = KINDS.find((candidate) => (pick -= candidate.share) < 0) ?? KINDS[0];
    const isTrackLike = kind.feature === 4 || kind.feature === 5;
    row[0] = random() ** 0.7;
    row[1] = random() ** 2;
    row[2] = isTrackLike ? random() ** 1.5 : 0.4 * random() ** 2;
    row[3] = isTrackLike && random() < 0.15 ? 1 : 0;
    row[kind.feature] = 1;
    row[9] = random();
    row[10] = random() ** 2;
    const heuristic = 0.4 * row[0]! + 0.3 * row[1]! + 0.3 * row[2]! + 0.1 * (random() - 0.5);
    row[11] = Math.min(1, Math.max(0, heuristic));
    const probability = sigmoid(relevanceLogit(row));
    probabilities[example] = probability;
    labels[example] = random() < probability ? 1 : 0;
  }
  return { count, features, labels, probabilities };
}
