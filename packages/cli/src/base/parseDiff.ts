/** One hunk of a unified diff: the lines it removes from the old file and adds to the new one. */
export interface Hunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  removed: string[];
  added: string[];
}

export type { FileStatus } from '@npvguard/core';
import type { FileStatus } from '@npvguard/core';

/** What a diff says about one file. Paths are as git printed them (relative to where it ran), unquoted. */
export interface FileDiff {
  status: FileStatus;
  /** Absent for an added file. */
  oldPath?: string;
  /** Absent for a deleted file. */
  newPath?: string;
  binary: boolean;
  hunks: Hunk[];
}

/** The diff text did not have the shape of `git diff` output: a bug or a git this parser does not know. */
export class DiffParseError extends Error {
  override readonly name = 'DiffParseError';
}

const ESCAPES: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };

/** Git's C-style quoted path (`"a/tab\there"`, octal bytes for non-ASCII) back to the path. */
export function unquotePath(text: string): string {
  if (!text.startsWith('"')) return text;
  if (!text.endsWith('"') || text.length < 2) throw new DiffParseError(`unterminated quoted path: ${text}`);
  const bytes: number[] = [];
  const body = text.slice(1, -1);
  for (let index = 0; index < body.length; index += 1) {
    const character = body[index] ?? '';
    if (character !== '\\') {
      bytes.push(...Buffer.from(character, 'utf8'));
      continue;
    }
    const next = body[index + 1] ?? '';
    const octal = /^[0-7]{3}/.exec(body.slice(index + 1, index + 4));
    if (octal !== null) {
      bytes.push(Number.parseInt(octal[0], 8));
      index += 3;
    } else if (next in ESCAPES) {
      bytes.push(ESCAPES[next] ?? 0);
      index += 1;
    } else {
      throw new DiffParseError(`unknown escape \\${next} in quoted path: ${text}`);
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** `a/path` or `"a/pa\th"` without its one-letter prefix; `/dev/null` as undefined. */
function headerPath(text: string, prefix: 'a/' | 'b/'): string | undefined {
  // Git ends the name with a tab when it contains a space, so patch(1) can tell where it stops.
  const trimmed = text.endsWith('\t') ? text.slice(0, -1) : text;
  if (trimmed === '/dev/null') return undefined;
  const path = unquotePath(trimmed);
  if (!path.startsWith(prefix)) throw new DiffParseError(`expected a path starting with ${prefix}: ${text}`);
  return path.slice(prefix.length);
}

/** The two paths of `diff --git a/x b/x` when no other line names them (an empty file, a pure mode change). */
function gitHeaderPaths(rest: string): { oldPath: string; newPath: string } {
  if (rest.startsWith('"')) {
    const end = findQuoteEnd(rest);
    const oldPath = headerPath(rest.slice(0, end + 1), 'a/') ?? '';
    const newPath = headerPath(rest.slice(end + 2), 'b/') ?? '';
    return { oldPath, newPath };
  }
  if (rest.endsWith('"')) {
    const start = rest.lastIndexOf(' "');
    return { oldPath: headerPath(rest.slice(0, start), 'a/') ?? '', newPath: headerPath(rest.slice(start + 1), 'b/') ?? '' };
  }
  // Unquoted and without a rename, both names are the same, so the split point is the middle.
  const half = (rest.length - 1) / 2;
  if (!Number.isInteger(half)) throw new DiffParseError(`cannot split the diff header: ${rest}`);
  return { oldPath: headerPath(rest.slice(0, half), 'a/') ?? '', newPath: headerPath(rest.slice(half + 1), 'b/') ?? '' };
}

function findQuoteEnd(text: string): number {
  for (let index = 1; index < text.length; index += 1) {
    if (text[index] === '\\') index += 1;
    else if (text[index] === '"') return index;
  }
  throw new DiffParseError(`unterminated quoted path: ${text}`);
}

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

interface Draft {
  file: FileDiff;
  headerPaths: { oldPath: string; newPath: string } | undefined;
  renameFrom?: string;
  renameTo?: string;
  minus?: string | null;
  plus?: string | null;
}

function finish(draft: Draft): FileDiff {
  const { file } = draft;
  const oldPath = draft.renameFrom ?? (draft.minus === undefined ? draft.headerPaths?.oldPath : draft.minus ?? undefined);
  const newPath = draft.renameTo ?? (draft.plus === undefined ? draft.headerPaths?.newPath : draft.plus ?? undefined);
  if (file.status === 'added') {
    if (newPath === undefined) throw new DiffParseError('an added file without a name');
    return { ...file, newPath };
  }
  if (file.status === 'deleted') {
    if (oldPath === undefined) throw new DiffParseError('a deleted file without a name');
    return { ...file, oldPath };
  }
  if (oldPath === undefined || newPath === undefined) throw new DiffParseError('a changed file without both names');
  return { ...file, oldPath, newPath, status: oldPath === newPath ? 'modified' : 'renamed' };
}

/**
 * Parses `git diff --unified=0` output into files and hunks. Counts in each hunk header are checked against
 * its lines, so a truncated or misread diff fails loudly.
 */
export function parseDiff(text: string): FileDiff[] {
  const files: FileDiff[] = [];
  let draft: Draft | undefined;
  let hunk: Hunk | undefined;
  const closeHunk = (): void => {
    if (hunk === undefined) return;
    const oldSeen = hunk.removed.length;
    const newSeen = hunk.added.length;
    if (oldSeen !== hunk.oldLines || newSeen !== hunk.newLines) {
      throw new DiffParseError(`hunk @@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@ has ${oldSeen} removed and ${newSeen} added lines`);
    }
    hunk = undefined;
  };
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  for (const line of lines) {
    if (line.startsWith('diff --git ')) {
      closeHunk();
      if (draft !== undefined) files.push(finish(draft));
      const rest = line.slice('diff --git '.length);
      let headerPaths: Draft['headerPaths'];
      try {
        headerPaths = gitHeaderPaths(rest);
      } catch {
        // A rename with spaces in both names: the rename lines carry the names.
        headerPaths = undefined;
      }
      draft = { file: { status: 'modified', binary: false, hunks: [] }, headerPaths };
      continue;
    }
    if (draft === undefined) throw new DiffParseError(`diff text before the first file header: ${line}`);
    // Inside a hunk its header's counts say how many lines belong to it, so a removed line reading
    // `-- x` (printed `--- x`) is content, not the next file's header.
    if (hunk !== undefined && hunk.removed.length + hunk.added.length < hunk.oldLines + hunk.newLines) {
      if (line.startsWith('+') && hunk.added.length < hunk.newLines) hunk.added.push(line.slice(1));
      else if (line.startsWith('-') && hunk.removed.length < hunk.oldLines) hunk.removed.push(line.slice(1));
      else if (!line.startsWith('\\')) throw new DiffParseError(`unexpected line in a hunk (only --unified=0 diffs are read): ${line}`);
      continue;
    }
    if (line.startsWith('\\')) continue;
    const header = HUNK_HEADER.exec(line);
    if (header !== null) {
      closeHunk();
      const [, oldStart = '0', oldLines = '1', newStart = '0', newLines = '1'] = header;
      hunk = { oldStart: Number(oldStart), oldLines: Number(oldLines), newStart: Number(newStart), newLines: Number(newLines), removed: [], added: [] };
      draft.file.hunks.push(hunk);
      continue;
    }
    closeHunk();
    if (line.startsWith('new file mode')) draft.file.status = 'added';
    else if (line.startsWith('deleted file mode')) draft.file.status = 'deleted';
    else if (line.startsWith('rename from ')) draft.renameFrom = unquotePath(line.slice('rename from '.length));
    else if (line.startsWith('rename to ')) draft.renameTo = unquotePath(line.slice('rename to '.length));
    else if (line.startsWith('--- ')) draft.minus = headerPath(line.slice(4), 'a/') ?? null;
    else if (line.startsWith('+++ ')) draft.plus = headerPath(line.slice(4), 'b/') ?? null;
    else if (line.startsWith('Binary files ') || line === 'GIT binary patch') draft.file.binary = true;
    // Other extended headers (index, mode, similarity, copy) carry nothing the checks use.
  }
  closeHunk();
  if (draft !== undefined) files.push(finish(draft));
  return files;
}

/** Line numbers (1-based) of the new file that a file diff adds. */
export function addedLineNumbers(file: FileDiff): Set<number> {
  const numbers = new Set<number>();
  for (const hunk of file.hunks) for (let offset = 0; offset < hunk.newLines; offset += 1) numbers.add(hunk.newStart + offset);
  return numbers;
}

/** Line numbers (1-based) of the old file that a file diff removes. */
export function removedLineNumbers(file: FileDiff): Set<number> {
  const numbers = new Set<number>();
  for (const hunk of file.hunks) for (let offset = 0; offset < hunk.oldLines; offset += 1) numbers.add(hunk.oldStart + offset);
  return numbers;
}
