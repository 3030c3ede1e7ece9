import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { NpvError, type Check } from '@npvguard/core';
import { docsFolders, pluginRuleDocsFolder } from './docsLocation.js';
import { closestIds } from './closestIds.js';
import { pluginPageName, ruleCatalog, rulePagePath, type CatalogRule } from './ruleCatalog.js';
import { currentLintRuleId, oldRuleIdNote, PLUGIN_RULE_PREFIX } from '../modules/lintRuleIds.js';

export interface RuleExplanation {
  rule: CatalogRule;
  /** The rule's page (Markdown): what, why, ❌/✅ examples, how to fix, when not to use it. */
  markdown: string;
  /** Where the page is, as the rule's `docs` names it. */
  source: string;
  /** Set when the id asked for is an old one: which id to write instead. */
  note?: string;
}

function readPage(file: string): string {
  return readFileSync(file, 'utf8');
}

export function listRules(checks: readonly Check[]): CatalogRule[] {
  return ruleCatalog(checks, readPage);
}

/**
 * Ids a person may type for the same rule: the id its findings print (`lint/npvguard/require-timeout`), its id in
 * ESLint (`npvguard/require-timeout`, `no-console`), or the old `lint/require-timeout` (with a note).
 */
function canonicalId(given: string, known: ReadonlySet<string>): { id: string; note?: string } | undefined {
  const trimmed = given.trim();
  const current = currentLintRuleId(trimmed);
  if (current !== undefined && known.has(current)) return { id: current, note: oldRuleIdNote(trimmed, current, 'The id asked for') };
  const candidates = [trimmed, `lint/${trimmed}`, `${PLUGIN_RULE_PREFIX}${trimmed}`];
  const id = candidates.find((candidate) => known.has(candidate));
  return id === undefined ? undefined : { id };
}

/** Where the page may be: npvguard's docs folders for its own rules, the plugin's docs folder for the plugin's. */
function candidateFiles(rule: CatalogRule): string[] {
  if (path.isAbsolute(rule.docs)) return [rule.docs];
  const pluginPage = pluginPageName(rule);
  if (pluginPage === undefined) return docsFolders().map((folder) => path.join(folder, rulePagePath(rule.id)));
  const folder = pluginRuleDocsFolder();
  return folder === undefined ? [] : [path.join(folder, pluginPage)];
}

function pageFile(rule: CatalogRule): string {
  const file = candidateFiles(rule).find((candidate) => existsSync(candidate));
  if (file === undefined) throw new NpvError('NPV2402', `The documentation page ${rule.docs} of ${rule.id} was not found next to npvguard.`, { ruleId: rule.id });
  return file;
}

/** `npvguard explain <ruleId>`: the rule's page; an unknown id fails with the closest ids. */
export function explainRule(ruleId: string, checks: readonly Check[]): RuleExplanation {
  const rules = listRules(checks);
  const found = canonicalId(ruleId, new Set(rules.map((rule) => rule.id)));
  const rule = rules.find((candidate) => candidate.id === found?.id);
  if (rule === undefined) {
    const suggestions = closestIds(ruleId, rules.map((candidate) => candidate.id));
    const hint = suggestions.length === 0 ? 'Run `npvguard rules` for every rule id.' : `Did you mean ${suggestions.map((suggestion) => `"${suggestion}"`).join(', ')}?`;
    throw new NpvError('NPV2401', `Unknown rule id "${ruleId}". ${hint}`, { ruleId, suggestions });
  }
  return { rule, markdown: readPage(pageFile(rule)).trimEnd(), source: rule.docs, ...(found?.note === undefined ? {} : { note: found.note }) };
}
