import type { RuleMeta } from '@npvguard/core';

export const STALE_ENTRY_RULE: RuleMeta = {
  id: 'baseline/stale-entry',
  description: 'An entry of the baseline file matches no current finding; the baseline can shrink.',
  defaultSeverity: 'info',
};

/** Rules the CLI reports itself, next to the registered checks' rules. */
export const INTERNAL_RULES: readonly RuleMeta[] = [STALE_ENTRY_RULE];
