import type { LoadedModel } from '../model/types.js';

/** The contract allows at most this many rows in one request. */
export const MAX_BATCH_ROWS = 1000;

/** A request the server refuses with 400; the message is returned to the caller as `{ error }`. */
export class InferRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InferRequestError';
  }
}

/** A validated infer request: `rows` feature rows, row-major. */
export interface InferRequest {
  id?: string;
  rows: number;
  features: Float32Array;
}

const REQUEST_KEYS = new Set(['id', 'inputs', 'outputs', 'parameters']);
const INPUT_KEYS = new Set(['name', 'shape', 'datatype', 'data', 'parameters']);
const OUTPUT_KEYS = new Set(['name', 'parameters']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function rejectUnknownKeys(value: Record<string, unknown>, allowed: Set<string>, where: string): void {
  for (const key of Object.keys(value)) {
    if (!allowed.has(key)) throw new InferRequestError(`${where}: unknown field "${key}"`);
  }
}

/**
 * Checks an Open Inference Protocol v2 infer body against the model's single input tensor.
 * Unknown fields are refused rather than ignored so that a caller's typo cannot pass silently.
 */
export function parseInferRequest(body: unknown, model: LoadedModel): InferRequest {
  if (!isRecord(body)) throw new InferRequestError('request body must be a JSON object');
  rejectUnknownKeys(body, REQUEST_KEYS, 'request');
  if (body.id !== undefined && typeof body.id !== 'string') throw new InferRequestError('request: "id" must be a string');
  if (body.parameters !== undefined && !isRecord(body.parameters)) {
    throw new InferRequestError('request: "parameters" must be an object');
  }
  checkRequestedOutputs(body.outputs, model);

  const inputs = body.inputs;
  if (!Array.isArray(inputs)) throw new InferRequestError('request: "inputs" must be an array');
  if (inputs.length !== 1) {
    throw new InferRequestError(`request: expected exactly 1 input tensor ("${model.input.name}"), got ${inputs.length}`);
  }
  const input: unknown = inputs[0];
  if (!isRecord(input)) throw new InferRequestError('inputs[0] must be an object');
  rejectUnknownKeys(input, INPUT_KEYS, 'inputs[0]');
  if (input.name !== model.input.name) {
    throw new InferRequestError(`inputs[0]: unknown input name ${JSON.stringify(input.name)}; the model takes "${model.input.name}"`);
  }
  const where = `input "${model.input.name}"`;
  if (input.datatype !== model.input.datatype) {
    throw new InferRequestError(`${where}: datatype must be "${model.input.datatype}", got ${JSON.stringify(input.datatype)}`);
  }
  if (input.parameters !== undefined && !isRecord(input.parameters)) {
    throw new InferRequestError(`${where}: "parameters" must be an object`);
  }
  const rows = checkShape(input.shape, model.featureCount, where);
  const features = readData(input.data, rows * model.featureCount, where);
  const request: InferRequest = { rows, features };
  if (body.id !== undefined) request.id = body.id;
  return request;
}

function checkRequestedOutputs(outputs: unknown, model: LoadedModel): void {
  if (outputs === undefined) return;
  if (!Array.isArray(outputs)) throw new InferRequestError('request: "outputs" must be an array');
  outputs.forEach((output: unknown, index) => {
    if (!isRecord(output)) throw new InferRequestError(`outputs[${index}] must be an object`);
    rejectUnknownKeys(output, OUTPUT_KEYS, `outputs[${index}]`);
    if (output.name !== model.output.name) {
      throw new InferRequestError(`outputs[${index}]: unknown output name ${JSON.stringify(output.name)}; the model produces "${model.output.name}"`);
    }
    if (output.parameters !== undefined && !isRecord(output.parameters)) {
      throw new InferRequestError(`outputs[${index}]: "parameters" must be an object`);
    }
  });
}

function checkShape(shape: unknown, featureCount: number, where: string): number {
  const valid =
    Array.isArray(shape) &&
    shape.length === 2 &&
    Number.isInteger(shape[0]) &&
    (shape[0] as number) >= 0 &&
    shape[1] === featureCount;
  if (!valid) {
    throw new InferRequestError(`${where}: shape must be [rows, ${featureCount}], got ${JSON.stringify(shape)}`);
  }
  const rows = shape[0] as number;
  if (rows > MAX_BATCH_ROWS) {
    throw new InferRequestError(`${where}: at most ${MAX_BATCH_ROWS} rows per request, got ${rows}`);
  }
  return rows;
}

function readData(data: unknown, expectedLength: number, where: string): Float32Array {
  if (!Array.isArray(data)) throw new InferRequestError(`${where}: "data" must be a flat array of numbers`);
  if (data.length !== expectedLength) {
    throw new InferRequestError(`${where}: "data" has ${data.length} values, shape needs ${expectedLength}`);
  }
  const features = new Float32Array(expectedLength);
  for (let index = 0; index < expectedLength; index += 1) {
    const value: unknown = data[index];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new InferRequestError(`${where}: data[${index}] must be a finite number, got ${JSON.stringify(value) ?? String(value)}`);
    }
    const narrowed = Math.fround(value);
    // A finite double can overflow to Infinity as FP32; the model would then score garbage.
    if (!Number.isFinite(narrowed)) throw new InferRequestError(`${where}: data[${index}] is out of the FP32 range`);
    features[index] = narrowed;
  }
  return features;
}
