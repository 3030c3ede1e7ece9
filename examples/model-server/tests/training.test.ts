import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { predict } from '../src/model/forward.js';
import { areaUnderCurve, MODEL_FILE, serializeModelFile, trainModel } from '../scripts/training/train-model.js';
import { FEATURE_COUNT, generateExamples, relevanceLogit } from '../scripts/training/synthetic-data.js';
import { readShippedModelFile, shippedModel } from './helpers.js';

describe('training script', () => {
  it('reproduces the committed model.json byte for byte', () => {
    const { file } = trainModel();
    expect(serializeModelFile(file)).toBe(readFileSync(MODEL_FILE, 'utf8'));
  });

  it('learned the rule: close to the rule probabilities on fresh examples', () => {
    const holdout = generateExamples(4000, 777);
    const scores = predict(shippedModel(), Float32Array.from(holdout.features), holdout.count);
    let absoluteError = 0;
    for (let index = 0; index < holdout.count; index += 1) absoluteError += Math.abs(scores[index]! - holdout.probabilities[index]!);
    expect(absoluteError / holdout.count).toBeLessThan(0.05);
    expect(areaUnderCurve(scores, holdout.labels)).toBeGreaterThan(0.78);
  });

  it('ranks by the rule: more co-listening or affinity raises the score, more history overlap lowers it', () => {
    const model = shippedModel();
    const base = [0.5, 0.3, 0.3, 0, 1, 0, 0, 0, 0, 0.5, 0.3, 0.4];
    const score = (row: number[]) => predict(model, Float32Array.from(row), 1)[0]!;
    const withFeature = (index: number, value: number) => base.map((current, position) => (position === index ? value : current));
    expect(score(withFeature(2, 0.9))).toBeGreaterThan(score(withFeature(2, 0.1)));
    expect(score(withFeature(1, 0.9))).toBeGreaterThan(score(withFeature(1, 0.1)));
    expect(score(withFeature(10, 0.9))).toBeLessThan(score(withFeature(10, 0.1)));
    expect(readShippedModelFile().training).toMatchObject({ seed: 20_240_601, hiddenUnits: 8 });
  });
});

describe('areaUnderCurve', () => {
  it('is 1 for a perfect ranking, 0 for a reversed one and 0.5 when all scores tie', () => {
    expect(areaUnderCurve([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])).toBe(1);
    expect(areaUnderCurve([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1])).toBe(0);
    expect(areaUnderCurve([0.5, 0.5, 0.5, 0.5], [0, 1, 0, 1])).toBe(0.5);
  });

  it('equals the share of positive-negative pairs ranked correctly (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.boolean()), { minLength: 2, maxLength: 40 })
          .filter((pairs) => pairs.some(([, label]) => label) && pairs.some(([, label]) => !label)),
        (pairs) => {
          const scores = pairs.map(([score]) => score);
          const labels = pairs.map(([, label]) => (label ? 1 : 0));
          let correct = 0;
          let total = 0;
          pairs.forEach(([positive, isPositive]) => {
            if (!isPositive) return;
            pairs.forEach(([negative, isNegative]) => {
              if (isNegative) return;
              total += 1;
              correct += positive > negative ? 1 : positive === negative ? 0.5 : 0;
            });
          });
          expect(areaUnderCurve(scores, labels)).toBeCloseTo(correct / total, 10);
        },
      ),
    );
  });
});

describe('synthetic data', () => {
  it('is deterministic and one-hot in the kind features', () => {
    const first = generateExamples(500, 5);
    expect(generateExamples(500, 5).features).toEqual(first.features);
    for (let example = 0; example < first.count; example += 1) {
      const row = first.features.subarray(example * FEATURE_COUNT, (example + 1) * FEATURE_COUNT);
      expect(row[4]! + row[5]! + row[6]! + row[7]! + row[8]!).toBe(1);
      expect(first.probabilities[example]).toBeCloseTo(1 / (1 + Math.exp(-relevanceLogit(row))), 12);
    }
  });
});
