import { NpvError, type CheckContext } from '@npvguard/core';
import type { ModelContractData } from './data.js';
import { modelFindings } from './modelStep.js';

/**
 * For each model under `contracts.models`, the service's declared tensors against the model's metadata snapshot.
 * A check of its own (and rule prefix), next to contracts, since it needs no app.
 */
export async function runModelContract(context: CheckContext<ModelContractData>): Promise<void> {
  const models = context.config.contracts?.models;
  if (models === undefined) throw new NpvError('NPV1008', 'The model-contract check needs `contracts.models` in the config.');
  context.setData({ modelsChecked: await modelFindings(context, models) });
}
