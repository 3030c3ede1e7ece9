import path from 'node:path';
import type { RepositoryChange } from '@npvguard/core';
import { runGit } from './git.js';
import type { ResolvedBase } from './tree.js';

async function git(args: readonly string[], cwd: string): Promise<string> {
  return (await runGit(args, cwd)).stdout;
}

/** The repository's top folder, or undefined outside a git work tree. */
export async function repositoryTop(cwd: string): Promise<string | undefined> {
  try {
    const top = (await git(['rev-parse', '--show-toplevel'], cwd)).trim();
    return top === '' ? undefined : top;
  } catch {
    return undefined;
  }
}

/**
 * Every path the change touches in the whole repository against the base commit: committed since it, uncommitted,
 * untracked; and the diff without context lines. Throws GitCommandError when git cannot tell.
 */
export async function readRepositoryChange(root: string, resolved: ResolvedBase): Promise<RepositoryChange> {
  const committed = await git(['-c', 'core.quotePath=false', 'diff', '--name-only', '-z', '--no-renames', resolved.sha, '--', ':(top)'], root);
  const untracked = await git(['ls-files', '--others', '--exclude-standard', '-z', '--full-name', '--', ':(top)'], root);
  const diff = await git(['-c', 'core.quotePath=false', 'diff', '--unified=0', '--no-color', '--no-ext-diff', '--no-textconv', resolved.sha, '--', ':(top)'], root);
  const paths = [...new Set([...committed.split('\0'), ...untracked.split('\0')].filter((file) => file !== ''))];
  return { projectFromTop: path.relative(resolved.topLevel, root).split(path.sep).join('/'), paths, diff };
}
