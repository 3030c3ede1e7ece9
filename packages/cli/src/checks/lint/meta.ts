import type { CheckMeta } from '@npvguard/core';

export const LINT_RULES = {
  parseError: 'lint/parse-error',
  unusedDisableDirective: 'lint/unused-disable-directive',
  inlineConfigProblem: 'lint/inline-config-problem',
  unmatchedFile: 'lint/unmatched-file',
} as const;

/**
 * The lint check's own rules. Every other `lint/<rule>` id is an ESLint rule of the project's config
 * named `lint/<its ESLint id>`: `lint/npvguard/<rule>` for eslint-plugin-npvguard's, `lint/<plugin>/<rule>` or `lint/<core rule>` otherwise,
 * documented by its plugin.
 */
export const lintMeta: CheckMeta = {
  description: 'Runs ESLint (the project\'s own config, else eslint-plugin-npvguard\'s recommended config) on the checked files and reports its messages as lint/<ESLint rule id> findings.',
  docs: 'checks/lint.md',
  openRulePrefix: 'lint/',
  rules: [
    { id: LINT_RULES.parseError, description: 'ESLint could not parse a file, so no rule could check it.', defaultSeverity: 'error' },
    {
      id: LINT_RULES.unusedDisableDirective,
      description: 'An eslint-disable or eslint-enable comment suppresses nothing; ESLint reports it when the config asks (`linterOptions.reportUnusedDisableDirectives`).',
      defaultSeverity: 'warning',
    },
    { id: LINT_RULES.inlineConfigProblem, description: 'An inline ESLint configuration comment is invalid (an unknown rule, bad options), so ESLint ignored it.', defaultSeverity: 'error' },
    { id: LINT_RULES.unmatchedFile, description: 'No object of the ESLint config applies to a checked file, so it was not linted at all.', defaultSeverity: 'error' },
  ],
};
