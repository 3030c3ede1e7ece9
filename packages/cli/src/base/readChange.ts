import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { NpvError, type Change, type ChangedFile } from '@npvguard/core';
import { GitCommandError, gitFailed, runGit } from './git.js';
import { resolveBase, type ResolvedBase } from './tree.js';
import { addedLineNumbers, parseDiff, removedLineNumbers } from './parseDiff.js';

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
export async function resolveAgainst(root: string, base: string | undefined): Promise<ResolvedBase> {
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
export async function readChange(root: string, base: string | undefined, resolvedBase?: ResolvedBase): Promise<Change> {
  const resolved = resolvedBase ?? (await resolveAgainst(root, base));
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
    base: { ref: resolved.ref, sha: resolved.sha },
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
