import type { Check } from '@npvguard/core';
import type { ModelContractData } from './data.js';
import { modelContractMeta } from './meta.js';

/** The service-to-model contract (OIP v2 tensors) against each model's metadata snapshot. */
export const modelContractCheck: Check<ModelContractData> = {
  id: 'model-contract',
  meta: modelContractMeta,
  module: import.meta.url,
  // Configured inside the contracts section, which the contracts check validates.
  isConfigured: (config) => config.contracts?.models !== undefined,
  async run(context) {
    const { runModelContract } = await import('./run.js');
    await runModelContract(context);
  },
};
