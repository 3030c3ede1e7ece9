import type { Activation, DenseLayer, LoadedModel } from './types.js';

function activate(activation: Activation, value: number): number {
  switch (activation) {
    case 'relu':
      return value > 0 ? value : 0;
    case 'sigmoid':
      return 1 / (1 + Math.exp(-value));
    case 'identity':
      return value;
  }
}

/** One layer for one row: `output[o] = act(bias[o] + Σ weights[o][i] · input[i])`. */
function applyLayer(layer: DenseLayer, input: Float32Array, inputOffset: number, output: Float32Array): void {
  const { inputSize, outputSize, weights, biases, activation } = layer;
  for (let unit = 0; unit < outputSize; unit += 1) {
    let sum = biases[unit]!;
    const rowStart = unit * inputSize;
    for (let index = 0; index < inputSize; index += 1) {
      sum += weights[rowStart + index]! * input[inputOffset + index]!;
    }
    output[unit] = activate(activation, sum);
  }
}

/**
 * Scores `rows` feature rows (row-major, `featureCount` values each) and returns one score per row.
 * Two scratch buffers are reused across rows so a batch allocates nothing per row.
 */
export function predict(model: LoadedModel, features: Float32Array, rows: number): Float32Array {
  const scores = new Float32Array(rows);
  const widest = Math.max(...model.layers.map((layer) => layer.outputSize));
  let current = new Float32Array(widest);
  let next = new Float32Array(widest);
  const { layers } = model;
  for (let row = 0; row < rows; row += 1) {
    applyLayer(layers[0]!, features, row * model.featureCount, current);
    for (let index = 1; index < layers.length; index += 1) {
      applyLayer(layers[index]!, current, 0, next);
      [current, next] = [next, current];
    }
    scores[row] = current[0]!;
  }
  return scores;
}
