import type { CheckMeta } from '@npvguard/core';

export const INTEGRITY_RULES = {
  eslintDisable: 'integrity/eslint-disable',
  tsSuppression: 'integrity/ts-suppression',
  asAny: 'integrity/as-any',
  asUnknownAs: 'integrity/as-unknown-as',
  skippedTest: 'integrity/skipped-test',
  focusedTest: 'integrity/focused-test',
  deletedTestFile: 'integrity/deleted-test-file',
  fewerTestCases: 'integrity/fewer-test-cases',
  fewerPropertyRuns: 'integrity/fewer-property-runs',
  unresolvedValue: 'integrity/unresolved-value',
  npvguardConfigLoosened: 'integrity/npvguard-config-loosened',
  eslintConfigLoosened: 'integrity/eslint-config-loosened',
  tsconfigLoosened: 'integrity/tsconfig-loosened',
  snapshotWithoutRouteChange: 'integrity/snapshot-without-route-change',
  acknowledgementsGrown: 'integrity/acknowledgements-grown',
} as const;

export const integrityMeta: CheckMeta = {
  description: 'Looks at the change itself (the git diff against --base, or the uncommitted work against HEAD) for weakened guardrails: new suppressions, unsafe casts, skipped or deleted tests, fewer property runs, loosened configuration, contract snapshots changed without route code, grown baselines.',
  docs: 'checks/integrity.md',
  rules: [
    { id: INTEGRITY_RULES.eslintDisable, description: 'The change adds an eslint-disable comment (or an inline config comment turning a rule off).', defaultSeverity: 'error' },
    { id: INTEGRITY_RULES.tsSuppression, description: 'The change adds a @ts-ignore, @ts-nocheck or @ts-expect-error comment.', defaultSeverity: 'error' },
    { id: INTEGRITY_RULES.asAny, description: 'The change adds an `as any` (or `<any>`) type assertion.', defaultSeverity: 'error' },
    { id: INTEGRITY_RULES.asUnknownAs, description: 'The change adds an `as unknown as T` double assertion outside test files.', defaultSeverity: 'error' },
    { id: INTEGRITY_RULES.skippedTest, description: 'The change skips a test: `.skip`, `.todo`, `.skipIf`, `xit`, `xdescribe`.', defaultSeverity: 'error' },
    { id: INTEGRITY_RULES.focusedTest, description: 'The change focuses a test with `.only`, `fit` or `fdescribe`, so the others stop running.', defaultSeverity: 'error' },
    { id: INTEGRITY_RULES.deletedTestFile, description: 'The change deletes a test file whose test cases do not reappear elsewhere.', defaultSeverity: 'error' },
    { id: INTEGRITY_RULES.fewerTestCases, description: 'A test file has fewer test cases than at the base, and the missing ones do not reappear elsewhere.', defaultSeverity: 'error' },
    { id: INTEGRITY_RULES.fewerPropertyRuns, description: 'A fast-check property runs fewer times than at the base (a lowered numRuns).', defaultSeverity: 'error' },
    { id: INTEGRITY_RULES.unresolvedValue, description: 'A value the change is compared on (a property\'s numRuns, the rows of a test table) cannot be resolved from the source, so it is not compared with the base.', defaultSeverity: 'warning' },
    { id: INTEGRITY_RULES.npvguardConfigLoosened, description: 'The npvguard config is looser than at the base: a budget raised, an allow-list widened, a check section removed, a rule turned off or down.', defaultSeverity: 'error' },
    { id: INTEGRITY_RULES.eslintConfigLoosened, description: 'An ESLint rule that was on at the base is off or downgraded for the project\'s files.', defaultSeverity: 'error' },
    { id: INTEGRITY_RULES.tsconfigLoosened, description: 'A TypeScript strictness option that was on at the base is off.', defaultSeverity: 'error' },
    { id: INTEGRITY_RULES.snapshotWithoutRouteChange, description: 'A contract snapshot changed, but no route code did: the snapshot was edited to match, not regenerated from code.', defaultSeverity: 'error' },
    { id: INTEGRITY_RULES.acknowledgementsGrown, description: 'The baseline file or another file of accepted findings has more entries than at the base.', defaultSeverity: 'error' },
  ],
};
