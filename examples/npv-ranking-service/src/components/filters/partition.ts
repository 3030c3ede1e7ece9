import type { FilterResult, RemovedCandidate } from '../../core/components.js';

/** Splits candidates into kept and removed, keeping input order; `reasonToRemove` answers undefined to keep. */
export function partition<Candidate>(
  candidates: readonly Candidate[],
  reasonToRemove: (candidate: Candidate) => string | undefined,
): FilterResult<Candidate> {
  const kept: Candidate[] = [];
  const removed: RemovedCandidate<Candidate>[] = [];
  for (const candidate of candidates) {
    const reason = reasonToRemove(candidate);
    if (reason === undefined) {
      kept.push(candidate);
    } else {
      removed.push({ candidate, reason });
    }
  }
  return { kept, removed };
}
