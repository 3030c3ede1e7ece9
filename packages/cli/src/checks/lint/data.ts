/** The lint check's `data`: the ESLint config in use, what was linted and, under `--base`, how the scope was chosen. */
export interface LintData {
  /** The config file (root-relative), or the plugin's recommended config when the project has none. */
  config: string;
  filesLinted: number;
  filesIgnored: number;
  scope?: { kind: 'affected'; changedFiles: number } | { kind: 'all'; reason: string };
}
