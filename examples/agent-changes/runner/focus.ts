import { CHECKS } from 'npvguard';
import type { AgentCase } from './cases.js';

/** Checks that are cheap and always worth running on a benign case of the focused subset. */
const BENIGN_FOCUS = ['boundaries', 'integrity'];

/** The check that owns a rule id; ESLint rules are reported by the lint check as `lint/<rule>`. */
export function checkOwning(ruleId: string): string | undefined {
  if (ruleId.startsWith('lint/')) return 'lint';
  return CHECKS.find((check) => check.meta.rules.some((rule) => rule.id === ruleId))?.id;
}

/**
 * The checks a focused run of a case needs: those owning its expected ids for a bad case. The full evaluation
 * never focuses; `npm test` does, to stay within its time budget.
 */
export function focusedChecks(agentCase: AgentCase): string[] {
  if (agentCase.kind === 'benign') return BENIGN_FOCUS;
  const owners = agentCase.expect.map(checkOwning).filter((owner): owner is string => owner !== undefined);
  return [...new Set(owners)].sort();
}
