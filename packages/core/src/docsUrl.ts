/** Where the docs of a released npvguard live; every finding's docsUrl starts here. */
export const DOCS_BASE_URL = 'https://github.com/npvguard/npvguard/blob/main/docs/';

/** `boundaries/forbidden-import` → `<docs>/checks/boundaries.md#forbidden-import`; the one place rule doc URLs are built. */
export function docsUrlFor(ruleId: string): string {
  const slash = ruleId.indexOf('/');
  if (slash === -1) return `${DOCS_BASE_URL}checks/${ruleId}.md`;
  const check = ruleId.slice(0, slash);
  const rule = ruleId.slice(slash + 1);
  return `${DOCS_BASE_URL}checks/${check}.md#${rule}`;
}

/** Anchor of an error code's row in docs/errors.md, e.g. `docs/errors.md#npv1003`. */
export function errorDocsPath(code: string): string {
  return `docs/errors.md#${code.toLowerCase()}`;
}
