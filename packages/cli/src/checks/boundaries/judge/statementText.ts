import fs from 'node:fs';
import path from 'node:path';
import type { SourceLocation } from '../types.js';

/** The source text of an import statement, on one line, for a message. */
export type StatementReader = (file: string, location: SourceLocation) => string;

const MAX_LENGTH = 160;

/**
 * Reads statements back from the files only when a finding needs one, so the cache stores positions,
 * not text. Each file is read at most once per run.
 */
export function createStatementReader(root: string): StatementReader {
  const lines = new Map<string, string[]>();
  return (file, location) => {
    let fileLines = lines.get(file);
    if (fileLines === undefined) {
      try {
        // The line breaks TypeScript counts lines by.
        fileLines = fs.readFileSync(path.join(root, file), 'utf8').split(/\r\n|[\n\r\u2028\u2029]/);
      } catch {
        fileLines = [];
      }
      lines.set(file, fileLines);
    }
    const selected = fileLines.slice(location.line - 1, location.endLine);
    if (selected.length === 0) return '';
    const last = selected.length - 1;
    selected[last] = (selected[last] ?? '').slice(0, location.endColumn - 1);
    selected[0] = (selected[0] ?? '').slice(location.column - 1);
    const text = selected.join(' ').replace(/\s+/g, ' ').trim();
    return text.length > MAX_LENGTH ? `${text.slice(0, MAX_LENGTH - 1)}…` : text;
  };
}
