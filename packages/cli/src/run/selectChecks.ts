import { NpvError, closestMatch, type Check, type NpvConfig, type RuleMeta } from '@npvguard/core';
import { INTERNAL_RULES } from '../baseline/rules.js';

/** Whether the config asks for a check: its own predicate, else its config section (or one named like its id) is there. */
export function isConfigured(check: Check, config: NpvConfig): boolean {
  if (check.isConfigured !== undefined) return check.isConfigured(config);
  return (config as Record<string, unknown>)[check.config?.key ?? check.id] !== undefined;
}

/** Every rule npvguard can report with these checks: theirs and the runner's own (baseline). */
export function allRules(checks: readonly Check[]): RuleMeta[] {
  return [...checks.flatMap((check) => check.meta.rules), ...INTERNAL_RULES];
}

export interface CheckSelection {
  selected: Check[];
  /** Registered checks that will not run: not chosen by --only, or not configured. */
  skipped: Check[];
}

/**
 * Which checks run: those chosen with --only (each must exist and be configured), else every configured one.
 * Running no check at all is an error, never an empty pass.
 */
export function selectChecks(checks: readonly Check[], config: NpvConfig, only: readonly string[], configFile: string): CheckSelection {
  const ids = checks.map((check) => check.id);
  for (const id of only) {
    if (!ids.includes(id)) {
      const suggestion = closestMatch(id, ids);
      throw new NpvError(
        'NPV2001',
        `Unknown check ${JSON.stringify(id)} given to --only.${suggestion === undefined ? '' : ` Did you mean "${suggestion}"?`} Available checks: ${ids.join(', ') || '(none)'}.`,
        { option: '--only', found: id },
      );
    }
  }
  const wanted = only.length > 0 ? checks.filter((check) => only.includes(check.id)) : checks.filter((check) => isConfigured(check, config));
  for (const check of wanted) {
    if (!isConfigured(check, config)) {
      throw new NpvError('NPV1008', `The ${check.id} check was selected but ${configFile} has no \`${check.config?.key ?? check.id}\` section.`, {
        file: configFile,
        check: check.id,
      });
    }
  }
  if (wanted.length === 0) {
    throw new NpvError(
      'NPV1008',
      `${configFile} configures none of the available checks (${ids.join(', ') || 'none registered'}), so nothing would be checked.`,
      { file: configFile },
    );
  }
  return { selected: wanted, skipped: checks.filter((check) => !wanted.includes(check)) };
}
