import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The CLI package folder: this file is `<package>/dist/explain/docsLocation.js` (or `src/...` under vitest). */
function cliPackageRoot(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
}

/**
 * Where npvguard's docs are (`rules/<check>/<rule>.md`, `checks/<check>.md` under it). An installed CLI reads the copy
 * `npm pack` bundles into `<package>/dist/docs` (scripts/bundleDocs.js); a checkout reads the repo's own `docs`, so a
 * fresh clone needs no extra build step and never shows stale pages.
 */
export function docsFolders(packageRoot: string = cliPackageRoot()): string[] {
  return [path.join(packageRoot, 'dist', 'docs'), path.resolve(packageRoot, '..', '..', 'docs')].filter((folder) => existsSync(path.join(folder, 'rules')));
}

export { pluginRuleDocsFolder } from '../modules/lintRuleIds.js';
