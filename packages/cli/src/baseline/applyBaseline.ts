import { compareWithBaseline, docsUrlFor, fingerprint, isWithinPaths, type BaselineEntry, type Finding } from '@npvguard/core';
import { STALE_ENTRY_RULE } from './rules.js';
import { lineOfFingerprint, type LoadedBaseline } from './baselineFile.js';

export interface ApplyBaselineScope {
  /** Checks that ran to completion; entries of other checks cannot be judged stale. */
  completedChecks: readonly string[];
  /** Paths given on the command line; when non-empty, only entries under them can be judged. */
  paths: readonly string[];
  /**
   * By check id, the files a check examined when it examined only some (lint under `--base` lints the files the
   * change can affect): an entry of that check for another file is neither matched nor stale.
   */
  examined?: Readonly<Record<string, readonly string[]>>;
}

export function entryInScope(entry: BaselineEntry, scope: ApplyBaselineScope): boolean {
  const check = entry.ruleId.split('/')[0] ?? '';
  if (!scope.completedChecks.includes(check)) return false;
  const examined = scope.examined?.[check];
  if (examined !== undefined && !examined.includes(entry.file)) return false;
  return isWithinPaths(entry.file, scope.paths);
}

function staleFinding(entry: BaselineEntry, loaded: LoadedBaseline, written: string, occurrence: number): Finding {
  return {
    ruleId: STALE_ENTRY_RULE.id,
    check: 'baseline',
    severity: STALE_ENTRY_RULE.defaultSeverity,
    file: loaded.file,
    line: lineOfFingerprint(loaded.text, written, occurrence),
    column: 1,
    message: `The accepted finding ${entry.ruleId} in ${entry.file} (${JSON.stringify(entry.message)}) no longer occurs.`,
    hint: 'Run `npvguard baseline --update` to drop fixed entries; the baseline should only shrink.',
    docsUrl: docsUrlFor(STALE_ENTRY_RULE.id),
    fingerprint: fingerprint(STALE_ENTRY_RULE.id, loaded.file, [written]),
    data: { entry: { ...entry } },
  };
}

/**
 * Marks findings accepted by the baseline file as `baseline: 'file'` and reports each in-scope entry that
 * no longer matches anything as an info finding `baseline/stale-entry`.
 */
export function applyBaseline(findings: readonly Finding[], loaded: LoadedBaseline, scope: ApplyBaselineScope): Finding[] {
  const entries = loaded.baseline.findings;
  // Occurrence of each entry's fingerprint in the whole file, to point a stale entry at its own line.
  const counts = new Map<string, number>();
  const positioned = entries.map((entry, index) => {
    const written = loaded.writtenFingerprints[index] ?? entry.fingerprint;
    const occurrence = counts.get(written) ?? 0;
    counts.set(written, occurrence + 1);
    return { entry, written, occurrence };
  });
  const judged = positioned.filter(({ entry }) => entryInScope(entry, scope));
  const accepted = judged.map(({ entry }) => entry);
  const outcome = compareWithBaseline(findings, accepted, 'file');
  // An entry is stale only if its finding is gone, not when --base already excused that finding.
  const unmarked = findings.map(({ baseline: _baseline, ...finding }) => finding);
  const { unmatched } = compareWithBaseline(unmarked, accepted, 'file');
  const stale = unmatched.flatMap((index) => {
    const item = judged[index];
    return item === undefined ? [] : [staleFinding(item.entry, loaded, item.written, item.occurrence)];
  });
  return [...outcome.findings, ...stale];
}
