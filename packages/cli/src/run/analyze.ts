import { exitCodeFor, statusForExitCode, summarize, compareFindings, RESULT_SCHEMA_VERSION, type Check, type CheckRun, type Finding, type Result } from '@npvguard/core';
import type { Project } from '../load/loadProject.js';
import { cliVersion } from '../shared/version.js';
import { resolveBase, type ResolvedBase } from '../base/tree.js';
import { createChangeSource } from '../base/changeSource.js';
import { readBaselineFile } from '../baseline/baselineFile.js';
import { applyBaseline } from '../baseline/applyBaseline.js';
import { allRules, selectChecks } from './selectChecks.js';
import { runChecks, type CheckFailure } from './runChecks.js';
import { startBaseComparison, type BaseComparison } from './compareAtBase.js';
import { createCheckExecutor, defaultThreadCount, type CheckExecutor } from './threads/checkExecutor.js';

export interface AnalyzeOptions {
  project: Project;
  /** Every registered check; the selection happens here. */
  checks: readonly Check[];
  only: readonly string[];
  /** Root-relative paths from the command line. */
  paths: readonly string[];
  base?: string;
  /** `--measure`: checks run their measured parts too. */
  measure?: boolean;
  /** `--date`: the day date-dependent judgements are made for (YYYY-MM-DD, UTC); default today. */
  date?: string;
  /** Apply the baseline file (mark accepted findings, report stale entries). */
  useBaselineFile: boolean;
  maxWarnings?: number;
  now?: () => number;
  /** Progress: a check starts or ends, for the head or (with --base) at the base. */
  onCheckStart?: (check: Check, side: CheckSide) => void;
  onCheckDone?: (check: Check, side: CheckSide) => void;
  /** Cancels the run: checks still going end with NPV2010 and the result says so. */
  signal?: AbortSignal;
}

export interface Analysis {
  result: Result;
  failures: CheckFailure[];
  /** What to tell the user besides the result (an old rule id in the config or the baseline file, say). */
  notes: string[];
}

/** A check fails only on errors the change brings; baseline findings never fail it. */
function settleStatus(run: CheckRun, findings: readonly Finding[]): CheckRun {
  if (run.status === 'error' || run.status === 'skipped') return run;
  const failing = findings.some((finding) => finding.check === run.id && finding.baseline === undefined && finding.severity === 'error');
  return { ...run, status: failing ? 'fail' : 'pass' };
}

/** The run with its check's view of its data (tables, graphs), when the check presents any. */
function presented(check: Check, run: CheckRun): CheckRun {
  if (check.present === undefined || run.data === undefined || run.status === 'error') return run;
  const view = check.present(run.data);
  return view.length === 0 ? run : { ...run, view };
}

/** Which side of a `--base` comparison a check runs for. */
export type CheckSide = 'head' | 'base';

/**
 * Worker threads for this run, one per core; none when measuring (a load test must not share the cores with an
 * analyser) or for a single check, which has nothing to run beside (its base run waits for it) and, run in place,
 * keeps its analyser loaded for the next run of a long-lived process (the MCP server).
 */
function threadsFor(options: AnalyzeOptions, selected: readonly Check[]): number {
  return options.measure === true || selected.length < 2 ? 0 : defaultThreadCount();
}

/** load → check → compare (base, baseline file) → one result object. */
export async function analyze(options: AnalyzeOptions): Promise<Analysis> {
  const { project } = options;
  const selection = selectChecks(options.checks, project.config, options.only, project.configName);
  // Resolved before any check runs, so a bad ref fails fast and unsafe input never reaches a check.
  const base = options.base === undefined ? undefined : await resolveBase(project.root, options.base);
  const executor = createCheckExecutor({ threads: threadsFor(options, selection.selected) });
  const comparison =
    base === undefined
      ? undefined
      : startBaseComparison({
          project,
          resolved: base,
          paths: options.paths,
          executor,
          rules: allRules(options.checks),
          ...(options.signal === undefined ? {} : { signal: options.signal }),
          ...(options.now === undefined ? {} : { now: options.now }),
          onCheckStart: (check) => options.onCheckStart?.(check, 'base'),
          onCheckDone: (check) => options.onCheckDone?.(check, 'base'),
        });
  try {
    return await analyzeWith(options, selection.selected, executor, comparison, base);
  } finally {
    await comparison?.close();
    await executor.close();
  }
}

async function analyzeWith(
  options: AnalyzeOptions,
  selected: readonly Check[],
  executor: CheckExecutor,
  comparison: BaseComparison | undefined,
  base: ResolvedBase | undefined,
): Promise<Analysis> {
  const { project } = options;
  const head = await runChecks(selected, {
    root: project.root,
    config: project.config,
    files: project.files,
    paths: options.paths,
    rules: allRules(options.checks),
    change: createChangeSource(project.root, options.base, base),
    executor,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.base === undefined ? {} : { base: options.base }),
    ...(options.measure === true ? { measure: true } : {}),
    ...(options.date === undefined ? {} : { date: options.date }),
    ...(options.now === undefined ? {} : { now: options.now }),
    onCheckStart: (check) => options.onCheckStart?.(check, 'head'),
    onCheckDone: (outcome) => {
      options.onCheckDone?.(outcome.check, 'head');
      comparison?.start(outcome);
    },
  });
  let findings = comparison === undefined ? head.findings : await comparison.mark(head);
  const notes = [...project.notes];
  if (options.useBaselineFile) {
    const loaded = readBaselineFile(project.root, project.config);
    if (loaded !== undefined) {
      const completedChecks = head.runs.filter((run) => run.status !== 'error').map((run) => run.id);
      findings = applyBaseline(findings, loaded, { completedChecks, paths: options.paths, examined: head.examined });
      notes.push(...loaded.notes);
    }
  }
  findings = [...findings].sort(compareFindings);
  const runs = options.checks.map((check): CheckRun => {
    const run = head.runs.find((candidate) => candidate.id === check.id);
    return run === undefined ? { id: check.id, status: 'skipped', durationMs: 0 } : presented(check, settleStatus(run, findings));
  });
  const code = exitCodeFor({ checks: runs, findings }, options.maxWarnings === undefined ? {} : { maxWarnings: options.maxWarnings });
  const result: Result = {
    schemaVersion: RESULT_SCHEMA_VERSION,
    tool: { name: 'npvguard', version: cliVersion() },
    status: statusForExitCode(code),
    summary: summarize(findings, project.files.length),
    checks: runs,
    findings,
  };
  return { result, failures: head.failures, notes };
}
