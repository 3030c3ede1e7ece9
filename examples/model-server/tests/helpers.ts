import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseModelFile } from '../src/model/load-model.js';
import type { LoadedModel, ModelFile } from '../src/model/types.js';

export const SHIPPED_MODEL_FILE = fileURLToPath(new URL('../models/npv-ranker/model.json', import.meta.url));

export function readShippedModelFile(): ModelFile {
  return JSON.parse(readFileSync(SHIPPED_MODEL_FILE, 'utf8')) as ModelFile;
}

export function shippedModel(): LoadedModel {
  return parseModelFile(readShippedModelFile(), SHIPPED_MODEL_FILE);
}

/** A forward pass in plain float64 straight from the JSON, independent of the server's FP32 code. */
export function referenceForward(file: ModelFile, row: readonly number[]): number {
  let values = row.map(Math.fround);
  for (const layer of file.layers) {
    values = layer.weights.map((weights, unit) => {
      const sum = weights.reduce((total, weight, index) => total + Math.fround(weight) * values[index]!, Math.fround(layer.biases[unit]!));
      if (layer.activation === 'relu') return Math.max(0, sum);
      if (layer.activation === 'sigmoid') return 1 / (1 + Math.exp(-sum));
      return sum;
    });
  }
  return values[0]!;
}

/** A valid infer body for `rows` rows of the 12 contract features. */
export function inferBody(rows: number[][], id?: string): Record<string, unknown> {
  return {
    ...(id === undefined ? {} : { id }),
    inputs: [{ name: 'features', shape: [rows.length, 12], datatype: 'FP32', data: rows.flat() }],
    outputs: [{ name: 'scores' }],
  };
}

export const SAMPLE_ROWS: number[][] = [
  [0.5, 0.2, 0.9, 0, 1, 0, 0, 0, 0, 0.8, 0.1, 0.6],
  [0.5, 0.2, 0.1, 0, 1, 0, 0, 0, 0, 0.8, 0.9, 0.3],
  [0.9, 0.7, 0, 0, 0, 0, 1, 0, 0, 0.2, 0, 0.5],
];
