import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type {
  Activation,
  DenseLayer,
  LoadedModel,
  ModelFileLayer,
  TensorMetadata,
} from './types.js';

/** A model file that is missing, is not JSON, or does not describe a usable model. */
export class ModelFileError extends Error {
  readonly file: string;

  constructor(file: string, message: string) {
    super(`${file}: ${message}`);
    this.name = 'ModelFileError';
    this.file = file;
  }
}

const ACTIVATIONS: readonly Activation[] = ['relu', 'sigmoid', 'identity'];
const MODEL_FILE_KEYS = new Set(['name', 'version', 'platform', 'inputs', 'outputs', 'layers', 'training']);

type Json = unknown;

function isRecord(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads and validates one model.json. */
export async function loadModel(file: string): Promise<LoadedModel> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable';
    throw new ModelFileError(file, `cannot read the model file (${reason})`);
  }
  let parsed: Json;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ModelFileError(file, `not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  return parseModelFile(parsed, file);
}

/**
 * Loads every `<dir>/<model>/model.json`. A directory without any model is an error: a server
 * with nothing to serve would answer 404 to everything and look healthy.
 */
export async function loadModelDirectory(directory: string): Promise<LoadedModel[]> {
  let entries: string[];
  try {
    entries = (await readdir(directory)).sort();
  } catch {
    throw new ModelFileError(directory, 'model directory does not exist or cannot be read');
  }
  const models: LoadedModel[] = [];
  for (const entry of entries) {
    const candidate = join(directory, entry, 'model.json');
    const found = await stat(candidate).then((info) => info.isFile(), () => false);
    if (found) models.push(await loadModel(candidate));
  }
  if (models.length === 0) {
    throw new ModelFileError(directory, 'no <model>/model.json found in the model directory');
  }
  const names = new Set<string>();
  for (const model of models) {
    if (names.has(model.name)) throw new ModelFileError(directory, `model name "${model.name}" appears twice`);
    names.add(model.name);
  }
  return models;
}

/** Validates a parsed model.json; `file` only labels error messages. */
export function parseModelFile(value: Json, file = 'model.json'): LoadedModel {
  const fail = (path: string, message: string): never => {
    throw new ModelFileError(file, `${path}: ${message}`);
  };
  if (!isRecord(value)) return fail('$', 'expected an object');
  for (const key of Object.keys(value)) {
    if (!MODEL_FILE_KEYS.has(key)) fail(`$.${key}`, 'unknown key');
  }
  const name = requireName(value.name, '$.name', fail);
  const version = requireName(value.version, '$.version', fail);
  const platform = requireName(value.platform, '$.platform', fail);
  const inputs = requireTensorList(value.inputs, '$.inputs', fail);
  const outputs = requireTensorList(value.outputs, '$.outputs', fail);
  const [input] = inputs;
  const [output] = outputs;
  if (inputs.length !== 1 || input === undefined) return fail('$.inputs', 'expected exactly one input tensor');
  if (outputs.length !== 1 || output === undefined) return fail('$.outputs', 'expected exactly one output tensor');
  if (input.shape.length !== 2 || input.shape[0] !== -1 || !(input.shape[1]! > 0)) {
    fail('$.inputs[0].shape', 'expected [-1, featureCount]');
  }
  const featureCount = input.shape[1]!;
  const featureNames = input.parameters?.feature_names;
  if (featureNames === undefined) return fail('$.inputs[0].parameters.feature_names', 'missing');
  if (featureNames.length !== featureCount) {
    fail('$.inputs[0].parameters.feature_names', `expected ${featureCount} names, found ${featureNames.length}`);
  }
  if (output.shape.length !== 1 || output.shape[0] !== -1) fail('$.outputs[0].shape', 'expected [-1]');
  if (!Array.isArray(value.layers) || value.layers.length === 0) return fail('$.layers', 'expected a non-empty array');
  const layers: DenseLayer[] = [];
  let width = featureCount;
  value.layers.forEach((layer: Json, index: number) => {
    const dense = requireLayer(layer, `$.layers[${index}]`, width, fail);
    layers.push(dense);
    width = dense.outputSize;
  });
  if (width !== 1) fail('$.layers', `the last layer must have one output (one score per row), found ${width}`);
  if (value.training !== undefined && !isRecord(value.training)) fail('$.training', 'expected an object');
  return {
    name,
    version,
    metadata: { name, versions: [version], platform, inputs, outputs },
    input,
    output,
    featureCount,
    layers,
  };
}

type Fail = (path: string, message: string) => never;

function requireName(value: Json, path: string, fail: Fail): string {
  if (typeof value !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(value)) {
    return fail(path, 'expected a non-empty name of letters, digits, ".", "_" or "-"');
  }
  return value;
}

function requireTensorList(value: Json, path: string, fail: Fail): TensorMetadata[] {
  if (!Array.isArray(value)) return fail(path, 'expected an array');
  return value.map((tensor: Json, index: number) => requireTensor(tensor, `${path}[${index}]`, fail));
}

function requireTensor(value: Json, path: string, fail: Fail): TensorMetadata {
  if (!isRecord(value)) return fail(path, 'expected an object');
  const name = requireName(value.name, `${path}.name`, fail);
  if (value.datatype !== 'FP32') fail(`${path}.datatype`, 'expected "FP32"');
  const shape = value.shape;
  if (!Array.isArray(shape) || shape.length === 0 || !shape.every((size) => Number.isInteger(size) && (size === -1 || size > 0))) {
    return fail(`${path}.shape`, 'expected an array of positive integers or -1');
  }
  const tensor: TensorMetadata = { name, datatype: 'FP32', shape: shape as number[] };
  if (value.parameters !== undefined) {
    if (!isRecord(value.parameters)) return fail(`${path}.parameters`, 'expected an object');
    const names = value.parameters.feature_names;
    if (!Array.isArray(names) || !names.every((item) => typeof item === 'string' && item.length > 0)) {
      return fail(`${path}.parameters.feature_names`, 'expected an array of non-empty strings');
    }
    if (new Set(names).size !== names.length) fail(`${path}.parameters.feature_names`, 'names must be unique');
    tensor.parameters = { feature_names: names as string[] };
  }
  return tensor;
}

function requireLayer(value: Json, path: string, inputSize: number, fail: Fail): DenseLayer {
  if (!isRecord(value)) return fail(path, 'expected an object');
  const layer = value as Partial<Record<keyof ModelFileLayer, Json>>;
  const activation = layer.activation;
  if (typeof activation !== 'string' || !ACTIVATIONS.includes(activation as Activation)) {
    return fail(`${path}.activation`, `expected one of ${ACTIVATIONS.join(', ')}`);
  }
  const rows = layer.weights;
  if (!Array.isArray(rows) || rows.length === 0) return fail(`${path}.weights`, 'expected a non-empty array of rows');
  const outputSize = rows.length;
  const weights = new Float32Array(outputSize * inputSize);
  rows.forEach((row: Json, rowIndex: number) => {
    if (!Array.isArray(row) || row.length !== inputSize) {
      fail(`${path}.weights[${rowIndex}]`, `expected ${inputSize} numbers (the previous layer's width)`);
    }
    (row as Json[]).forEach((weight, column) => {
      if (typeof weight !== 'number' || !Number.isFinite(weight)) {
        fail(`${path}.weights[${rowIndex}][${column}]`, 'expected a finite number');
      }
      weights[rowIndex * inputSize + column] = weight as number;
    });
  });
  const biasList = layer.biases;
  if (!Array.isArray(biasList) || biasList.length !== outputSize) {
    return fail(`${path}.biases`, `expected ${outputSize} numbers (one per weight row)`);
  }
  const biases = new Float32Array(outputSize);
  biasList.forEach((bias: Json, index: number) => {
    if (typeof bias !== 'number' || !Number.isFinite(bias)) fail(`${path}.biases[${index}]`, 'expected a finite number');
    biases[index] = bias as number;
  });
  return { inputSize, outputSize, weights, biases, activation: activation as Activation };
}
