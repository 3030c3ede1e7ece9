import type { RuleMeta } from '@npvguard/core';

export const STALE_ENTRY_RULE: RuleMeta = {
  id: 'baseline/stale-entry',
  description: 'An entry of the baseline file matches no current finding; the baseline can shrink.',
  defaultSeverity: 'info',
};

/** Rules the CLI reports itself, next to the registered checks' rules. */
export const INTERNAL_RULES: readonly RuleMeta[] = [STALE_ENTRY_RULE];

/**
 * Checks that judge a change against its base, not the code as it is: their findings describe that change, so
 * they are never accepted into the baseline file (they would be stale once it is committed).
 */
export const CHANGE_CHECKS: ReadonlySet<string> = new Set(['integrity']);
