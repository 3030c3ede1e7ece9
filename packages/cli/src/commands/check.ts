import path from 'node:path';
import { NpvError, exitCodeFor, isNpvError, type Check, type Result } from '@npvguard/core';
import type { CliIO } from '../io/io.js';
import type { CheckOptions } from '../cli/options.js';
import { formatError, isDebug } from '../cli/formatError.js';
import { loadProject } from '../load/loadProject.js';
import { resolvePathArguments } from '../load/resolvePaths.js';
import { REPORTERS } from '../report/index.js';
import { markdownReporter } from '../report/markdown.js';
import { colorEnabled } from '../report/color.js';
import { defaultFormat } from '../report/agentFormat.js';
import { changedLinesSince } from '../base/changedLines.js';
import { analyze } from '../run/analyze.js';
import { allRules } from '../run/selectChecks.js';
import { createProgress } from '../run/progress.js';
import { appendToFile, writeReportFile } from '../run/writeOutput.js';
import type { CheckFailure } from '../run/runChecks.js';


/** `--quiet`: only errors are shown; the verdict and the summary still count everything. */
function errorsOnly(result: Result): Result {
  return { ...result, findings: result.findings.filter((finding) => finding.severity === 'error') };
}

/** A check that could not run, as a coded paragraph naming the check. */
export function formatCheckFailure(failure: CheckFailure, debug: boolean): string {
  const { error } = failure;
  if (isNpvError(error)) {
    return formatError(new NpvError(error.code, `The ${failure.check} check could not run: ${error.message}`, error.details), debug);
  }
  return formatError(error, debug);
}

/** `npvguard check [paths...]`: load → check → compare → report; returns the exit code. */
export async function runCheckCommand(paths: readonly string[], options: CheckOptions, io: CliIO, checks: readonly Check[]): Promise<number> {
  const project = await loadProject({
    processCwd: io.cwd,
    checks,
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    ...(options.config === undefined ? {} : { config: options.config }),
  });
  const projectPaths = resolvePathArguments(paths, project.cwd, project.root);
  const progress = createProgress(io, options.quiet);
  const { result, failures, notes } = await analyze({
    project,
    checks,
    only: options.only,
    paths: projectPaths,
    useBaselineFile: true,
    measure: options.measure,
    ...(options.base === undefined ? {} : { base: options.base }),
    ...(options.maxWarnings === undefined ? {} : { maxWarnings: options.maxWarnings }),
    ...(options.date === undefined ? {} : { date: options.date }),
    ...(io.now === undefined ? {} : { now: io.now }),
    onCheckStart: (check, side) => progress.start(check, side),
    onCheckDone: (check, side) => progress.finish(check, side),
  }).finally(() => progress.done());

  const output = options.output === undefined ? undefined : path.resolve(project.cwd, options.output);
  const reporterOptions = {
    // A file gets colour only when forced; stdout when it is a terminal.
    color: colorEnabled(io.env, output === undefined ? io.stdout : undefined),
    rules: allRules(checks),
    pathPrefix: path.relative(project.cwd, project.root).split(path.sep).join('/'),
  };
  const format = options.format ?? defaultFormat(io.env);
  // An agent fixes first what it just wrote: with --base, compact puts findings on changed lines first.
  const changedLines = format === 'compact' && options.base !== undefined ? await changedLinesSince(project.root, options.base) : undefined;
  const shown = options.quiet ? errorsOnly(result) : result;
  const text = REPORTERS[format](shown, { ...reporterOptions, ...(changedLines === undefined ? {} : { changedLines }) });
  if (output === undefined) io.stdout.write(text);
  else writeReportFile(output, text);

  const summaryFile = io.env.GITHUB_STEP_SUMMARY;
  if (format === 'github' && summaryFile !== undefined && summaryFile !== '') {
    appendToFile(summaryFile, markdownReporter(shown, { ...reporterOptions, color: false }));
  }
  const debug = options.debug || isDebug([], io.env);
  for (const failure of failures) io.stderr.write(formatCheckFailure(failure, debug));
  for (const note of notes) io.stderr.write(`note: ${note}\n`);
  return exitCodeFor(result, options.maxWarnings === undefined ? {} : { maxWarnings: options.maxWarnings });
}
