import { describe, expect, it } from 'vitest';
import { predict } from '../src/model/forward.js';
import { parseModelFile } from '../src/model/load-model.js';
import type { ModelFile } from '../src/model/types.js';
import { SAMPLE_ROWS, readShippedModelFile, referenceForward, shippedModel } from './helpers.js';

/** 3 → 2 (ReLU) → 1 (sigmoid), weights chosen so every step is exact in FP32 and easy to follow by hand. */
const TINY: ModelFile = {
  name: 'tiny',
  version: '1',
  platform: 'npvguard-mlp',
  inputs: [{ name: 'features', datatype: 'FP32', shape: [-1, 3], parameters: { feature_names: ['a', 'b', 'c'] } }],
  outputs: [{ name: 'scores', datatype: 'FP32', shape: [-1] }],
  layers: [
    { activation: 'relu', weights: [[1, -1, 2], [0.5, 0.5, -4]], biases: [0.5, -1] },
    { activation: 'sigmoid', weights: [[2, 3]], biases: [-1] },
  ],
};

describe('predict', () => {
  it('matches a forward pass worked out by hand', () => {
    const model = parseModelFile(TINY);
    // Row [1, 2, 0.5]: h = relu([0.5+1-2+1, -1+0.5+1-2]) = [0.5, 0]; z = -1 + 2·0.5 = 0.
    // Row [2, 0, 1]:   h = relu([0.5+2+0+2, -1+1+0-4]) = [4.5, 0]; z = -1 + 9 = 8.
    // Row [0, 2, -1]:  h = relu([0.5-2-2, -1+1+4]) = [0, 4];      z = -1 + 12 = 11.
    const scores = predict(model, Float32Array.from([1, 2, 0.5, 2, 0, 1, 0, 2, -1]), 3);
    expect(scores).toHaveLength(3);
    expect(scores[0]).toBe(0.5);
    expect(scores[1]).toBe(Math.fround(1 / (1 + Math.exp(-8))));
    expect(scores[2]).toBe(Math.fround(1 / (1 + Math.exp(-11))));
  });

  it('returns an empty batch for zero rows', () => {
    expect(predict(parseModelFile(TINY), new Float32Array(0), 0)).toEqual(new Float32Array(0));
  });

  it('agrees with an independent float64 forward pass on the shipped model', () => {
    const file = readShippedModelFile();
    const scores = predict(shippedModel(), Float32Array.from(SAMPLE_ROWS.flat()), SAMPLE_ROWS.length);
    SAMPLE_ROWS.forEach((row, index) => {
      expect(scores[index]).toBeCloseTo(referenceForward(file, row), 6);
    });
  });

  it('scores rows independently of their position in the batch', () => {
    const model = shippedModel();
    const batch = predict(model, Float32Array.from(SAMPLE_ROWS.flat()), SAMPLE_ROWS.length);
    SAMPLE_ROWS.forEach((row, index) => {
      expect(predict(model, Float32Array.from(row), 1)[0]).toBe(batch[index]);
    });
  });
});
