import {
  compareWithBaseline,
  exitCodeFor,
  statusForExitCode,
  summarize,
  compareFindings,
  RESULT_SCHEMA_VERSION,
  isNpvError,
  type Check,
  type CheckRun,
  type Finding,
  type Result,
} from '@npvguard/core';
import type { Project } from '../load/loadProject.js';
import { listProjectFiles } from '../load/listFiles.js';
import { cliVersion } from '../cli/version.js';
import { resolveBase, withBaseTree, type ResolvedBase } from '../git/base.js';
import { readBaselineFile } from '../baseline/baselineFile.js';
import { applyBaseline } from '../baseline/applyBaseline.js';
import { selectChecks } from './selectChecks.js';
import { runChecks, type CheckFailure, type ChecksOutcome } from './runChecks.js';

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
  /** Apply the baseline file (mark accepted findings, report stale entries). */
  useBaselineFile: boolean;
  maxWarnings?: number;
  now?: () => number;
  onCheckStart?: (check: Check) => void;
}

export interface Analysis {
  result: Result;
  failures: CheckFailure[];
}

function errorSummary(error: unknown): { code: string; message: string } {
  if (isNpvError(error)) return { code: error.code, message: error.message };
  return { code: 'NPV9001', message: error instanceof Error ? error.message : String(error) };
}

/**
 * Runs the completed head checks again on the base commit and marks head findings whose fingerprint
 * already existed there. When a check cannot run at the base (a layer folder the change adds, say),
 * nothing of that check is marked: its findings all count as new, and the check's data says why.
 */
async function markFindingsAtBase(options: AnalyzeOptions, head: ChecksOutcome, resolved: ResolvedBase): Promise<Finding[]> {
  const { project } = options;
  const { ref } = resolved;
  const completed = head.runs.filter((run) => run.status !== 'error').map((run) => run.id);
  const checks = options.checks.filter((check) => completed.includes(check.id));
  const baseOutcome = await withBaseTree(resolved, project.root, async (baseRoot): Promise<ChecksOutcome | { listError: unknown }> => {
    let files: string[];
    try {
      files = listProjectFiles(baseRoot, project.config, project.configName);
    } catch (error) {
      return { listError: error };
    }
    return runChecks(checks, { root: baseRoot, config: project.config, files, paths: options.paths, ...(options.now === undefined ? {} : { now: options.now }) });
  });
  let findings = head.findings;
  for (const run of head.runs) {
    if (run.status === 'error') continue;
    const baseRun = 'listError' in baseOutcome ? undefined : baseOutcome.runs.find((candidate) => candidate.id === run.id);
    const baseInfo = { ref, sha: resolved.sha };
    if (baseRun === undefined || baseRun.status === 'error') {
      const cause = 'listError' in baseOutcome ? errorSummary(baseOutcome.listError) : baseRun?.error;
      run.data = { ...run.data, base: { ...baseInfo, status: 'error', ...(cause === undefined ? {} : { error: cause }) } };
      continue;
    }
    const previous = 'listError' in baseOutcome ? [] : baseOutcome.findings.filter((finding) => finding.check === run.id);
    const ofCheck = findings.filter((finding) => finding.check === run.id);
    const others = findings.filter((finding) => finding.check !== run.id);
    findings = [...others, ...compareWithBaseline(ofCheck, previous, 'base').findings];
    run.data = { ...run.data, base: { ...baseInfo, status: 'compared', findingsAtBase: previous.length } };
  }
  return findings;
}

/** A check fails only on errors the change brings; baseline findings never fail it. */
function settleStatus(run: CheckRun, findings: readonly Finding[]): CheckRun {
  if (run.status === 'error' || run.status === 'skipped') return run;
  const failing = findings.some((finding) => finding.check === run.id && finding.baseline === undefined && finding.severity === 'error');
  return { ...run, status: failing ? 'fail' : 'pass' };
}

/** load → check → compare (base, baseline file) → one result object. */
export async function analyze(options: AnalyzeOptions): Promise<Analysis> {
  const { project } = options;
  const selection = selectChecks(options.checks, project.config, options.only, project.configName);
  // Resolved before any check runs, so a bad ref fails fast and unsafe input never reaches a check.
  const base = options.base === undefined ? undefined : await resolveBase(project.root, options.base);
  const head = await runChecks(selection.selected, {
    root: project.root,
    config: project.config,
    files: project.files,
    paths: options.paths,
    ...(options.base === undefined ? {} : { base: options.base }),
    ...(options.measure === true ? { measure: true } : {}),
    ...(options.now === undefined ? {} : { now: options.now }),
    ...(options.onCheckStart === undefined ? {} : { onCheckStart: options.onCheckStart }),
  });
  let findings = base === undefined ? head.findings : await markFindingsAtBase(options, head, base);
  if (options.useBaselineFile) {
    const loaded = readBaselineFile(project.root, project.config);
    if (loaded !== undefined) {
      const completedChecks = head.runs.filter((run) => run.status !== 'error').map((run) => run.id);
      findings = applyBaseline(findings, loaded, { completedChecks, paths: options.paths });
    }
  }
  findings = [...findings].sort(compareFindings);
  const runs = options.checks.map((check): CheckRun => {
    const run = head.runs.find((candidate) => candidate.id === check.id);
    return run === undefined ? { id: check.id, status: 'skipped', durationMs: 0 } : settleStatus(run, findings);
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
  return { result, failures: head.failures };
}
