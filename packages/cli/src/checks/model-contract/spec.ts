import { NpvError } from '@npvguard/core';
import { isRecord } from '@npvguard/harness/contracts';

/** One tensor of the service's side of an OIP v2 model contract. */
export interface TensorSpec {
  name: string;
  datatype?: string;
  shape?: readonly number[];
  /** Feature names, in column order (OIP metadata `parameters.feature_names`). */
  features?: readonly string[];
}

/** What the service declares about a model it calls: what it sends and which outputs it reads, by name. */
export interface ModelContractSpec {
  name: string;
  inputs: readonly TensorSpec[];
  outputs: readonly TensorSpec[];
}

function tensor(value: unknown, where: string): TensorSpec {
  if (!isRecord(value) || typeof value['name'] !== 'string') throw new Error(`${where} needs a string name`);
  const result: TensorSpec = { name: value['name'] };
  if (value['datatype'] !== undefined) {
    if (typeof value['datatype'] !== 'string') throw new Error(`${where}.datatype must be a string`);
    result.datatype = value['datatype'];
  }
  if (value['shape'] !== undefined) {
    if (!Array.isArray(value['shape']) || !value['shape'].every((dimension) => Number.isInteger(dimension))) throw new Error(`${where}.shape must be an array of integers`);
    result.shape = value['shape'] as number[];
  }
  if (value['features'] !== undefined) {
    if (!Array.isArray(value['features']) || !value['features'].every((name) => typeof name === 'string')) throw new Error(`${where}.features must be an array of strings`);
    result.features = value['features'] as string[];
  }
  return result;
}

/** Checks the spec a module exports; anything else is NPV1103. */
export function readModelSpec(value: unknown, reference: string, name: string): ModelContractSpec {
  try {
    if (!isRecord(value)) throw new Error('the export is not an object');
    if (!Array.isArray(value['inputs']) || !Array.isArray(value['outputs'])) throw new Error('inputs and outputs must be arrays');
    return {
      name: typeof value['name'] === 'string' ? value['name'] : name,
      inputs: value['inputs'].map((input, index) => tensor(input, `inputs[${index}]`)),
      outputs: value['outputs'].map((output, index) => tensor(output, `outputs[${index}]`)),
    };
  } catch (error) {
    throw new NpvError('NPV1103', `The model contract spec ${reference} (model ${name}) is invalid: ${error instanceof Error ? error.message : String(error)}.`, { spec: reference });
  }
}
