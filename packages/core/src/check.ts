import type { FindingInput } from './finding.js';
import type { NpvConfig } from './config.js';
import type { ConfigPath, ValidationScope } from './validate/primitives.js';
import type { Block } from './blocks.js';
import type { ChangeSource } from './change.js';

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
   * A check that does not ship with npvguard: the folder (a file URL) holding its rule pages, one `<rule>.md` per
   * rule id `<check>/<rule>`. npvguard's own checks keep theirs in docs/rules/<check>/.
   */
  docsFolder?: string;
  /**
   * Rule ids under this prefix may be reported without a `rules` entry: rules named by another tool (the lint
   * check reports `lint/<ESLint rule>` for whatever rules the project's ESLint config enables).
   */
  openRulePrefix?: string;
}

/** A check's own section of the config file, validated by the check that reads it. */
export interface ConfigSection<T = unknown> {
  /** The top-level key of the config holding the section, e.g. `latency`. */
  key: string;
  /** The keys the section accepts at its top level (documented in docs/configuration.md). */
  keys: readonly string[];
  /** Checks an untrusted value and returns a clean copy; throws NpvError (NPV1xxx) naming `scope.file` and `path`. */
  validate(scope: ValidationScope, path: ConfigPath, value: unknown): T;
}

/** What the runner may do with a check besides calling `run` in the main thread. */
export interface CheckTraits {
  /**
   * The check can run in a worker thread, which imports the check's `module` and finds the check there by id: it
   * needs nothing from its context but plain data and reports plain data. CPU-bound checks then run side by side.
   */
  worker?: boolean;
  /**
   * Each finding depends only on the file it is reported in (ESLint's model). At `--base` such a check needs to run
   * only on the files holding head findings.
   */
  findingsPerFile?: boolean;
  /** Cheap enough to run after every edit of an agent, on the touched files only (the post-edit hooks). */
  editLoop?: boolean;
}

/** What a check gets to run: the environment is injected so checks stay testable. */
export interface CheckContext<Data extends object = object> {
  /** Absolute path of the project root (the folder holding the config). */
  root: string;
  config: NpvConfig;
  /** Every source file of the project (config `include` minus `exclude`), repo-relative POSIX, sorted. */
  files: readonly string[];
  /** Repo-relative POSIX paths given on the command line; empty means the whole project. */
  paths: readonly string[];
  /** Every rule the registered checks declare, with its default severity. */
  rules: readonly RuleMeta[];
  /** Git ref given with --base, validated. */
  base?: string;
  /** Set in the run on the --base commit whose findings mark the head's as baseline (that run has no `base`). */
  atBase?: boolean;
  /** `--measure`: run the slow, measured parts of checks (load tests, base comparisons) as well. */
  measure?: boolean;
  /** `--date`: the day (`YYYY-MM-DD`, UTC) date-dependent judgements are made for (sunset periods); absent: today. */
  date?: string;
  /**
   * The change under check: the working tree against `--base` (or against HEAD without it). The only way a check
   * reads git: the base tree, the diff, a file at a revision.
   */
  change: ChangeSource;
  /** Aborted when the run is cancelled (a hook's time bound, a client gone): stop soon and throw `signal.reason`. */
  signal: AbortSignal;
  report(finding: FindingInput): void;
  /** Attach check-level data to the check's entry in the result. */
  setData(data: Partial<Data>): void;
  /**
   * Says the check examined only these files (root-relative), not every file within `paths` (lint under `--base`
   * lints the files the change can affect). A baseline entry of this check for another file is then neither
   * matched nor reported stale. Not called: the check examined every file within `paths`. The runner always
   * provides it; a context made elsewhere (a check run by hand) may leave it out.
   */
  examined?(files: readonly string[]): void;
}

/**
 * A check is a plain object, declared once in its own folder (`checks/<id>/check.ts`); the registry is a list of
 * them. `run` reports findings as data and throws only when the check could not run; it imports the analyser
 * it needs when called, so listing, validating and explaining checks stays cheap.
 */
export interface Check<Data extends object = object> {
  id: string;
  meta: CheckMeta;
  /** The check's config section; its validation lives with the check. */
  config?: ConfigSection;
  traits?: CheckTraits;
  /** URL of the module exporting this object (`import.meta.url`): how a worker thread finds the check. */
  module?: string;
  /**
   * Whether the config asks for this check. Default: the config has the check's section (`config.key`, else a
   * section named like the check's id). A check that is not configured is reported as `skipped`, never as a pass.
   */
  isConfigured?(config: NpvConfig): boolean;
  run(context: CheckContext<Data>): Promise<void>;
  /** The check's data as neutral blocks (tables, graphs, witnesses) that every reporter can render. */
  present?(data: Data): Block[];
}
