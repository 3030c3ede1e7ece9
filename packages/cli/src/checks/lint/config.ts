import type { EslintRuleSetting, LintConfig , ConfigSection } from '@npvguard/core';
import {
  emptyRecord,
  expectObject,
  expectEnum,
  expectString,
  rejectUnknownKeys,
  typeError,
  type ConfigPath,
  type ValidationScope,
} from '@npvguard/core';

export const LINT_KEYS = ['config', 'rules', 'scope'] as const;
export const LINT_SCOPES = ['affected', 'all'] as const;

const SEVERITIES: readonly unknown[] = ['off', 'warn', 'error', 0, 1, 2];
const RULE_SETTING_EXPECTED = '"off", "warn", "error" (or 0, 1, 2), or an array starting with one of them followed by the rule\'s options';

function validateRuleSetting(scope: ValidationScope, path: ConfigPath, value: unknown): EslintRuleSetting {
  if (SEVERITIES.includes(value)) return value as EslintRuleSetting;
  if (Array.isArray(value) && value.length > 0 && SEVERITIES.includes(value[0])) return value as unknown as EslintRuleSetting;
  throw typeError(scope, path, RULE_SETTING_EXPECTED, value);
}

/** The `lint` section: which ESLint config to use, and rule settings laid over it. */
export function validateLint(scope: ValidationScope, path: ConfigPath, value: unknown): LintConfig {
  const record = expectObject(scope, path, value, 'an object (the lint check\'s settings), e.g. {} to lint with the project\'s ESLint config');
  rejectUnknownKeys(scope, path, record, LINT_KEYS);
  const lint: LintConfig = {};
  if (record.config !== undefined) lint.config = expectString(scope, [...path, 'config'], record.config, 'a path to an ESLint flat config file');
  if (record.scope !== undefined) lint.scope = expectEnum(scope, [...path, 'scope'], record.scope, LINT_SCOPES);
  if (record.rules !== undefined) {
    const rules = expectObject(scope, [...path, 'rules'], record.rules, 'an object mapping ESLint rule ids to their settings');
    const settings = emptyRecord<EslintRuleSetting>();
    for (const ruleId of Object.keys(rules)) {
      if (ruleId.trim() === '') throw typeError(scope, [...path, 'rules', ruleId], 'an ESLint rule id', ruleId);
      settings[ruleId] = validateRuleSetting(scope, [...path, 'rules', ruleId], rules[ruleId]);
    }
    lint.rules = settings;
  }
  return lint;
}

/** The `lint` section of the config, validated by the lint check. */
export const LINT_SECTION: ConfigSection<LintConfig> = { key: 'lint', keys: LINT_KEYS, validate: validateLint };
