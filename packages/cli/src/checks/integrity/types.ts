import type ts from 'typescript';
import type { Change, ChangedFile, ChangeSource, NpvConfig, RuleMeta, Severity } from '@npvguard/core';
import type { ModuleReader } from '../../modules/constantValue/index.js';

/** A finding before the justification convention and the runner see it. */
export interface RawFinding {
  ruleId: string;
  file: string;
  line: number;
  column: number;
  message: string;
  hint: string;
  fingerprintParts: readonly string[];
  data?: Record<string, unknown>;
  /** The rule's severity when not `error` (a finding that says what could not be compared). */
  severity?: Severity;
}

/** Base and head versions of a changed file, parsed on demand. */
export interface Versions {
  base: ts.SourceFile | undefined;
  head: ts.SourceFile | undefined;
}

/** Everything a rule of the integrity check reads. */
export interface IntegrityInput {
  root: string;
  config: NpvConfig;
  /** The project's source files (config `include`). */
  files: readonly string[];
  change: Change;
  /** The base commit checked out, for comparing configs where their relative imports resolve. */
  withBaseTree: ChangeSource['withBaseTree'];
  /** Changed files the check looks at (the `ignore` globs removed). */
  changed: readonly ChangedFile[];
  isTest(file: string): boolean;
  versions(file: ChangedFile): Promise<Versions>;
  /**
   * The modules of one side of the change, read on demand (base files from the base commit, head files from the
   * working tree), for resolving the values a file imports as they were on that side.
   */
  modules(side: keyof Versions): ModuleReader;
  /** Every rule npvguard can report, for default severities. */
  knownRules: readonly RuleMeta[];
}
