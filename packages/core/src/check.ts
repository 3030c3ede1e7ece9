import type { FindingInput } from './finding.js';
import type { NpvConfig } from './config.js';

/** Documentation of one rule id a check can report. */
export interface RuleMeta {
  /** Full id, `<check>/<rule>`. */
  id: string;
  description: string;
  defaultSeverity: 'error' | 'warning' | 'info';
}

export interface CheckMeta {
  description: string;
  rules: readonly RuleMeta[];
  /** Path of the check's doc page, relative to the repo's docs/ folder. */
  docs: string;
  /**
   * Rule ids under this prefix may be reported without a `rules` entry: rules named by another tool (the lint
   * check reports `lint/<ESLint rule>` for whatever rules the project's ESLint config enables).
   */
  openRulePrefix?: string;
}

/** What a check gets to run: the environment is injected so checks stay testable. */
export interface CheckContext {
  /** Absolute path of the project root (the folder holding the config). */
  root: string;
  config: NpvConfig;
  /** Every source file of the project (config `include` minus `exclude`), repo-relative POSIX, sorted. */
  files: readonly string[];
  /** Repo-relative POSIX paths given on the command line; empty means the whole project. */
  paths: readonly string[];
  /** Git ref given with --base, validated. */
  base?: string;
  /** Set in the run on the --base commit whose findings mark the head's as baseline (that run has no `base`). */
  atBase?: boolean;
  /** `--measure`: run the slow, measured parts of checks (load tests, base comparisons) as well. */
  measure?: boolean;
  report(finding: FindingInput): void;
  /** Attach check-level data to the check's entry in the result. */
  setData(data: Record<string, unknown>): void;
}

/** A check is a plain object; `run` reports findings as data and throws only when it could not run. */
export interface Check {
  id: string;
  meta: CheckMeta;
  /**
   * Whether the config asks for this check. Default: the config has a section named like the check's id.
   * A check that is not configured is reported as `skipped`, never as a pass.
   */
  isConfigured?(config: NpvConfig): boolean;
  run(context: CheckContext): Promise<void>;
}
