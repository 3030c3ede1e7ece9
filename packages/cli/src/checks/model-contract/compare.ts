import { isRecord } from '@npvguard/harness/contracts';
import type { ModelContractSpec, TensorSpec } from './spec.js';

export type ModelRule = 'input-missing' | 'input-not-sent' | 'datatype-mismatch' | 'shape-mismatch' | 'feature-order-changed' | 'feature-mismatch' | 'output-missing' | 'model-name-mismatch';

export interface ModelMismatch {
  rule: ModelRule;
  message: string;
  /** A literal of the spec to point the finding at (a tensor or feature name, a datatype). */
  literal: string;
  data: Record<string, unknown>;
}

interface MetadataTensor {
  name: string;
  datatype: unknown;
  shape: unknown;
  features: unknown;
}

function tensors(list: unknown): MetadataTensor[] {
  if (!Array.isArray(list)) return [];
  return list.filter(isRecord).flatMap((entry) =>
    typeof entry['name'] === 'string'
      ? [{ name: entry['name'], datatype: entry['datatype'], shape: entry['shape'], features: isRecord(entry['parameters']) ? entry['parameters']['feature_names'] : undefined }]
      : [],
  );
}

/** Shapes agree when they have the same rank and each dimension is equal or variable (-1) on either side. */
function shapesAgree(declared: readonly number[], served: unknown): boolean {
  return Array.isArray(served) && served.length === declared.length && declared.every((dimension, index) => dimension === -1 || served[index] === -1 || served[index] === dimension);
}

function compareTensor(kind: 'input' | 'output', declared: TensorSpec, served: MetadataTensor, found: ModelMismatch[]): void {
  if (declared.datatype !== undefined && served.datatype !== declared.datatype) {
    found.push({ rule: 'datatype-mismatch', message: `${kind} ${declared.name}: the service uses datatype ${declared.datatype}, the model declares ${JSON.stringify(served.datatype)}`, literal: declared.datatype, data: { tensor: declared.name, service: declared.datatype, model: served.datatype } });
  }
  if (declared.shape !== undefined && !shapesAgree(declared.shape, served.shape)) {
    found.push({ rule: 'shape-mismatch', message: `${kind} ${declared.name}: the service uses shape ${JSON.stringify(declared.shape)}, the model declares ${JSON.stringify(served.shape)}`, literal: declared.name, data: { tensor: declared.name, service: declared.shape, model: served.shape } });
  }
  if (declared.features !== undefined) {
    const servedFeatures = Array.isArray(served.features) ? served.features.map(String) : undefined;
    if (servedFeatures === undefined) {
      found.push({ rule: 'feature-mismatch', message: `${kind} ${declared.name}: the model declares no feature_names to check the service's ${declared.features.length} features against`, literal: declared.name, data: { tensor: declared.name } });
      return;
    }
    const sameSet = servedFeatures.length === declared.features.length && declared.features.every((name) => servedFeatures.includes(name));
    if (!sameSet) {
      const missing = servedFeatures.filter((name) => !declared.features?.includes(name));
      const extra = declared.features.filter((name) => !servedFeatures.includes(name));
      found.push({ rule: 'feature-mismatch', message: `${kind} ${declared.name}: features differ (the model expects ${missing.length === 0 ? 'no others' : missing.join(', ')}; the service sends ${extra.length === 0 ? 'no others' : extra.join(', ')})`, literal: extra[0] ?? declared.name, data: { tensor: declared.name, missing, extra } });
      return;
    }
    const moved = declared.features.findIndex((name, index) => servedFeatures[index] !== name);
    if (moved !== -1) {
      const name = declared.features[moved] ?? '';
      found.push({
        rule: 'feature-order-changed',
        message: `${kind} ${declared.name}: feature ${moved + 1} is ${name} in the service but ${servedFeatures[moved] ?? '?'} in the model, so values would land in the wrong columns`,
        literal: name,
        data: { tensor: declared.name, position: moved + 1, service: declared.features, model: servedFeatures },
      });
    }
  }
}

/** Differences between what the service sends and reads and what the model's metadata declares. */
export function compareModelContract(spec: ModelContractSpec, metadata: unknown): ModelMismatch[] {
  const found: ModelMismatch[] = [];
  const record = isRecord(metadata) ? metadata : {};
  if (record['name'] !== spec.name) {
    found.push({ rule: 'model-name-mismatch', message: `the service calls model ${spec.name}, the snapshot describes ${JSON.stringify(record['name'])}`, literal: spec.name, data: { service: spec.name, model: record['name'] } });
  }
  const inputs = tensors(record['inputs']);
  const outputs = tensors(record['outputs']);
  for (const declared of spec.inputs) {
    const served = inputs.find((candidate) => candidate.name === declared.name);
    if (served === undefined) found.push({ rule: 'input-missing', message: `the service sends input ${declared.name}, which the model does not declare (model inputs: ${inputs.map((input) => input.name).join(', ') || 'none'})`, literal: declared.name, data: { tensor: declared.name } });
    else compareTensor('input', declared, served, found);
  }
  for (const served of inputs) {
    if (!spec.inputs.some((declared) => declared.name === served.name)) {
      found.push({ rule: 'input-not-sent', message: `the model declares input ${served.name}, which the service does not send`, literal: spec.name, data: { tensor: served.name } });
    }
  }
  for (const declared of spec.outputs) {
    const served = outputs.find((candidate) => candidate.name === declared.name);
    if (served === undefined) found.push({ rule: 'output-missing', message: `the service reads output ${declared.name}, which the model does not declare (model outputs: ${outputs.map((output) => output.name).join(', ') || 'none'})`, literal: declared.name, data: { tensor: declared.name } });
    else compareTensor('output', declared, served, found);
  }
  return found;
}
