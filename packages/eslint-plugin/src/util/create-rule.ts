import { ESLintUtils } from '@typescript-eslint/utils';

export const DOCS_BASE_URL = 'https://github.com/npvguard/npvguard/blob/main/packages/eslint-plugin/docs/rules/';

/** Extra `meta.docs` fields every npvguard rule declares. */
export interface NpvguardRuleDocs {
  /** The rule needs `parserOptions.projectService` (or `project`) and is only in `recommended-type-checked`. */
  requiresTypeChecking?: boolean;
}

export function ruleDocsUrl(name: string): string {
  return `${DOCS_BASE_URL}${name}.md`;
}

export const createRule = ESLintUtils.RuleCreator<NpvguardRuleDocs>(ruleDocsUrl);
