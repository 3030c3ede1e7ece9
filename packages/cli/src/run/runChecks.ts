import { performance } from 'node:perf_hooks';
import { compareFindings, isNpvError, isWithinPaths, type Check, type CheckContext, type CheckRun, type ChangeSource, type Finding } from '@npvguard/core';
import { createChangeSource } from '../base/changeSource.js';
import { finalizeFinding } from './finalizeFinding.js';
import { createCheckExecutor, type CheckExecutor } from './threads/checkExecutor.js';
import type { WorkerContext } from './threads/messages.js';

/** The context's plain data (`atBase`: this run is the one on the --base commit), and how to run and observe. */
export interface RunChecksInput extends WorkerContext {
  /** The change under check, shared by the checks of a run; default: one opened for `root` and `base`. */
  change?: ChangeSource;
  /** Aborts the run: checks still running end with NPV2010, worker threads running them are stopped. */
  signal?: AbortSignal;
  now?: () => number;
  /** Called when a check starts (progress display). */
  onCheckStart?: (check: Check) => void;
  /** Called as each check finishes, while others may still run (the base comparison starts from it). */
  onCheckDone?: (outcome: CheckOutcome) => void;
  /** Where the checks run; default: the main thread, one after the other. */
  executor?: CheckExecutor;
}

/** A check that could not run, with the original error kept for --debug. */
export interface CheckFailure {
  check: string;
  error: unknown;
}

/** One check's run, its findings (dropped when it could not run) and its failure. */
export interface CheckOutcome {
  check: Check;
  run: CheckRun;
  findings: Finding[];
  failure?: CheckFailure;
  /** The files the check examined, when it said it examined only some (`CheckContext.examined`). */
  examined?: string[];
}

export interface ChecksOutcome {
  runs: CheckRun[];
  findings: Finding[];
  failures: CheckFailure[];
  /** By check id, the files a check examined when it examined only some. */
  examined: Record<string, string[]>;
}

function errorSummary(error: unknown): { code: string; message: string } {
  if (isNpvError(error)) return { code: error.code, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'NPV9001', message: `internal error: ${message}` };
}

/** Runs one check with its own context, timed from the moment it starts (not while it waits for a thread). */
async function runCheck(check: Check, input: RunChecksInput, executor: CheckExecutor, change: ChangeSource, signal: AbortSignal): Promise<CheckOutcome> {
  const now = input.now ?? (() => performance.now());
  const reported: Finding[] = [];
  let data: Record<string, unknown> | undefined;
  let examined: string[] | undefined;
  let started: number | undefined;
  let ended: number | undefined;
  const elapsed = (): number => {
    const end = ended ?? now();
    return Math.max(0, Math.round((end - (started ?? end)) * 1000) / 1000);
  };
  const context: CheckContext = {
    root: input.root,
    config: input.config,
    files: input.files,
    paths: input.paths,
    rules: input.rules,
    change,
    signal,
    ...(input.base === undefined ? {} : { base: input.base }),
    ...(input.atBase === true ? { atBase: true } : {}),
    ...(input.measure === true ? { measure: true } : {}),
    ...(input.date === undefined ? {} : { date: input.date }),
    report(finding) {
      const complete = finalizeFinding(finding, check, input.config, input.root);
      // The runner limits the report to the paths asked for; a check may narrow its work to them, never widen it.
      if (complete !== undefined && isWithinPaths(complete.file, input.paths)) reported.push(complete);
    },
    setData(value) {
      data = { ...data, ...value };
    },
    examined(files) {
      examined = [...(examined ?? []), ...files];
    },
  };
  try {
    await executor.run(check, context, {
      onStart() {
        input.onCheckStart?.(check);
        started = now();
      },
      onEnd() {
        ended = now();
      },
    });
    const durationMs = elapsed();
    const failed = reported.some((finding) => finding.severity === 'error');
    return {
      check,
      run: { id: check.id, status: failed ? 'fail' : 'pass', durationMs, ...(data === undefined ? {} : { data }) },
      findings: reported,
      ...(examined === undefined ? {} : { examined }),
    };
  } catch (error) {
    const durationMs = elapsed();
    return {
      check,
      run: { id: check.id, status: 'error', durationMs, error: errorSummary(error), ...(data === undefined ? {} : { data }) },
      findings: [],
      failure: { check: check.id, error },
    };
  }
}

/** The checks that are not cheap enough for the edit loop first, each group in the order given. */
export function startOrder(checks: readonly Check[]): Check[] {
  return [...checks.filter((check) => check.traits?.editLoop !== true), ...checks.filter((check) => check.traits?.editLoop === true)];
}

/**
 * check: runs each check with its own context, timed. A check that throws gets status `error` (the run then
 * exits 2) and its partial findings are dropped, since half a result must not read as a pass or a fail.
 * Checks may run side by side (see CheckExecutor); runs keep the order of `checks`, findings are sorted.
 */
export async function runChecks(checks: readonly Check[], input: RunChecksInput): Promise<ChecksOutcome> {
  const executor = input.executor ?? createCheckExecutor({ threads: 0 });
  const change = input.change ?? createChangeSource(input.root, input.base);
  const signal = input.signal ?? new AbortController().signal;
  // Started longest first: a lane runs its checks one after the other, and a check that is not cheap enough for
  // the edit loop (contracts boots the app, whose route table the latency check can then reuse) should not wait
  // behind the cheap ones. The outcomes keep the order of `checks`.
  const started = new Map<Check, Promise<CheckOutcome>>();
  for (const check of startOrder(checks)) {
    started.set(
      check,
      runCheck(check, input, executor, change, signal).then((outcome) => {
        input.onCheckDone?.(outcome);
        return outcome;
      }),
    );
  }
  const outcomes = await Promise.all(checks.map((check) => started.get(check) as Promise<CheckOutcome>));
  return {
    runs: outcomes.map((outcome) => outcome.run),
    findings: outcomes.flatMap((outcome) => outcome.findings).sort(compareFindings),
    failures: outcomes.flatMap((outcome) => (outcome.failure === undefined ? [] : [outcome.failure])),
    examined: Object.fromEntries(outcomes.flatMap((outcome) => (outcome.examined === undefined ? [] : [[outcome.check.id, outcome.examined]]))),
  };
}
