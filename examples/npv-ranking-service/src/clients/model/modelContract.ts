import { FEATURE_NAMES, INPUT_NAME, INPUT_SHAPE, MODEL_NAME, MODEL_VERSION, OUTPUT_NAME, OUTPUT_SHAPE, TENSOR_DATATYPE } from './featureSpec.js';

export type ContractCheck = { readonly ok: true } | { readonly ok: false; readonly message: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sameList(actual: unknown, expected: readonly unknown[]): boolean {
  return Array.isArray(actual) && actual.length === expected.length && actual.every((value, index) => value === expected[index]);
}

function tensorNamed(list: unknown, name: string): Record<string, unknown> | undefined {
  return Array.isArray(list) ? list.find((entry): entry is Record<string, unknown> => isRecord(entry) && entry['name'] === name) : undefined;
}

/**
 * Compares the model server's metadata with the feature spec: model name and version, the input
 * tensor's name, datatype, shape and feature names in order, and the output tensor's name, datatype
 * and shape. The first difference is reported.
 */
export function checkModelContract(metadata: unknown): ContractCheck {
  const fail = (message: string): ContractCheck => ({ ok: false, message });
  if (!isRecord(metadata)) {
    return fail('model metadata is not a JSON object');
  }
  if (metadata['name'] !== MODEL_NAME) {
    return fail(`model name is ${JSON.stringify(metadata['name'])}, expected ${MODEL_NAME}`);
  }
  if (!Array.isArray(metadata['versions']) || !metadata['versions'].includes(MODEL_VERSION)) {
    return fail(`model versions ${JSON.stringify(metadata['versions'])} do not include ${MODEL_VERSION}`);
  }
  const input = tensorNamed(metadata['inputs'], INPUT_NAME);
  if (input === undefined) {
    return fail(`model has no input named ${INPUT_NAME}`);
  }
  if (input['datatype'] !== TENSOR_DATATYPE) {
    return fail(`input ${INPUT_NAME} has datatype ${JSON.stringify(input['datatype'])}, expected ${TENSOR_DATATYPE}`);
  }
  if (!sameList(input['shape'], INPUT_SHAPE)) {
    return fail(`input ${INPUT_NAME} has shape ${JSON.stringify(input['shape'])}, expected ${JSON.stringify(INPUT_SHAPE)}`);
  }
  const parameters = input['parameters'];
  const featureNames = isRecord(parameters) ? parameters['feature_names'] : undefined;
  if (!sameList(featureNames, FEATURE_NAMES)) {
    return fail(`input ${INPUT_NAME} declares features ${JSON.stringify(featureNames)}, expected ${JSON.stringify(FEATURE_NAMES)}`);
  }
  const output = tensorNamed(metadata['outputs'], OUTPUT_NAME);
  if (output === undefined) {
    return fail(`model has no output named ${OUTPUT_NAME}`);
  }
  if (output['datatype'] !== TENSOR_DATATYPE) {
    return fail(`output ${OUTPUT_NAME} has datatype ${JSON.stringify(output['datatype'])}, expected ${TENSOR_DATATYPE}`);
  }
  if (!sameList(output['shape'], OUTPUT_SHAPE)) {
    return fail(`output ${OUTPUT_NAME} has shape ${JSON.stringify(output['shape'])}, expected ${JSON.stringify(OUTPUT_SHAPE)}`);
  }
  return { ok: true };
}
