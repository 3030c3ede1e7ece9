import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Check, RuleMeta } from '@npvguard/core';
import { INTERNAL_RULES } from '../baseline/rules.js';
import { PLUGIN_RULE_PREFIX, pluginRuleDocsFolder } from '../modules/lintRuleIds.js';

/** One rule as `npvguard rules`, `explain` and the MCP server list it. */
export interface CatalogRule {
  id: string;
  /** The check that reports it (`lint` for the ESLint plugin's rules, `baseline` for the baseline file's own). */
  check: string;
  description: string;
  defaultSeverity: RuleMeta['defaultSeverity'];
  /**
   * The rule's page: `docs/rules/<check>/<rule>.md` of npvguard, `eslint-plugin-npvguard/docs/rules/<rule>.md`, or
   * the absolute path of the page of a check from elsewhere (`meta.docsFolder`).
   */
  docs: string;
}

export { PLUGIN_RULE_PREFIX };

/** Where a rule's page is under npvguard's docs folder: `boundaries/forbidden-import` → `rules/boundaries/forbidden-import.md`. */
export function rulePagePath(ruleId: string): string {
  return `rules/${ruleId}.md`;
}

const PLUGIN_DOCS = 'eslint-plugin-npvguard/docs/rules/';

/** The page of a plugin rule inside the plugin's docs/rules folder, or undefined for any other rule. */
export function pluginPageName(rule: CatalogRule): string | undefined {
  return rule.docs.startsWith(PLUGIN_DOCS) ? rule.docs.slice(PLUGIN_DOCS.length) : undefined;
}

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
    .map((name) => ({
      id: `${PLUGIN_RULE_PREFIX}${name.slice(0, -'.md'.length)}`,
      check: 'lint',
      description: firstQuotedLine(readPage(path.join(folder, name))),
      defaultSeverity: 'error',
      docs: `${PLUGIN_DOCS}${name}`,
    }));
}

/** A rule's page: npvguard's own under docs/rules/, a check from elsewhere's in the folder its meta names. */
function pageOf(rule: RuleMeta, check: Check | undefined): string {
  const folder = check?.meta.docsFolder;
  if (folder === undefined) return `docs/${rulePagePath(rule.id)}`;
  return path.join(fileURLToPath(folder), `${rule.id.slice(rule.id.indexOf('/') + 1)}.md`);
}

function catalogRule(rule: RuleMeta, checkId: string, check?: Check): CatalogRule {
  return { id: rule.id, check: checkId, description: rule.description, defaultSeverity: rule.defaultSeverity, docs: pageOf(rule, check) };
}

/** Every rule id npvguard can report: each registered check's rules, the baseline file's, the ESLint plugin's. */
export function ruleCatalog(checks: readonly Check[], readPage: (file: string) => string): CatalogRule[] {
  const fromChecks = checks.flatMap((check) => check.meta.rules.map((rule) => catalogRule(rule, check.id, check)));
  const internal = INTERNAL_RULES.map((rule) => catalogRule(rule, 'baseline'));
  return [...fromChecks, ...internal, ...pluginRules(readPage)];
}
