import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * One id per lint rule everywhere: `lint/` and the rule's id in ESLint. eslint-plugin-npvguard's rules are
 * `npvguard/<rule>` in ESLint, so `lint/npvguard/require-timeout`; a core rule is `lint/no-console`, another
 * plugin's `lint/@typescript-eslint/no-explicit-any`. Findings print it, and `explain`, the config's `rules` and
 * the baseline file take it. Here, with module loading, because it resolves the installed plugin to know its rules.
 */
export const LINT_RULE_PREFIX = 'lint/';

/** ESLint's name of the plugin: its rules are `npvguard/<rule>`. */
const PLUGIN_NAMESPACE = 'npvguard/';

/** The lint check reports an ESLint rule `npvguard/<rule>` as `lint/npvguard/<rule>`. */
export const PLUGIN_RULE_PREFIX = `${LINT_RULE_PREFIX}${PLUGIN_NAMESPACE}`;

/** `npvguard/require-timeout` → `lint/npvguard/require-timeout`; `no-console` → `lint/no-console`. */
export function lintRuleId(eslintRuleId: string): string {
  return `${LINT_RULE_PREFIX}${eslintRuleId}`;
}

/** The ESLint plugin's rule pages ship inside the plugin package (its `files` include `docs`). */
export function pluginRuleDocsFolder(): string | undefined {
  const require = createRequire(import.meta.url);
  let entry: string;
  try {
    entry = require.resolve('eslint-plugin-npvguard');
  } catch {
    return undefined;
  }
  // The entry is `<plugin>/dist/index.js`.
  const folder = path.resolve(path.dirname(entry), '..', 'docs', 'rules');
  return existsSync(folder) ? folder : undefined;
}

let pluginNames: ReadonlySet<string> | undefined;

/** The plugin's rule names (`require-timeout`), one per page it ships (a plugin test keeps pages and rules equal). */
export function pluginRuleNames(): ReadonlySet<string> {
  if (pluginNames !== undefined) return pluginNames;
  const folder = pluginRuleDocsFolder();
  const names = folder === undefined ? [] : readdirSync(folder).filter((name) => name.endsWith('.md')).map((name) => name.slice(0, -'.md'.length));
  pluginNames = new Set(names);
  return pluginNames;
}

/**
 * The id an older npvguard printed for a plugin rule, `lint/require-timeout`, as the id of today,
 * `lint/npvguard/require-timeout`; undefined for any other id (a current one, a core ESLint rule).
 */
export function currentLintRuleId(ruleId: string): string | undefined {
  if (!ruleId.startsWith(LINT_RULE_PREFIX)) return undefined;
  const name = ruleId.slice(LINT_RULE_PREFIX.length);
  if (name.includes('/') || !pluginRuleNames().has(name)) return undefined;
  return `${PLUGIN_RULE_PREFIX}${name}`;
}

/** The note shown when an old id is used: where it was written, and the id to write instead. */
export function oldRuleIdNote(oldId: string, currentId: string, where: string): string {
  return `${where} names the rule by its old id ${oldId}; write ${currentId} (the id its findings print). The old id still works for now.`;
}
