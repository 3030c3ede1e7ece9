/** The lint check's `data`: the ESLint and config in use, what was linted and, under `--base`, how the scope was chosen. */
export interface LintData {
  /** The config file (root-relative), or the plugin's recommended config when the project has none. */
  config: string;
  /** The ESLint that ran: the project's own, resolved from its root, or npvguard's copy where it has none. */
  eslint: { version: string; path: string; source: 'project' | 'bundled' };
  /** The project's TypeScript, which its typescript-eslint parser uses; checked when the project's config runs. */
  typescript?: { version: string; path: string };
  filesLinted: number;
  filesIgnored: number;
  scope?: { kind: 'affected'; changedFiles: number } | { kind: 'all'; reason: string };
}
