import { mkdtempSync, rmSync, existsSync, symlinkSync, mkdirSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { NpvError } from '@npvguard/core';
import { GitCommandError, gitFailed, runGit } from './git.js';
import { validateGitRef } from './ref.js';

export interface ResolvedBase {
  ref: string;
  sha: string;
  /** Absolute top folder of the git work tree holding the project. */
  topLevel: string;
}

/** Validates the ref (before git runs), finds the work tree and resolves the ref to a commit. */
export async function resolveBase(root: string, ref: string): Promise<ResolvedBase> {
  validateGitRef(ref);
  let topLevel: string;
  try {
    topLevel = (await runGit(['rev-parse', '--show-toplevel'], root)).stdout.trim();
  } catch (error) {
    if (error instanceof GitCommandError) {
      throw new NpvError('NPV2003', `--base ${ref} needs a git work tree, but ${root} is not inside one.`, { root });
    }
    throw error;
  }
  try {
    const sha = (await runGit(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], root)).stdout.trim();
    return { ref, sha, topLevel };
  } catch (error) {
    if (error instanceof GitCommandError) {
      throw new NpvError('NPV2004', `The --base ref ${JSON.stringify(ref)} does not name a commit in ${topLevel}.`, { ref });
    }
    throw error;
  }
}

/**
 * Links the head's node_modules folders (at the top of the work tree and on the way down to the project)
 * into the base tree, so checks there resolve packages exactly as at head.
 */
function linkDependencies(topLevel: string, projectRelative: string, baseTop: string): void {
  const segments = projectRelative === '' ? [] : projectRelative.split(path.sep);
  for (let depth = 0; depth <= segments.length; depth += 1) {
    const relative = path.join(...segments.slice(0, depth), 'node_modules');
    const source = path.join(topLevel, relative);
    const target = path.join(baseTop, relative);
    if (existsSync(source) && !existsSync(target)) {
      mkdirSync(path.dirname(target), { recursive: true });
      symlinkSync(source, target, 'dir');
    }
  }
}

/**
 * Materialises the base commit as a detached git worktree in a temporary folder, runs `work` on the
 * project's folder inside it, and always removes the worktree afterwards.
 */
export async function withBaseTree<T>(base: ResolvedBase, root: string, work: (baseRoot: string) => Promise<T>): Promise<T> {
  const folder = mkdtempSync(path.join(tmpdir(), 'npvguard-base-'));
  const tree = path.join(folder, 'tree');
  const projectRelative = path.relative(realpathSync(base.topLevel), realpathSync(root));
  let added = false;
  try {
    try {
      // No hooks: a post-checkout hook of the repository must not run because npvguard looked at the base.
      await runGit(['-c', 'core.hooksPath=/dev/null', 'worktree', 'add', '--detach', '--quiet', tree, base.sha], base.topLevel);
      added = true;
    } catch (error) {
      throw gitFailed(error);
    }
    linkDependencies(base.topLevel, projectRelative, tree);
    return await work(path.join(tree, projectRelative));
  } finally {
    if (added) {
      await runGit(['worktree', 'remove', '--force', tree], base.topLevel).catch(() => undefined);
    }
    rmSync(folder, { recursive: true, force: true });
    if (added) await runGit(['worktree', 'prune'], base.topLevel).catch(() => undefined);
  }
}
