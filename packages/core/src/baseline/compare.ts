import type { Finding } from '../finding.js';

export interface CompareWithBaselineOutcome {
  /** The findings, those matched by an accepted entry now carrying `baseline`. */
  findings: Finding[];
  /** Indexes of accepted entries that matched no finding (stale). */
  unmatched: number[];
}

/**
 * Marks findings whose fingerprint is among the accepted ones. Matching counts occurrences: two accepted
 * entries with one fingerprint excuse two findings, so a third copy of the same violation is still new.
 * Findings already marked keep their mark and use up no entry.
 */
export function compareWithBaseline(
  findings: readonly Finding[],
  accepted: readonly { fingerprint: string }[],
  mark: 'base' | 'file',
): CompareWithBaselineOutcome {
  const available = new Map<string, number[]>();
  accepted.forEach((entry, index) => {
    const indexes = available.get(entry.fingerprint);
    if (indexes === undefined) available.set(entry.fingerprint, [index]);
    else indexes.push(index);
  });
  const marked = findings.map((finding): Finding => {
    if (finding.baseline !== undefined) return finding;
    const indexes = available.get(finding.fingerprint);
    if (indexes === undefined || indexes.length === 0) return finding;
    indexes.shift();
    return { ...finding, baseline: mark };
  });
  const unmatched = [...available.values()].flat().sort((left, right) => left - right);
  return { findings: marked, unmatched };
}
