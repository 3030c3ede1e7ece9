import { compareWithBaseline, docsUrlFor, fingerprint, isWithinPaths, type BaselineEntry, type Finding } from '@npvguard/core';
import { STALE_ENTRY_RULE } from './rules.js';
import { lineOfFingerprint, type LoadedBaseline } from './baselineFile.js';

export interface ApplyBaselineScope {
  /** Checks that ran to completion; entries of other checks cannot be judged stale. */
  completedChecks: readonly string[];
  /** Paths given on the command line; when non-empty, only entries under them can be judged. */
  paths: readonly string[];
}

export function entryInScope(entry: BaselineEntry, scope: ApplyBaselineScope): boolean {
  const check = entry.ruleId.split('/')[0] ?? '';
  if (!scope.completedChecks.includes(check)) return false;
  return isWithinPaths(entry.file, scope.paths);
}

function staleFinding(entry: BaselineEntry, loaded: LoadedBaseline, occurrence: number): Finding {
  return {
    ruleId: STALE_ENTRY_RULE.id,
    check: 'baseline',
    severity: STALE_ENTRY_RULE.defaultSeverity,
    file: loaded.file,
    line: lineOfFingerprint(loaded.text, entry.fingerprint, occurrence),
    column: 1,
    message: `The accepted finding ${entry.ruleId} in ${entry.file} (${JSON.stringify(entry.message)}) no longer occurs.`,
    hint: 'Run `npvguard baseline --update` to drop fixed entries; the baseline should only shrink.',
    docsUrl: docsUrlFor(STALE_ENTRY_RULE.id),
    fingerprint: fingerprint(STALE_ENTRY_RULE.id, loaded.file, [entry.fingerprint]),
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
  const positioned = entries.map((entry) => {
    const occurrence = counts.get(entry.fingerprint) ?? 0;
    counts.set(entry.fingerprint, occurrence + 1);
    return { entry, occurrence };
  });
  const judged = positioned.filter(({ entry }) => entryInScope(entry, scope));
  const accepted = judged.map(({ entry }) => entry);
  const outcome = compareWithBaseline(findings, accepted, 'file');
  // An entry is stale only if its finding is gone, not when --base already excused that finding.
  const unmarked = findings.map(({ baseline: _baseline, ...finding }) => finding);
  const { unmatched } = compareWithBaseline(unmarked, accepted, 'file');
  const stale = unmatched.flatMap((index) => {
    const item = judged[index];
    return item === undefined ? [] : [staleFinding(item.entry, loaded, item.occurrence)];
  });
  return [...outcome.findings, ...stale];
}
