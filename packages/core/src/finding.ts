/** Severity of a finding. `error` fails the run; `warning` fails only past `--max-warnings`; `info` never fails. */
export type Severity = 'error' | 'warning' | 'info';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/**
 * One violation, as data. Every reporter, the MCP server and the hooks render this same object.
 * `file` is repo-relative POSIX; `line` and `column` are 1-based.
 */
export interface Finding {
  /** Stable id, `<check>/<rule>`, e.g. `boundaries/forbidden-import`. */
  ruleId: string;
  /** The check that produced it, e.g. `boundaries`. */
  check: string;
  severity: Severity;
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  message: string;
  /** What to do instead: one sentence an engineer or an agent can act on. */
  hint: string;
  docsUrl: string;
  /** Line-independent identity, stable across unrelated edits; used for `--base` and baselines. */
  fingerprint: string;
  /** Set when the finding already existed at `--base` or is accepted by the baseline file; such findings never fail the run. */
  baseline?: 'base' | 'file';
  /** Check-specific structured detail (an import specifier, a cycle's edges, a witness payload...). */
  data?: Record<string, unknown>;
}

/** What a check reports; the runner fills in `check`, `docsUrl`, `fingerprint` and `severity` defaults. */
export interface FindingInput {
  ruleId: string;
  severity?: Severity;
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  message: string;
  hint: string;
  /** Parts that identify the finding independently of line numbers; defaults to `[message]`. */
  fingerprintParts?: readonly string[];
  /** Documentation of a rule npvguard does not document itself (an ESLint rule's own page); default: npvguard's docs. */
  docsUrl?: string;
  data?: Record<string, unknown>;
}
