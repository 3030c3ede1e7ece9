import { existsSync } from 'node:fs';
import path from 'node:path';
import { compareWithBaseline, isNpvError, type Check, type Finding } from '@npvguard/core';
import type { Project } from '../load/loadProject.js';
import { listProjectFiles } from '../load/listFiles.js';
import { openBaseTree, type BaseTree, type ResolvedBase } from '../base/tree.js';
import { runChecks, type CheckOutcome, type ChecksOutcome } from './runChecks.js';
import type { CheckExecutor } from './threads/checkExecutor.js';
import type { WorkerContext } from './threads/messages.js';

export interface BaseComparisonInput {
  project: Project;
  resolved: ResolvedBase;
  /** Root-relative paths from the command line. */
  paths: readonly string[];
  executor: CheckExecutor;
  /** Every rule the registered checks declare. */
  rules: WorkerContext['rules'];
  signal?: AbortSignal;
  now?: () => number;
  onCheckStart?: (check: Check) => void;
  onCheckDone?: (check: Check) => void;
}

/** What the base says about one check's head findings. */
type BaseVerdict =
  | { status: 'compared'; findings: Finding[]; durationMs: number; files?: string[] }
  | { status: 'not-needed'; reason: string }
  | { status: 'error'; error?: { code: string; message: string } };

export interface BaseComparison {
  /** Starts the base run of a head check that just finished, when its findings need one. */
  start(outcome: CheckOutcome): void;
  /**
   * Marks the head findings whose fingerprint already existed at the base, once every base run is done, and
   * records in each check's data how it was compared. Throws when the base could not be checked out.
   */
  mark(head: ChecksOutcome): Promise<Finding[]>;
  /** Removes the base checkout, after the base runs still going. */
  close(): Promise<void>;
}

function errorSummary(error: unknown): { code: string; message: string } {
  if (isNpvError(error)) return { code: error.code, message: error.message };
  return { code: 'NPV9001', message: error instanceof Error ? error.message : String(error) };
}

/**
 * Whether the base may hold this project file. Fingerprints contain the file, so a finding can only be matched
 * by a base finding in the same file; a path outside the project is assumed present.
 */
function mayExistAt(baseRoot: string, file: string): boolean {
  if (file.startsWith('../') || path.isAbsolute(file)) return true;
  return existsSync(path.join(baseRoot, file));
}

/**
 * The base side of `--base`. The checkout starts at once, beside the head checks; the base run of a check starts
 * as soon as its head run ends, and only when it can matter: a check without findings, with only info findings
 * (which never fail a run), or whose findings are all in files the base does not have, has nothing to mark. A check whose findings depend only on their own file
 * runs at the base on those files alone.
 */
export function startBaseComparison(input: BaseComparisonInput): BaseComparison {
  const { project, resolved } = input;
  const tree = openBaseTree(resolved, project.root);
  // Handled here so a failed checkout is not an unhandled rejection; mark() rethrows it.
  const treeOrFailure: Promise<BaseTree | undefined> = tree.catch(() => undefined);
  let listing: Promise<{ files: string[] } | { listError: unknown }> | undefined;
  const verdicts = new Map<string, Promise<BaseVerdict>>();

  function listBaseFiles(baseRoot: string): Promise<{ files: string[] } | { listError: unknown }> {
    listing ??= Promise.resolve().then(() => {
      try {
        return { files: listProjectFiles(baseRoot, project.config, project.configName) };
      } catch (error) {
        return { listError: error };
      }
    });
    return listing;
  }

  async function compare(outcome: CheckOutcome): Promise<BaseVerdict> {
    if (outcome.findings.length === 0) return { status: 'not-needed', reason: 'no findings at head' };
    // Infos never fail a run: marking them would change what is reported, never the verdict.
    if (outcome.findings.every((finding) => finding.severity === 'info')) return { status: 'not-needed', reason: 'only info findings at head' };
    const opened = await treeOrFailure;
    if (opened === undefined) return { status: 'error' };
    const files = [...new Set(outcome.findings.map((finding) => finding.file))].filter((file) => mayExistAt(opened.root, file));
    if (files.length === 0) return { status: 'not-needed', reason: 'every finding is in a file the base does not have' };
    const listed = await listBaseFiles(opened.root);
    if ('listError' in listed) return { status: 'error', error: errorSummary(listed.listError) };
    const perFile = outcome.check.traits?.findingsPerFile === true;
    const base = await runChecks([outcome.check], {
      root: opened.root,
      config: project.config,
      files: listed.files,
      paths: perFile ? files : input.paths,
      rules: input.rules,
      atBase: true,
      executor: input.executor,
      ...(input.signal === undefined ? {} : { signal: input.signal }),
      ...(input.now === undefined ? {} : { now: input.now }),
      ...(input.onCheckStart === undefined ? {} : { onCheckStart: input.onCheckStart }),
      ...(input.onCheckDone === undefined ? {} : { onCheckDone: (done) => input.onCheckDone?.(done.check) }),
    });
    const run = base.runs[0];
    if (run === undefined || run.status === 'error') return { status: 'error', ...(run?.error === undefined ? {} : { error: run.error }) };
    return { status: 'compared', findings: base.findings, durationMs: run.durationMs, ...(perFile ? { files } : {}) };
  }

  return {
    start(outcome) {
      if (outcome.run.status === 'error') return;
      const verdict = compare(outcome).catch((error: unknown): BaseVerdict => ({ status: 'error', error: errorSummary(error) }));
      verdicts.set(outcome.check.id, verdict);
    },
    async mark(head) {
      await tree;
      let findings = head.findings;
      const baseInfo = { ref: resolved.ref, sha: resolved.sha };
      for (const run of head.runs) {
        if (run.status === 'error') continue;
        const verdict = await (verdicts.get(run.id) ?? Promise.resolve<BaseVerdict>({ status: 'error' }));
        if (verdict.status !== 'compared') {
          run.data = { ...run.data, base: { ...baseInfo, ...verdict } };
          continue;
        }
        const ofCheck = findings.filter((finding) => finding.check === run.id);
        const others = findings.filter((finding) => finding.check !== run.id);
        findings = [...others, ...compareWithBaseline(ofCheck, verdict.findings, 'base').findings];
        const scope = verdict.files === undefined ? {} : { files: verdict.files };
        run.data = { ...run.data, base: { ...baseInfo, status: 'compared', findingsAtBase: verdict.findings.length, durationMs: verdict.durationMs, ...scope } };
      }
      return findings;
    },
    async close() {
      await Promise.all(verdicts.values());
      await (await treeOrFailure)?.close();
    },
  };
}
