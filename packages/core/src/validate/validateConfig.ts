import type { NpvConfig } from '../config.js';
import type { Severity } from '../finding.js';
import { validateBoundaries } from './boundaries.js';
import { validateLatency } from './latency.js';
import { validateLint } from './lint.js';
import { validateIntegrity } from './integrity.js';
import { validateContracts } from './contracts.js';
import { closestMatch } from './suggest.js';
import { formatConfigPath } from './describe.js';
import { NpvError } from '../errors.js';
import {
  emptyRecord,
  expectEnum,
  expectGlobs,
  expectObject,
  expectString,
  rejectUnknownKeys,
  typeError,
  type ConfigPath,
  type ValidationScope,
} from './primitives.js';

export const CONFIG_KEYS = [
  '$schema',
  'include',
  'exclude',
  'tsconfig',
  'baseline',
  'rules',
  'boundaries',
  'contracts',
  'latency',
  'lint',
  'integrity',
] as const;

const RULE_ID = /^[A-Za-z0-9_-]+\/[A-Za-z0-9_/-]+$/;

export interface ValidateConfigOptions {
  /** The config file, shown in every error. */
  file: string;
  /** Rule ids of the registered checks; when given, `rules` may only name these. */
  knownRuleIds?: readonly string[];
}

function validateRules(
  scope: ValidationScope,
  path: ConfigPath,
  value: unknown,
  knownRuleIds: readonly string[] | undefined,
): Record<string, Severity | 'off'> {
  const record = expectObject(scope, path, value, 'an object mapping rule ids to "error", "warning", "info" or "off"');
  const rules = emptyRecord<Severity | 'off'>();
  for (const ruleId of Object.keys(record)) {
    const rulePath = [...path, ruleId];
    if (!RULE_ID.test(ruleId)) throw typeError(scope, rulePath, 'a rule id of the form "<check>/<rule>"', ruleId);
    if (knownRuleIds !== undefined && !knownRuleIds.includes(ruleId)) {
      const suggestion = closestMatch(ruleId, knownRuleIds);
      const where = formatConfigPath(rulePath);
      throw new NpvError(
        'NPV1004',
        `Unknown rule ${JSON.stringify(ruleId)} in ${scope.file} at ${where}.${suggestion === undefined ? '' : ` Did you mean "${suggestion}"?`} Run \`npvguard check --help\` or see docs/checks/ for the rule ids.`,
        { file: scope.file, path: where, expected: 'a rule id of a registered check', found: ruleId, ...(suggestion === undefined ? {} : { suggestion }) },
      );
    }
    rules[ruleId] = expectEnum(scope, rulePath, record[ruleId], ['error', 'warning', 'info', 'off']);
  }
  return rules;
}

/**
 * Checks an untrusted config value (from a user's config file) and returns a clean copy typed as NpvConfig.
 * Throws only NpvError: NPV1003 (wrong type), NPV1004 (unknown key), NPV1006 (unknown layer).
 */
export function validateConfig(value: unknown, options: ValidateConfigOptions): NpvConfig {
  const scope: ValidationScope = { file: options.file };
  const record = expectObject(scope, [], value, 'an object exported as the default export');
  rejectUnknownKeys(scope, [], record, CONFIG_KEYS);
  const config: NpvConfig = {};
  if (record.$schema !== undefined) expectString(scope, ['$schema'], record.$schema);
  if (record.include !== undefined) config.include = expectGlobs(scope, ['include'], record.include);
  if (record.exclude !== undefined) config.exclude = expectGlobs(scope, ['exclude'], record.exclude);
  if (record.tsconfig !== undefined) config.tsconfig = expectString(scope, ['tsconfig'], record.tsconfig, 'a path to a tsconfig file');
  if (record.baseline !== undefined) config.baseline = expectString(scope, ['baseline'], record.baseline, 'a path to the baseline file');
  if (record.rules !== undefined) config.rules = validateRules(scope, ['rules'], record.rules, options.knownRuleIds);
  if (record.boundaries !== undefined) config.boundaries = validateBoundaries(scope, ['boundaries'], record.boundaries);
  if (record.contracts !== undefined) config.contracts = validateContracts(scope, ['contracts'], record.contracts);
  if (record.latency !== undefined) config.latency = validateLatency(scope, ['latency'], record.latency);
  if (record.lint !== undefined) config.lint = validateLint(scope, ['lint'], record.lint);
  if (record.integrity !== undefined) config.integrity = validateIntegrity(scope, ['integrity'], record.integrity);
  return config;
}
