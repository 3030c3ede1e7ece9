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

/** The base commit checked out in a temporary folder; `close` removes it (and is safe to call twice). */
export interface BaseTree {
  /** The project's folder inside the base checkout. */
  root: string;
  close(): Promise<void>;
}

/**
 * Materialises the base commit as a detached git worktree in a temporary folder, with the head's
 * node_modules linked in. The caller must close it; on failure nothing is left behind.
 */
export async function openBaseTree(base: ResolvedBase, root: string): Promise<BaseTree> {
  const folder = mkdtempSync(path.join(tmpdir(), 'npvguard-base-'));
  const tree = path.join(folder, 'tree');
  let added = false;
  let closed: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closed ??= (async () => {
      if (added) await runGit(['worktree', 'remove', '--force', tree], base.topLevel).catch(() => undefined);
      rmSync(folder, { recursive: true, force: true });
      if (added) await runGit(['worktree', 'prune'], base.topLevel).catch(() => undefined);
    })();
    return closed;
  };
  try {
    const projectRelative = path.relative(realpathSync(base.topLevel), realpathSync(root));
    try {
      // No hooks: a post-checkout hook of the repository must not run because npvguard looked at the base.
      await runGit(['-c', 'core.hooksPath=/dev/null', 'worktree', 'add', '--detach', '--quiet', tree, base.sha], base.topLevel);
      added = true;
    } catch (error) {
      throw gitFailed(error);
    }
    linkDependencies(base.topLevel, projectRelative, tree);
    return { root: path.join(tree, projectRelative), close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Runs `work` on the project's folder inside a base checkout (see openBaseTree), and always removes it afterwards. */
export async function withBaseTree<T>(base: ResolvedBase, root: string, work: (baseRoot: string) => Promise<T>): Promise<T> {
  const tree = await openBaseTree(base, root);
  try {
    return await work(tree.root);
  } finally {
    await tree.close();
  }
}
