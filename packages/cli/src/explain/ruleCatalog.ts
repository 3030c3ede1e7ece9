import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Check, RuleMeta } from '@npvguard/core';
import { INTERNAL_RULES } from '../baseline/rules.js';
import { pluginRuleDocsFolder } from './docsLocation.js';

/** One rule as `npvguard rules`, `explain` and the MCP server list it. */
export interface CatalogRule {
  id: string;
  /** The check that reports it (`lint` for the ESLint plugin's rules, `baseline` for the baseline file's own). */
  check: string;
  description: string;
  defaultSeverity: RuleMeta['defaultSeverity'];
  /** The doc page: `checks/<check>.md` under docs/, or `rules/<rule>.md` of the ESLint plugin. */
  docs: string;
}

/** The lint check reports an ESLint rule `npvguard/<rule>` as `lint/npvguard/<rule>`. */
export const PLUGIN_RULE_PREFIX = 'lint/npvguard/';

function firstQuotedLine(markdown: string): string {
  const quote = markdown.split('\n').find((line) => line.startsWith('> '));
  return quote === undefined ? '' : quote.slice(2).trim();
}

/** The ESLint plugin's rules, one per doc page it ships (a plugin test keeps pages and rules equal). */
function pluginRules(readPage: (file: string) => string): CatalogRule[] {
  const folder = pluginRuleDocsFolder();
  if (folder === undefined) return [];
  return readdirSync(folder)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => {
      const rule = name.slice(0, -'.md'.length);
      return {
        id: `${PLUGIN_RULE_PREFIX}${rule}`,
        check: 'lint',
        description: firstQuotedLine(readPage(path.join(folder, name))),
        defaultSeverity: 'error',
        docs: `rules/${name}`,
      };
    });
}

/** Every rule id npvguard can report: each registered check's rules, the baseline file's, the ESLint plugin's. */
export function ruleCatalog(checks: readonly Check[], readPage: (file: string) => string): CatalogRule[] {
  const fromChecks = checks.flatMap((check) =>
    check.meta.rules.map((rule): CatalogRule => ({ id: rule.id, check: check.id, description: rule.description, defaultSeverity: rule.defaultSeverity, docs: check.meta.docs })),
  );
  const internal = INTERNAL_RULES.map((rule): CatalogRule => ({
    id: rule.id,
    check: 'baseline',
    description: rule.description,
    defaultSeverity: rule.defaultSeverity,
    docs: 'checks/baseline.md',
  }));
  return [...fromChecks, ...internal, ...pluginRules(readPage)];
}
