import { ScoringError } from '../../core/errors.js';
import { OUTPUT_NAME, TENSOR_DATATYPE } from './featureSpec.js';

function invalid(message: string): ScoringError {
  return new ScoringError('model_error', `model response ${message}`);
}

/**
 * Reads the `scores` output of an infer response by name (never by position) and checks it holds
 * exactly one score in 0..1 per row. Anything else is a model error, never a partial answer.
 */
export function readScores(text: string, rowCount: number): number[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalid('is not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || !Array.isArray((parsed as { outputs?: unknown }).outputs)) {
    throw invalid('has no outputs list');
  }
  const outputs = (parsed as { outputs: unknown[] }).outputs;
  const output = outputs.find(
    (candidate): candidate is Record<string, unknown> =>
      typeof candidate === 'object' && candidate !== null && (candidate as { name?: unknown }).name === OUTPUT_NAME,
  );
  if (output === undefined) {
    throw invalid(`has no output named ${OUTPUT_NAME}`);
  }
  const { shape, data, datatype } = output;
  if (datatype !== TENSOR_DATATYPE) {
    throw invalid(`output ${OUTPUT_NAME} has datatype ${JSON.stringify(datatype)}, expected ${TENSOR_DATATYPE}`);
  }
  if (!Array.isArray(shape) || shape.length !== 1 || shape[0] !== rowCount) {
    throw invalid(`output ${OUTPUT_NAME} has shape ${JSON.stringify(shape)}, expected [${rowCount}]`);
  }
  if (!Array.isArray(data) || data.length !== rowCount) {
    throw invalid(`output ${OUTPUT_NAME} has ${Array.isArray(data) ? data.length : 'no'} values for ${rowCount} rows`);
  }
  const scores: number[] = [];
  for (const value of data) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
      throw invalid(`output ${OUTPUT_NAME} holds ${JSON.stringify(value)}, not a score in 0..1`);
    }
    scores.push(value);
  }
  return scores;
}
