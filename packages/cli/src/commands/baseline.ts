import { NpvError, updateBaseline, type BaselineEntry, type Check } from '@npvguard/core';
import type { CliIO } from '../io/io.js';
import type { BaselineOptions } from '../cli/options.js';
import { isDebug } from '../cli/formatError.js';
import { loadProject } from '../load/loadProject.js';
import { analyze } from '../run/analyze.js';
import { formatCheckFailure } from './check.js';
import { baselinePath, readBaselineFile, writeBaselineFile } from '../baseline/baselineFile.js';
import { entryInScope } from '../baseline/applyBaseline.js';
import { CHANGE_CHECKS } from '../baseline/rules.js';
import { isConfigured } from '../run/selectChecks.js';

const LISTED_ENTRIES = 5;

function listEntries(entries: readonly BaselineEntry[]): string {
  const shown = entries.slice(0, LISTED_ENTRIES).map((entry) => `${entry.file} ${entry.ruleId}`);
  const more = entries.length > LISTED_ENTRIES ? `, and ${entries.length - LISTED_ENTRIES} more` : '';
  return `${shown.join('; ')}${more}`;
}

/**
 * `npvguard baseline [--update]`: compares the current findings with the baseline file; with --update
 * rewrites it. The baseline may always shrink; it grows only with --allow-growth and a --reason.
 */
export async function runBaselineCommand(options: BaselineOptions, io: CliIO, checks: readonly Check[]): Promise<number> {
  const project = await loadProject({
    processCwd: io.cwd,
    checks,
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    ...(options.config === undefined ? {} : { config: options.config }),
  });
  // Integrity judges a change, not the code: what it finds is never accepted.
  const only = (options.only.length > 0 ? checks.filter((check) => options.only.includes(check.id)) : checks.filter((check) => isConfigured(check, project.config)))
    .filter((check) => !CHANGE_CHECKS.has(check.id))
    .map((check) => check.id);
  if (only.length === 0) {
    if (options.only.length > 0) {
      throw new NpvError('NPV2001', `--only ${options.only.join(',')}: integrity judges a change against its base, so its findings are never accepted into the baseline; fix them instead.`, { option: '--only' });
    }
    io.stdout.write('No configured check has findings the baseline accepts (integrity findings are never accepted).\n');
    return 0;
  }
  const { result, failures } = await analyze({ project, checks, only, paths: [], useBaselineFile: false });
  if (failures.length > 0) {
    // A baseline written from a run where a check could not run would silently drop that check's entries.
    const debug = options.debug || isDebug([], io.env);
    for (const failure of failures) io.stderr.write(formatCheckFailure(failure, debug));
    return 2;
  }
  const completedChecks = result.checks.filter((run) => run.status === 'pass' || run.status === 'fail').map((run) => run.id);
  const loaded = readBaselineFile(project.root, project.config);
  const reason = options.reason?.trim() ?? '';
  const update = updateBaseline(loaded?.baseline, result.findings, {
    reason,
    inScope: (entry) => entryInScope(entry, { completedChecks, paths: [] }),
  });
  const file = baselinePath(project.config);
  const counts = `${update.baseline.findings.length} accepted finding(s); ${update.added.length} to add, ${update.removed.length} stale to remove`;
  if (!options.update) {
    io.stdout.write(`${file}: ${loaded === undefined ? 'does not exist' : `${loaded.baseline.findings.length} entries`}. After --update: ${counts}.\n`);
    if (update.added.length > 0) io.stdout.write(`Not yet accepted: ${listEntries(update.added)}.\n`);
    return 0;
  }
  if (update.added.length > 0 && !options.allowGrowth) {
    throw new NpvError(
      'NPV2006',
      `Refusing to grow ${file} by ${update.added.length} finding(s): ${listEntries(update.added)}. Fix them, or accept them with --allow-growth --reason "<why>".`,
      { file, added: update.added.length },
    );
  }
  if (update.added.length > 0 && reason === '') {
    throw new NpvError('NPV2001', `--allow-growth needs --reason "<why>": every accepted finding records why it is accepted.`, {
      option: '--reason',
    });
  }
  if (loaded === undefined && update.baseline.findings.length === 0) {
    io.stdout.write(`Nothing to accept; ${file} was not created.\n`);
    return 0;
  }
  writeBaselineFile(project.root, project.config, update.baseline);
  io.stdout.write(`Wrote ${file}: ${counts.replace('to add', 'added').replace('stale to remove', 'stale removed')}.\n`);
  return 0;
}
