import { execFile } from 'node:child_process';
import { NpvError } from '@npvguard/core';

export interface GitResult {
  stdout: string;
  stderr: string;
}

/** Git's own failure, with its stderr; callers turn it into the right coded error. */
export class GitCommandError extends Error {
  override readonly name = 'GitCommandError';
  constructor(
    readonly args: readonly string[],
    readonly stderr: string,
    readonly exitCode: number | undefined,
  ) {
    super(`git ${args.join(' ')} failed${exitCode === undefined ? '' : ` with exit code ${exitCode}`}: ${stderr.trim()}`);
  }
}

/** Runs git with an argument vector (never a shell string), in `cwd`. */
export function runGit(args: readonly string[], cwd: string): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    execFile('git', [...args], { cwd, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } }, (error, stdout, stderr) => {
      if (error === null) {
        resolve({ stdout, stderr });
        return;
      }
      if ('code' in error && error.code === 'ENOENT') {
        reject(new NpvError('NPV2003', '--base needs git, but the git executable was not found on PATH.'));
        return;
      }
      reject(new GitCommandError(args, stderr, typeof error.code === 'number' ? error.code : undefined));
    });
  });
}

/** A git failure that is nobody's input mistake, shown with the command to retry by hand. */
export function gitFailed(error: unknown): unknown {
  if (error instanceof GitCommandError) {
    return new NpvError('NPV2009', `${error.message.replace(/\s+/g, ' ')}`, { args: error.args });
  }
  return error;
}
