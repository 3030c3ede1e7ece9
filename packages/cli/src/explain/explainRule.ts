import { readFileSync } from 'node:fs';
import path from 'node:path';
import { NpvError, type Check } from '@npvguard/core';
import { checkDocsFolders, pluginRuleDocsFolder } from './docsLocation.js';
import { headingId, markdownSections } from './markdownSections.js';
import { closestIds } from './closestIds.js';
import { ruleCatalog, PLUGIN_RULE_PREFIX, type CatalogRule } from './ruleCatalog.js';

export interface RuleExplanation {
  rule: CatalogRule;
  /** The rule's section of its doc page (Markdown): what, why, ❌/✅ examples, how to fix. */
  markdown: string;
  /** The page it came from, relative to the docs folder. */
  source: string;
}

function readPage(file: string): string {
  return readFileSync(file, 'utf8');
}

export function listRules(checks: readonly Check[]): CatalogRule[] {
  return ruleCatalog(checks, readPage);
}

/** Ids an agent or a person may type for the same rule: `npvguard/require-timeout` for `lint/npvguard/require-timeout`. */
function canonicalId(given: string, known: ReadonlySet<string>): string | undefined {
  const trimmed = given.trim();
  for (const candidate of [trimmed, `lint/${trimmed}`, `${PLUGIN_RULE_PREFIX}${trimmed}`]) {
    if (known.has(candidate)) return candidate;
  }
  return undefined;
}

function pageFile(rule: CatalogRule): string {
  if (rule.id.startsWith(PLUGIN_RULE_PREFIX)) {
    const folder = pluginRuleDocsFolder();
    if (folder !== undefined) return path.join(folder, path.basename(rule.docs));
  } else {
    for (const folder of checkDocsFolders()) {
      const file = path.join(folder, path.basename(rule.docs));
      try {
        readFileSync(file);
        return file;
      } catch {
        // Try the next location.
      }
    }
  }
  throw new NpvError('NPV2402', `The documentation page ${rule.docs} of ${rule.id} was not found next to npvguard.`, { ruleId: rule.id });
}

/** The section headed by the rule's full id, or by its id within its page (`stale-entry`, `api-path-removed`). */
function ruleSection(markdown: string, rule: CatalogRule): string | undefined {
  const sections = markdownSections(markdown);
  const local = rule.id.slice(rule.id.indexOf('/') + 1);
  const byFullId = sections.find((section) => section.level >= 2 && headingId(section.title) === rule.id);
  const byLocalId = sections.find((section) => section.level >= 2 && headingId(section.title) === local);
  return (byFullId ?? byLocalId)?.text;
}

/** `npvguard explain <ruleId>`: the rule's doc section; an unknown id fails with the closest ids. */
export function explainRule(ruleId: string, checks: readonly Check[]): RuleExplanation {
  const rules = listRules(checks);
  const id = canonicalId(ruleId, new Set(rules.map((rule) => rule.id)));
  const rule = rules.find((candidate) => candidate.id === id);
  if (rule === undefined) {
    const suggestions = closestIds(ruleId, rules.map((candidate) => candidate.id));
    const hint = suggestions.length === 0 ? 'Run `npvguard rules` for every rule id.' : `Did you mean ${suggestions.map((suggestion) => `"${suggestion}"`).join(', ')}?`;
    throw new NpvError('NPV2401', `Unknown rule id "${ruleId}". ${hint}`, { ruleId, suggestions });
  }
  const file = pageFile(rule);
  const markdown = readPage(file);
  // A plugin rule has a page of its own; a check's rule is one section of the check's page.
  const section = rule.id.startsWith(PLUGIN_RULE_PREFIX) ? markdown.trimEnd() : ruleSection(markdown, rule);
  if (section === undefined) {
    throw new NpvError('NPV2402', `The page ${rule.docs} has no section for ${rule.id}.`, { ruleId: rule.id });
  }
  return { rule, markdown: section, source: rule.docs };
}
