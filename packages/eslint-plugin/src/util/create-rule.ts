import { pluginRuleDocsUrl } from '@npvguard/core';
import { ESLintUtils } from '@typescript-eslint/utils';

/** Extra `meta.docs` fields every npvguard rule declares. */
export interface NpvguardRuleDocs {
  /** The rule needs `parserOptions.projectService` (or `project`) and is only in `recommended-type-checked`. */
  requiresTypeChecking?: boolean;
}

/** A rule's page; @npvguard/core builds the same URL for `lint/npvguard/<rule>`. */
export function ruleDocsUrl(name: string): string {
  return pluginRuleDocsUrl(name);
}

export const createRule = ESLintUtils.RuleCreator<NpvguardRuleDocs>(ruleDocsUrl);
