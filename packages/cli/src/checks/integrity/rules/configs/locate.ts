function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The line of a config file where a path of keys is written: each segment is looked for (as a word, quoted
 * or not) from the line of the previous one on. Falls back to the deepest segment found, else line 1.
 */
export function lineOfPath(text: string | undefined, segments: readonly string[]): number {
  if (text === undefined) return 1;
  const lines = text.split('\n');
  let from = 0;
  let found = 1;
  for (const segment of segments) {
    const pattern = new RegExp(`(^|[^\\w-])${escapeRegExp(segment)}($|[^\\w-])`);
    const index = lines.findIndex((line, at) => at >= from && pattern.test(line));
    if (index === -1) break;
    from = index;
    found = index + 1;
  }
  return found;
}
