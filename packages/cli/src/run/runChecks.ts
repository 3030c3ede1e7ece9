import { performance } from 'node:perf_hooks';
import { compareFindings, isNpvError, type Check, type CheckRun, type Finding, type NpvConfig } from '@npvguard/core';
import { finalizeFinding } from './finalizeFinding.js';

export interface RunChecksInput {
  root: string;
  config: NpvConfig;
  files: readonly string[];
  paths: readonly string[];
  base?: string;
  measure?: boolean;
  now?: () => number;
  /** Called before each check starts (progress display). */
  onCheckStart?: (check: Check) => void;
}

/** A check that could not run, with the original error kept for --debug. */
export interface CheckFailure {
  check: string;
  error: unknown;
}

export interface ChecksOutcome {
  runs: CheckRun[];
  findings: Finding[];
  failures: CheckFailure[];
}

function errorSummary(error: unknown): { code: string; message: string } {
  if (isNpvError(error)) return { code: error.code, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'NPV9001', message: `internal error: ${message}` };
}

/**
 * check: runs each check with its own context, timed. A check that throws gets status `error` (the run then
 * exits 2) and its partial findings are dropped, since half a result must not read as a pass or a fail.
 */
export async function runChecks(checks: readonly Check[], input: RunChecksInput): Promise<ChecksOutcome> {
  const now = input.now ?? (() => performance.now());
  const runs: CheckRun[] = [];
  const findings: Finding[] = [];
  const failures: CheckFailure[] = [];
  for (const check of checks) {
    input.onCheckStart?.(check);
    const reported: Finding[] = [];
    let data: Record<string, unknown> | undefined;
    const started = now();
    try {
      await check.run({
        root: input.root,
        config: input.config,
        files: input.files,
        paths: input.paths,
        ...(input.base === undefined ? {} : { base: input.base }),
        ...(input.measure === true ? { measure: true } : {}),
        report(finding) {
          const complete = finalizeFinding(finding, check, input.config, input.root);
          if (complete !== undefined) reported.push(complete);
        },
        setData(value) {
          data = { ...data, ...value };
        },
      });
      const durationMs = Math.max(0, Math.round((now() - started) * 1000) / 1000);
      const failed = reported.some((finding) => finding.severity === 'error');
      runs.push({ id: check.id, status: failed ? 'fail' : 'pass', durationMs, ...(data === undefined ? {} : { data }) });
      findings.push(...reported);
    } catch (error) {
      const durationMs = Math.max(0, Math.round((now() - started) * 1000) / 1000);
      runs.push({ id: check.id, status: 'error', durationMs, error: errorSummary(error), ...(data === undefined ? {} : { data }) });
      failures.push({ check: check.id, error });
    }
  }
  return { runs, findings: findings.sort(compareFindings), failures };
}
