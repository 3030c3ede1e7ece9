/** Edit distance (insertions, deletions, substitutions), for "did you mean" suggestions. */
export function editDistance(left: string, right: string): number {
  let previous = Array.from({ length: right.length + 1 }, (_, index) => index);
  for (let row = 1; row <= left.length; row += 1) {
    const current = [row];
    for (let column = 1; column <= right.length; column += 1) {
      const substitution = (previous[column - 1] ?? 0) + (left[row - 1] === right[column - 1] ? 0 : 1);
      current.push(Math.min((previous[column] ?? 0) + 1, (current[column - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[right.length] ?? 0;
}

/**
 * The known ids closest to `given`: ids that contain it (or its last segment) first, then by edit distance
 * of the last segment, so `forbiden-import` finds `boundaries/forbidden-import`.
 */
export function closestIds(given: string, known: readonly string[], limit = 3): string[] {
  const lowered = given.toLowerCase();
  const lastSegment = lowered.split('/').pop() ?? lowered;
  const scored = known.map((id) => {
    const candidate = id.toLowerCase();
    const candidateLast = candidate.split('/').pop() ?? candidate;
    const contains = candidate.includes(lowered) || (lastSegment.length >= 4 && candidateLast.includes(lastSegment));
    const distance = Math.min(editDistance(lowered, candidate), editDistance(lastSegment, candidateLast));
    return { id, score: contains ? -1 : distance };
  });
  const threshold = Math.max(3, Math.floor(lastSegment.length / 2));
  return scored
    .filter((entry) => entry.score <= threshold)
    .sort((left, right) => left.score - right.score || left.id.localeCompare(right.id))
    .slice(0, limit)
    .map((entry) => entry.id);
}
