/** Edit distance between two strings (insertions, deletions, substitutions), case-sensitive. */
export function levenshtein(left: string, right: string): number {
  if (left === right) return 0;
  let previous = Array.from({ length: right.length + 1 }, (_, index) => index);
  for (let row = 1; row <= left.length; row += 1) {
    const current = [row];
    for (let column = 1; column <= right.length; column += 1) {
      const substitution = (previous[column - 1] ?? 0) + (left[row - 1] === right[column - 1] ? 0 : 1);
      const deletion = (previous[column] ?? 0) + 1;
      const insertion = (current[column - 1] ?? 0) + 1;
      current.push(Math.min(substitution, deletion, insertion));
    }
    previous = current;
  }
  return previous[right.length] ?? 0;
}

/**
 * The known name closest to `name`, or undefined when none is close enough to be a plausible typo.
 * Case differences count as one edit so `Boundaries` still suggests `boundaries`.
 */
export function closestMatch(name: string, known: readonly string[]): string | undefined {
  const limit = Math.max(2, Math.ceil(name.length * 0.4));
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of known) {
    if (candidate === name) return candidate;
    const distance = candidate.toLowerCase() === name.toLowerCase() ? 1 : levenshtein(name, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= limit ? best : undefined;
}
