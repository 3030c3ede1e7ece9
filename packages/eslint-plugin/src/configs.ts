import type { TSESLint } from '@typescript-eslint/utils';
import type { RuleName } from './rules/index.js';

export type ConfigName = 'recommended' | 'recommended-type-checked';

type Severity = 'error' | 'warn' | 'off';

/** Syntax-only rules: they need no type information and run in any TypeScript or JavaScript project. */
export const RECOMMENDED_RULES: Partial<Record<RuleName, Severity>> = {
  'deterministic-ranking': 'error',
  'no-await-side-effects': 'error',
  'no-nan-unsafe-sort': 'error',
  'no-per-request-client': 'error',
  'no-pii-in-logs': 'error',
  'no-pii-in-model-inputs': 'error',
  'no-process-env-outside-config': 'error',
  // A heuristic about latency, not correctness: a warning the author can judge.
  'no-sequential-independent-awaits': 'warn',
  'no-sync-io-in-request-path': 'error',
  'no-unbounded-fanout': 'error',
  'oip-outputs-by-name': 'error',
  'require-timeout': 'error',
  'route-requires-schema': 'error',
  'unique-experiment-salt': 'error',
};

/** The recommended rules with each syntax-only rule that has a type-checked variant replaced by it. */
export const RECOMMENDED_TYPE_CHECKED_RULES: Partial<Record<RuleName, Severity>> = {
  ...RECOMMENDED_RULES,
  'no-await-side-effects': 'off',
  'no-await-side-effects-type-checked': 'error',
  'require-timeout': 'off',
  'require-timeout-type-checked': 'error',
};

/**
 * Rules in no config, and why: each needs project-specific settings before it can say anything.
 * A meta-test checks every rule is in a config or listed here.
 */
export const RULES_LEFT_OUT_OF_CONFIGS: Readonly<Partial<Record<RuleName, string>>> = {
  boundaries:
    'needs the `boundaries` section of the project\'s npvguard config in `settings.npvguard.boundaries`; enabled without it, it reports that it is not configured',
};

/**
 * The rules are about service code: tests deliberately build bad inputs (duplicate salts, requests without
 * timeouts against a local server), so the configs leave test files out.
 */
export const TEST_FILES: readonly string[] = [
  '**/tests/**',
  '**/test/**',
  '**/__tests__/**',
  '**/{test-utils,test-helpers,testing}/**',
  '**/*.{test,spec}.{ts,tsx,mts,cts,js,mjs,cjs}',
];

export function prefixed(rules: Partial<Record<RuleName, Severity>>): TSESLint.FlatConfig.Rules {
  return Object.fromEntries(Object.entries(rules).map(([name, severity]) => [`npvguard/${name}`, severity]));
}
