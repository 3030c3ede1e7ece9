import { fileURLToPath } from 'node:url';
import { parseModelFile } from '../../src/model/load-model.js';
import { predict } from '../../src/model/forward.js';
import { seededRandom } from '../../src/faults/random.js';
import type { ModelFile } from '../../src/model/types.js';
import { FEATURE_COUNT, FEATURE_NAMES, generateExamples, type SyntheticExamples } from './synthetic-data.js';

/** Where the shipped model lives; scripts/train.ts writes it. */
export const MODEL_FILE = fileURLToPath(new URL('../../models/npv-ranker/model.json', import.meta.url));

export function serializeModelFile(file: ModelFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}

export interface TrainingOptions {
  seed: number;
  examples: number;
  holdoutExamples: number;
  epochs: number;
  hiddenUnits: number;
  batchSize: number;
  learningRate: number;
}

export const DEFAULT_TRAINING: TrainingOptions = {
  seed: 20_240_601,
  examples: 20_000,
  holdoutExamples: 5_000,
  epochs: 30,
  hiddenUnits: 8,
  batchSize: 64,
  learningRate: 0.01,
};

export interface HoldoutMetrics {
  logLoss: number;
  /** The log loss of the rule's own probabilities: the best any model can do on these labels. */
  ruleLogLoss: number;
  auc: number;
  meanAbsoluteErrorToRule: number;
}

export interface TrainingResult {
  file: ModelFile;
  holdout: HoldoutMetrics;
}

/** A 12 → hidden (ReLU) → 1 (sigmoid) network trained with Adam on binary cross-entropy, all in float64. */
class Network {
  readonly hidden: number;
  /** Layout: hidden×inputs first-layer weights, hidden biases, hidden output weights, one output bias. */
  readonly parameters: Float64Array;
  private readonly activations: Float64Array;

  constructor(hidden: number, random: () => number) {
    this.hidden = hidden;
    this.parameters = new Float64Array(hidden * FEATURE_COUNT + hidden + hidden + 1);
    this.activations = new Float64Array(hidden);
    const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    const firstScale = Math.sqrt(2 / FEATURE_COUNT);
    for (let index = 0; index < hidden * FEATURE_COUNT; index += 1) this.parameters[index] = gaussian() * firstScale;
    // Small positive biases keep ReLU units alive at the start.
    for (let unit = 0; unit < hidden; unit += 1) this.parameters[this.biasOffset + unit] = 0.1;
    for (let unit = 0; unit < hidden; unit += 1) this.parameters[this.outputOffset + unit] = gaussian() * Math.sqrt(1 / hidden);
  }

  get biasOffset(): number {
    return this.hidden * FEATURE_COUNT;
  }

  get outputOffset(): number {
    return this.hidden * FEATURE_COUNT + this.hidden;
  }

  get outputBiasOffset(): number {
    return this.outputOffset + this.hidden;
  }

  /** Forward pass for one row; leaves the hidden activations in place for backward. */
  forward(features: Float64Array, offset: number): number {
    const p = this.parameters;
    let logit = p[this.outputBiasOffset]!;
    for (let unit = 0; unit < this.hidden; unit += 1) {
      let sum = p[this.biasOffset + unit]!;
      for (let input = 0; input < FEATURE_COUNT; input += 1) sum += p[unit * FEATURE_COUNT + input]! * features[offset + input]!;
      const activation = sum > 0 ? sum : 0;
      this.activations[unit] = activation;
      logit += p[this.outputOffset + unit]! * activation;
    }
    return 1 / (1 + Math.exp(-logit));
  }

  /** Adds this row's cross-entropy gradient (d loss / d logit = prediction − label) into `gradient`. */
  backward(features: Float64Array, offset: number, outputError: number, gradient: Float64Array): void {
    const p = this.parameters;
    gradient[this.outputBiasOffset]! += outputError;
    for (let unit = 0; unit < this.hidden; unit += 1) {
      const activation = this.activations[unit]!;
      gradient[this.outputOffset + unit]! += outputError * activation;
      if (activation <= 0) continue;
      const unitError = outputError * p[this.outputOffset + unit]!;
      gradient[this.biasOffset + unit]! += unitError;
      for (let input = 0; input < FEATURE_COUNT; input += 1) {
        gradient[unit * FEATURE_COUNT + input]! += unitError * features[offset + input]!;
      }
    }
  }
}

function shuffle(order: Uint32Array, random: () => number): void {
  for (let index = order.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    const held = order[index]!;
    order[index] = order[other]!;
    order[other] = held;
  }
}

function fit(network: Network, data: SyntheticExamples, options: TrainingOptions, random: () => number): void {
  const size = network.parameters.length;
  const gradient = new Float64Array(size);
  const firstMoment = new Float64Array(size);
  const secondMoment = new Float64Array(size);
  const [beta1, beta2, epsilon] = [0.9, 0.999, 1e-8];
  const order = Uint32Array.from({ length: data.count }, (_, index) => index);
  let step = 0;
  for (let epoch = 0; epoch < options.epochs; epoch += 1) {
    shuffle(order, random);
    for (let start = 0; start < data.count; start += options.batchSize) {
      const end = Math.min(data.count, start + options.batchSize);
      gradient.fill(0);
      for (let position = start; position < end; position += 1) {
        const example = order[position]!;
        const offset = example * FEATURE_COUNT;
        const prediction = network.forward(data.features, offset);
        network.backward(data.features, offset, prediction - data.labels[example]!, gradient);
      }
      step += 1;
      const batch = end - start;
      const correction1 = 1 - beta1 ** step;
      const correction2 = 1 - beta2 ** step;
      for (let index = 0; index < size; index += 1) {
        const g = gradient[index]! / batch;
        firstMoment[index] = beta1 * firstMoment[index]! + (1 - beta1) * g;
        secondMoment[index] = beta2 * secondMoment[index]! + (1 - beta2) * g * g;
        const update = (firstMoment[index]! / correction1) / (Math.sqrt(secondMoment[index]! / correction2) + epsilon);
        network.parameters[index]! -= options.learningRate * update;
      }
    }
  }
}

/** Six significant digits: plenty for FP32 inference, and keeps model.json readable and stable. */
function round(value: number): number {
  return Number(value.toPrecision(6));
}

function toModelFile(network: Network, options: TrainingOptions): ModelFile {
  const p = network.parameters;
  const hidden = network.hidden;
  return {
    name: 'npv-ranker',
    version: '1',
    platform: 'npvguard-mlp',
    inputs: [{ name: 'features', datatype: 'FP32', shape: [-1, FEATURE_COUNT], parameters: { feature_names: [...FEATURE_NAMES] } }],
    outputs: [{ name: 'scores', datatype: 'FP32', shape: [-1] }],
    layers: [
      {
        activation: 'relu',
        weights: Array.from({ length: hidden }, (_, unit) =>
          Array.from(p.subarray(unit * FEATURE_COUNT, (unit + 1) * FEATURE_COUNT), round),
        ),
        biases: Array.from(p.subarray(network.biasOffset, network.biasOffset + hidden), round),
      },
      {
        activation: 'sigmoid',
        weights: [Array.from(p.subarray(network.outputOffset, network.outputOffset + hidden), round)],
        biases: [round(p[network.outputBiasOffset]!)],
      },
    ],
    training: {
      script: 'examples/model-server/scripts/train.ts',
      rule: 'relevance = sigmoid(-1.2 + 2.8 co_listen_strength + 2.2 artist_affinity - 3.0 history_overlap + 0.8 popularity + 0.6 recency + 0.5 same_artist_as_seed + kind bonus)',
      ...options,
    },
  };
}

/** Area under the ROC curve by the rank-sum formula (ties get their average rank). */
export function areaUnderCurve(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const order = Array.from({ length: scores.length }, (_, index) => index).sort((a, b) => scores[a]! - scores[b]!);
  let positiveRankSum = 0;
  let positives = 0;
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && scores[order[end + 1]!] === scores[order[start]!]) end += 1;
    const averageRank = (start + end) / 2 + 1;
    for (let position = start; position <= end; position += 1) {
      if (labels[order[position]!] === 1) {
        positiveRankSum += averageRank;
        positives += 1;
      }
    }
    start = end + 1;
  }
  const negatives = order.length - positives;
  return (positiveRankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

function logLoss(probabilities: ArrayLike<number>, labels: ArrayLike<number>): number {
  let total = 0;
  for (let index = 0; index < labels.length; index += 1) {
    const probability = Math.min(1 - 1e-7, Math.max(1e-7, probabilities[index]!));
    total -= labels[index] === 1 ? Math.log(probability) : Math.log(1 - probability);
  }
  return total / labels.length;
}

/** Measures a model file (through the server's own FP32 forward pass) on fresh examples from the rule. */
export function evaluateModel(file: ModelFile, holdout: SyntheticExamples): HoldoutMetrics {
  const model = parseModelFile(file);
  const scores = predict(model, Float32Array.from(holdout.features), holdout.count);
  let absoluteError = 0;
  for (let index = 0; index < holdout.count; index += 1) absoluteError += Math.abs(scores[index]! - holdout.probabilities[index]!);
  return {
    logLoss: logLoss(scores, holdout.labels),
    ruleLogLoss: logLoss(holdout.probabilities, holdout.labels),
    auc: areaUnderCurve(scores, holdout.labels),
    meanAbsoluteErrorToRule: absoluteError / holdout.count,
  };
}

/** Deterministic: the same options give a byte-identical model file. */
export function trainModel(options: TrainingOptions = DEFAULT_TRAINING): TrainingResult {
  const random = seededRandom(options.seed);
  const network = new Network(options.hiddenUnits, random);
  fit(network, generateExamples(options.examples, options.seed + 1), options, random);
  const file = toModelFile(network, options);
  return { file, holdout: evaluateModel(file, generateExamples(options.holdoutExamples, options.seed + 2)) };
}
