import type { Finding, Result, RuleMeta } from '@npvguard/core';

export interface ReporterOptions {
  /** ANSI colours (stylish only); decided by colorEnabled from NO_COLOR, FORCE_COLOR and the TTY. */
  color: boolean;
  /** Metadata of every rule that can be reported (SARIF rules, JUnit and Markdown titles). */
  rules: readonly RuleMeta[];
  /** POSIX path from the working directory to the project root ('' when they are the same); prefixes shown paths. */
  pathPrefix: string;
  /** compact: show at most this many findings, then one "N more" line (agents read every line they get). */
  maxFindings?: number;
  /** compact: lines the change added or modified per root-relative file (from `--base`); their findings come first. */
  changedLines?: ReadonlyMap<string, ReadonlySet<number>>;
}

/** A reporter is a pure function from the result to the text to print or write. */
export type Reporter = (result: Result, options: ReporterOptions) => string;

export function shownPath(file: string, options: Pick<ReporterOptions, 'pathPrefix'>): string {
  return options.pathPrefix === '' ? file : `${options.pathPrefix}/${file}`;
}

/** Findings that count: those not already at --base or accepted in the baseline file. */
export function newFindings(result: Result): Finding[] {
  return result.findings.filter((finding) => finding.baseline === undefined);
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
