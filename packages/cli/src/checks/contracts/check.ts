import type { Check } from '@npvguard/core';
import { CONTRACTS_SECTION } from './config.js';
import { contractsMeta } from './meta.js';

/**
 * The contracts check: build the app (never listening) → extract its OpenAPI document → compare with the committed
 * snapshot → with --base, diff the base snapshot against it → run the property tests in-process.
 */
export const contractsCheck: Check = {
  id: 'contracts',
  meta: contractsMeta,
  config: CONTRACTS_SECTION,
  module: import.meta.url,
  async run(context) {
    const { runContracts } = await import('./index.js');
    await runContracts(context);
  },
};
