import { NpvError, isNpvError } from '@npvguard/core';
import { GitCommandError, gitFailed, runGit } from './git.js';
import { validateGitRef } from './ref.js';

/** The commit a ref names, or undefined when it names none (a branch that does not exist). */
async function commitOf(root: string, ref: string): Promise<string | undefined> {
  try {
    const sha = (await runGit(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], root)).stdout.trim();
    return sha === '' ? undefined : sha;
  } catch (error) {
    if (error instanceof GitCommandError) return undefined;
    throw error;
  }
}

/** `origin/HEAD` as the clone recorded it (`origin/main`), or undefined. */
async function originHead(root: string): Promise<string | undefined> {
  try {
    const ref = (await runGit(['symbolic-ref', '--quiet', '--short', 'refs/remotes/origin/HEAD'], root)).stdout.trim();
    return ref === '' ? undefined : ref;
  } catch (error) {
    if (error instanceof GitCommandError) return undefined;
    throw error;
  }
}

/**
 * The branch changes are merged into: the configured one (it must exist: NPV2004 otherwise), else the remote's
 * default (`origin/HEAD`), else a local `main` or `master`. Undefined when none is found or outside a git work tree.
 */
export async function defaultBranch(root: string, configured: string | undefined): Promise<{ ref: string; sha: string } | undefined> {
  if (configured !== undefined) {
    validateGitRef(configured);
    const sha = await commitOf(root, configured);
    if (sha === undefined) {
      throw new NpvError('NPV2004', `agent.base in the npvguard config names ${JSON.stringify(configured)}, which is no commit of this repository. Name the branch changes are merged into, e.g. "main" or "origin/main".`, {
        ref: configured,
      });
    }
    return { ref: configured, sha };
  }
  const candidates = [await originHead(root), 'main', 'master'].filter((ref): ref is string => ref !== undefined);
  for (const ref of candidates) {
    const sha = await commitOf(root, ref);
    if (sha !== undefined) return { ref, sha };
  }
  return undefined;
}

/** What an agent's change is compared with: the merge base with the default branch, when commits were made since. */
export interface AgentBase {
  /** The merge-base commit. */
  sha: string;
  /** The branch it was found with. */
  branch: string;
}

/**
 * The commit an agent's work started from: the merge base of HEAD and the default branch, when HEAD has moved past
 * it (the agent, or the person, committed on a branch). Undefined when nothing was committed since (comparing with
 * HEAD sees the whole change then), outside a git work tree, or when no default branch is found.
 */
export async function agentBase(root: string, configured: string | undefined): Promise<AgentBase | undefined> {
  let head: string | undefined;
  try {
    head = await commitOf(root, 'HEAD');
  } catch (error) {
    // No git on PATH (NPV2003): there is no history to compare with, as outside a repository.
    if (isNpvError(error) && error.code === 'NPV2003') return undefined;
    throw error;
  }
  if (head === undefined) return undefined;
  const branch = await defaultBranch(root, configured);
  if (branch === undefined) return undefined;
  let sha: string;
  try {
    sha = (await runGit(['merge-base', head, branch.sha], root)).stdout.trim();
  } catch (error) {
    // Unrelated histories have no merge base: nothing to compare with.
    if (error instanceof GitCommandError && error.exitCode === 1) return undefined;
    throw gitFailed(error);
  }
  if (sha === '' || sha === head) return undefined;
  return { sha, branch: branch.ref };
}
