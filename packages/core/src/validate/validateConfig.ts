import type { NpvConfig } from '../config.js';
import type { Severity } from '../finding.js';
import type { ConfigSection } from '../check.js';
import { BOUNDARIES_SECTION } from './boundaries.js';
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

/** The keys every config may have, whatever checks are registered; each check adds its own section. */
export const CONFIG_KEYS = ['$schema', 'include', 'exclude', 'tsconfig', 'baseline', 'rules', 'agent'] as const;

/** A git ref as the config may name it: what `git check-ref-format` would allow, never an option. */
const CONFIG_REF = /^(?!-)(?!.*\.\.)(?!.*\/\/)(?!.*@\{)[A-Za-z0-9._/@^~-]+(?<![./])$/;

/** `<check>/<rule>`; a lint rule's part is its ESLint id, which may hold a scope (`lint/@typescript-eslint/no-explicit-any`). */
const RULE_ID = /^[A-Za-z0-9_-]+\/[A-Za-z0-9_@./-]+$/;

export interface ValidateConfigOptions {
  /** The config file, shown in every error. */
  file: string;
  /** Rule ids of the registered checks; when given, `rules` may only name these. */
  knownRuleIds?: readonly string[];
  /**
   * Prefixes under which a check reports rules another tool names (`lint/` for whatever ESLint rules the project
   * enables): a rule id under one of them is accepted without being listed.
   */
  openRulePrefixes?: readonly string[];
  /** The config sections of the registered checks; default: the boundaries section only (what core itself shares). */
  sections?: readonly ConfigSection[];
}

function validateRules(
  scope: ValidationScope,
  path: ConfigPath,
  value: unknown,
  knownRuleIds: readonly string[] | undefined,
  openRulePrefixes: readonly string[] = [],
): Record<string, Severity | 'off'> {
  const record = expectObject(scope, path, value, 'an object mapping rule ids to "error", "warning", "info" or "off"');
  const rules = emptyRecord<Severity | 'off'>();
  for (const ruleId of Object.keys(record)) {
    const rulePath = [...path, ruleId];
    if (!RULE_ID.test(ruleId)) throw typeError(scope, rulePath, 'a rule id of the form "<check>/<rule>"', ruleId);
    const open = openRulePrefixes.some((prefix) => ruleId.startsWith(prefix) && ruleId.length > prefix.length);
    if (knownRuleIds !== undefined && !knownRuleIds.includes(ruleId) && !open) {
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
 * Each section is validated by its check's `ConfigSection`; a key no section claims is unknown.
 * Throws only NpvError: NPV1003 (wrong type), NPV1004 (unknown key), NPV1006 (unknown layer).
 */
export function validateConfig(value: unknown, options: ValidateConfigOptions): NpvConfig {
  const scope: ValidationScope = { file: options.file };
  const sections = options.sections ?? [BOUNDARIES_SECTION];
  const record = expectObject(scope, [], value, 'an object exported as the default export');
  rejectUnknownKeys(scope, [], record, [...CONFIG_KEYS, ...new Set(sections.map((section) => section.key))]);
  const config: NpvConfig = {};
  if (record.$schema !== undefined) expectString(scope, ['$schema'], record.$schema);
  if (record.include !== undefined) config.include = expectGlobs(scope, ['include'], record.include);
  if (record.exclude !== undefined) config.exclude = expectGlobs(scope, ['exclude'], record.exclude);
  if (record.tsconfig !== undefined) config.tsconfig = expectString(scope, ['tsconfig'], record.tsconfig, 'a path to a tsconfig file');
  if (record.baseline !== undefined) config.baseline = expectString(scope, ['baseline'], record.baseline, 'a path to the baseline file');
  if (record.agent !== undefined) {
    const agent = expectObject(scope, ['agent'], record.agent, 'an object { base?: "<branch>" }');
    rejectUnknownKeys(scope, ['agent'], agent, ['base']);
    config.agent = {};
    if (agent.base !== undefined) {
      const base = expectString(scope, ['agent', 'base'], agent.base, 'a branch name such as "main" or "origin/main"');
      if (!CONFIG_REF.test(base)) throw typeError(scope, ['agent', 'base'], 'a branch name such as "main" or "origin/main"', base);
      config.agent.base = base;
    }
  }
  if (record.rules !== undefined) config.rules = validateRules(scope, ['rules'], record.rules, options.knownRuleIds, options.openRulePrefixes);
  const sectionValues = config as Record<string, unknown>;
  for (const section of sections) {
    if (record[section.key] !== undefined && sectionValues[section.key] === undefined) {
      sectionValues[section.key] = section.validate(scope, [section.key], record[section.key]);
    }
  }
  return config;
}
