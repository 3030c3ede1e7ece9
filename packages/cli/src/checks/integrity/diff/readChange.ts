import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { NpvError } from '@npvguard/core';
import { GitCommandError, gitFailed, runGit } from '../../../git/git.js';
import { resolveBase, type ResolvedBase } from '../../../git/base.js';
import { addedLineNumbers, parseDiff, removedLineNumbers, type FileStatus } from './parseDiff.js';

/** One changed file of the project, paths relative to the project root (POSIX). */
export interface ChangedFile {
  status: FileStatus;
  oldPath?: string;
  newPath?: string;
  binary: boolean;
  /** Line numbers of the head file that the change adds (every line of an added file). */
  added: ReadonlySet<number>;
  /** Line numbers of the base file that the change removes (every line of a deleted file). */
  removed: ReadonlySet<number>;
}

/** The change under check: the working tree (with untracked files) against a base commit. */
export interface Change {
  base: ResolvedBase;
  /** What the change is compared with, as shown to the user: `--base main`, or `HEAD` for uncommitted work. */
  against: string;
  files: ChangedFile[];
  /** Whether any tsconfig file of the repository changed (one outside the project may be extended by it). */
  tsconfigChanged: boolean;
  readBase(file: string): Promise<string | undefined>;
  readHead(file: string): string | undefined;
}

function isInNodeModules(file: string): boolean {
  return file.split('/').includes('node_modules');
}

function allLines(count: number): Set<number> {
  return new Set(Array.from({ length: count }, (_, index) => index + 1));
}

function lineCount(text: string): number {
  if (text === '') return 0;
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

async function git(args: readonly string[], cwd: string): Promise<string> {
  try {
    return (await runGit(args, cwd)).stdout;
  } catch (error) {
    throw gitFailed(error);
  }
}

/** Without --base the change is the uncommitted work: the working tree against HEAD. */
async function resolveAgainst(root: string, base: string | undefined): Promise<ResolvedBase> {
  if (base !== undefined) return resolveBase(root, base);
  try {
    return await resolveBase(root, 'HEAD');
  } catch (error) {
    if (error instanceof NpvError || error instanceof GitCommandError) {
      throw new NpvError('NPV2302', `The integrity check compares a change with a commit, but ${root} is not in a git work tree with a commit (${error.message}).`, { root });
    }
    throw error;
  }
}

/**
 * Reads the change: `git diff --unified=0 --find-renames` of the project folder against the base commit,
 * plus untracked files as added. Git runs with an argument vector and fixed prefixes, so the user's diff
 * settings (no prefixes, external diff tools, colour) cannot change what is parsed.
 */
export async function readChange(root: string, base: string | undefined): Promise<Change> {
  const resolved = await resolveAgainst(root, base);
  const diffText = await git(
    ['-c', 'core.quotePath=false', 'diff', '--unified=0', '--no-color', '--no-ext-diff', '--no-textconv', '--find-renames', '--relative', '--src-prefix=a/', '--dst-prefix=b/', resolved.sha, '--'],
    root,
  );
  const untracked = (await git(['ls-files', '--others', '--exclude-standard', '-z'], root)).split('\0').filter((file) => file !== '');
  const tsconfigNames = await git(['diff', '--name-only', '-z', '--no-renames', resolved.sha, '--', ':(top,glob)**/*tsconfig*.json'], root);
  const readHead = (file: string): string | undefined => {
    const absolute = path.join(root, file);
    if (!(statSync(absolute, { throwIfNoEntry: false })?.isFile() ?? false)) return undefined;
    return readFileSync(absolute, 'utf8');
  };
  const files: ChangedFile[] = [];
  for (const file of parseDiff(diffText)) {
    if (isInNodeModules(file.newPath ?? file.oldPath ?? '')) continue;
    const changed: ChangedFile = { status: file.status, binary: file.binary, added: addedLineNumbers(file), removed: removedLineNumbers(file) };
    if (file.oldPath !== undefined) changed.oldPath = file.oldPath;
    if (file.newPath !== undefined) changed.newPath = file.newPath;
    files.push(changed);
  }
  for (const file of untracked) {
    if (isInNodeModules(file)) continue;
    const text = readHead(file);
    if (text === undefined) continue;
    files.push({ status: 'added', newPath: file, binary: text.includes('\0'), added: allLines(lineCount(text)), removed: new Set() });
  }
  return {
    base: resolved,
    against: base === undefined ? 'HEAD' : base,
    files,
    tsconfigChanged: tsconfigNames.split('\0').some((name) => name !== '') || untracked.some((file) => /(^|\/)[^/]*tsconfig[^/]*\.json$/.test(file)),
    readHead,
    async readBase(file) {
      try {
        return (await runGit(['cat-file', 'blob', `${resolved.sha}:./${file}`], root)).stdout;
      } catch (error) {
        if (error instanceof GitCommandError) return undefined;
        throw error;
      }
    },
  };
}
