import { NpvError, type Check } from '@npvguard/core';
import { modelFindings } from '../steps/modelStep.js';
import { modelContractMeta } from './meta.js';

/**
 * The model-contract check: for each model under `contracts.models`, the service's declared tensors
 * against the model's metadata snapshot. Its own check (and rule prefix), next to contracts, since it needs
 * no app.
 */
export const modelContractCheck: Check = {
  id: 'model-contract',
  meta: modelContractMeta,
  isConfigured: (config) => config.contracts?.models !== undefined,
  async run(context) {
    const models = context.config.contracts?.models;
    if (models === undefined) throw new NpvError('NPV1008', 'The model-contract check needs `contracts.models` in the config.');
    context.setData({ modelsChecked: await modelFindings(context, models) });
  },
};
