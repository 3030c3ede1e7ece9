import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface SourcePosition {
  file: string;
  line: number;
  column: number;
}

/**
 * Where a string literal (a route URL, a feature name) first appears, quoted, in the given files: runtime
 * data has no source positions, so findings point at the declaration that names the thing.
 */
export function locateLiteral(root: string, files: readonly string[], literal: string, fallback: string): SourcePosition {
  const quoted = [`'${literal}'`, `"${literal}"`, `\`${literal}\``];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(path.resolve(root, file), 'utf8');
    } catch {
      continue;
    }
    const index = Math.min(...quoted.map((candidate) => text.indexOf(candidate)).filter((found) => found !== -1));
    if (!Number.isFinite(index)) continue;
    const before = text.slice(0, index);
    const line = before.split('\n').length;
    return { file, line, column: index - before.lastIndexOf('\n') };
  }
  return { file: fallback, line: 1, column: 1 };
}
