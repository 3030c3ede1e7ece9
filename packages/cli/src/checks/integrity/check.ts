import type { Check } from '@npvguard/core';
import { INTEGRITY_SECTION } from './config.js';
import type { IntegrityData } from './data.js';
import { integrityMeta } from './meta.js';

/** The integrity check: the change itself, for what weakens the guardrails (suppressions, skipped tests, loosened config). */
export const integrityCheck: Check<IntegrityData> = {
  id: 'integrity',
  meta: integrityMeta,
  config: INTEGRITY_SECTION,
  traits: { editLoop: true },
  module: import.meta.url,
  async run(context) {
    const { runIntegrity } = await import('./index.js');
    await runIntegrity(context);
  },
};
