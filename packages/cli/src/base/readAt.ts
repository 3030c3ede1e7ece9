import path from 'node:path';
import { GitCommandError, gitFailed, runGit } from './git.js';
import { validateGitRef } from './ref.js';

/**
 * A file's text at a git revision (`git show <ref>:<path>`), the path taken relative to `cwd`; undefined
 * when the revision exists but has no such file. The ref is validated before git sees it.
 */
export async function readFileAtRef(cwd: string, ref: string, file: string): Promise<string | undefined> {
  validateGitRef(ref);
  const relative = path.isAbsolute(file) ? path.relative(cwd, file) : file;
  const spec = `${ref}:./${relative.split(path.sep).join('/')}`;
  try {
    return (await runGit(['show', '--end-of-options', spec], cwd)).stdout;
  } catch (error) {
    if (error instanceof GitCommandError && /does not exist|exists on disk, but not in/.test(error.stderr)) return undefined;
    throw gitFailed(error);
  }
}
