/**
 * The one total order used to rank candidates: higher score first, NaN after every number, ties broken
 * by key in code-unit order (never locale-dependent). A total order makes rankings reproducible even
 * when a scorer misbehaves.
 */
export function compareRanked(scoreA: number, keyA: string, scoreB: number, keyB: string): number {
  const aIsNaN = Number.isNaN(scoreA);
  const bIsNaN = Number.isNaN(scoreB);
  if (aIsNaN !== bIsNaN) {
    return aIsNaN ? 1 : -1;
  }
  if (!aIsNaN && scoreA !== scoreB) {
    return scoreA > scoreB ? -1 : 1;
  }
  if (keyA === keyB) {
    return 0;
  }
  return keyA < keyB ? -1 : 1;
}
