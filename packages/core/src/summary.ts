import type { Finding } from './finding.js';
import type { CheckRun, ResultSummary, RunStatus } from './result.js';

/** Counts findings by severity; findings marked `baseline` are counted apart and never as errors or warnings. */
export function summarize(findings: readonly Finding[], filesChecked: number): ResultSummary {
  const summary: ResultSummary = { errors: 0, warnings: 0, infos: 0, baseline: 0, filesChecked };
  for (const finding of findings) {
    if (finding.baseline !== undefined) summary.baseline += 1;
    else if (finding.severity === 'error') summary.errors += 1;
    else if (finding.severity === 'warning') summary.warnings += 1;
    else summary.infos += 1;
  }
  return summary;
}

export interface ExitCodeOptions {
  /** Fail when more than this many (non-baseline) warnings are reported; undefined means warnings never fail. */
  maxWarnings?: number;
}

export type ExitCode = 0 | 1 | 2;

/**
 * The one place the process exit code is decided.
 * 2: a check could not run (never a silent pass); 1: a new error, or more new warnings than allowed; 0: clean.
 */
export function exitCodeFor(
  result: { checks: readonly Pick<CheckRun, 'status'>[]; findings: readonly Pick<Finding, 'severity' | 'baseline'>[] },
  options: ExitCodeOptions = {},
): ExitCode {
  if (result.checks.some((check) => check.status === 'error')) return 2;
  let warnings = 0;
  for (const finding of result.findings) {
    if (finding.baseline !== undefined) continue;
    if (finding.severity === 'error') return 1;
    if (finding.severity === 'warning') warnings += 1;
  }
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) return 1;
  return 0;
}

const STATUS_BY_EXIT_CODE: Record<ExitCode, RunStatus> = { 0: 'pass', 1: 'fail', 2: 'error' };

export function statusForExitCode(code: ExitCode): RunStatus {
  return STATUS_BY_EXIT_CODE[code];
}

/** What the report order looks at: a finding as a check reports it is ordered the same as once finalised. */
type Ordered = Pick<Finding, 'file' | 'line' | 'column' | 'ruleId' | 'message'>;

/** Stable order for every report: by file, then position, then rule. */
export function compareFindings(left: Ordered, right: Ordered): number {
  return (
    compareText(left.file, right.file) ||
    left.line - right.line ||
    left.column - right.column ||
    compareText(left.ruleId, right.ruleId) ||
    compareText(left.message, right.message)
  );
}

function compareText(left: string, right: string): number {
  if (left === right) return 0;
  return left < right ? -1 : 1;
}
