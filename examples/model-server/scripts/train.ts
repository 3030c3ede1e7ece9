/**
 * Trains the npv-ranker model on synthetic data from a known rule and writes
 * models/npv-ranker/model.json. Run: npx tsx examples/model-server/scripts/train.ts
 */
import { writeFile } from 'node:fs/promises';
import { MODEL_FILE, serializeModelFile, trainModel } from './training/train-model.js';

const started = performance.now();
const { file, holdout } = trainModel();
await writeFile(MODEL_FILE, serializeModelFile(file));
const seconds = ((performance.now() - started) / 1000).toFixed(1);
process.stdout.write(`wrote ${MODEL_FILE} in ${seconds} s\n`);
process.stdout.write(`holdout: ${JSON.stringify(holdout, null, 2)}\n`);
