/** Where the docs of a released npvguard live; every finding's docsUrl starts here. */
export const DOCS_BASE_URL = 'https://github.com/npvguard/npvguard/blob/main/docs/';

/** Where eslint-plugin-npvguard's rule pages live; the plugin builds its rules' `meta.docs.url` from it. */
export const PLUGIN_DOCS_BASE_URL = 'https://github.com/npvguard/npvguard/blob/main/packages/eslint-plugin/docs/rules/';

/** The lint check lists the ESLint plugin's rules as `lint/npvguard/<rule>`. */
const PLUGIN_RULE_PREFIX = 'lint/npvguard/';

/** `require-timeout` → the plugin's page of that rule. */
export function pluginRuleDocsUrl(rule: string): string {
  return `${PLUGIN_DOCS_BASE_URL}${rule}.md`;
}

/**
 * The page of a rule id, the one place rule doc URLs are built: `boundaries/forbidden-import` →
 * `<docs>/rules/boundaries/forbidden-import.md`, `lint/npvguard/require-timeout` → the plugin's page, a bare check id
 * `latency` → `<docs>/checks/latency.md`.
 */
export function docsUrlFor(ruleId: string): string {
  if (ruleId.startsWith(PLUGIN_RULE_PREFIX)) return pluginRuleDocsUrl(ruleId.slice(PLUGIN_RULE_PREFIX.length));
  if (!ruleId.includes('/')) return `${DOCS_BASE_URL}checks/${ruleId}.md`;
  return `${DOCS_BASE_URL}rules/${ruleId}.md`;
}

/** Anchor of an error code's row in docs/errors.md, e.g. `docs/errors.md#npv1003` (a path inside npvguard's repository). */
export function errorDocsPath(code: string): string {
  return `docs/errors.md#${code.toLowerCase()}`;
}

/**
 * Where an error code is explained for someone who installed npvguard: the published page of the code's row. Offline,
 * `npvguard explain <code>` prints the same row from the installed package.
 */
export function errorDocsUrl(code: string): string {
  return `${DOCS_BASE_URL}errors.md#${code.toLowerCase()}`;
}

/** The line under an error: how to read its explanation offline, and where it is published. */
export function errorDocsLine(code: string): string {
  return `run \`npvguard explain ${code}\`, or see ${errorDocsUrl(code)}`;
}
