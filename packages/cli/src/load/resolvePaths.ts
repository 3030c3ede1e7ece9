import { statSync } from 'node:fs';
import path from 'node:path';
import { NpvError } from '@npvguard/core';

/** Converts an absolute path inside `root` to the root-relative POSIX form every finding uses. */
export function toProjectPath(root: string, absolute: string): string {
  return path.relative(root, absolute).split(path.sep).join('/');
}

/**
 * Command-line paths (relative to the working directory) as root-relative POSIX paths.
 * A path that does not exist, or lies outside the project, is an error: checking nothing is no pass.
 * The project root itself means the whole project and yields no entry.
 */
export function resolvePathArguments(paths: readonly string[], cwd: string, root: string): string[] {
  const resolved = new Set<string>();
  for (const given of paths) {
    const absolute = path.resolve(cwd, given);
    if (statSync(absolute, { throwIfNoEntry: false }) === undefined) {
      throw new NpvError('NPV2007', `The path ${given} does not exist (resolved to ${absolute}).`, { path: given });
    }
    const relative = toProjectPath(root, absolute);
    if (relative.startsWith('..') || path.isAbsolute(relative)) {
      throw new NpvError('NPV2007', `The path ${given} is outside the project root ${root} (the folder holding the config).`, {
        path: given,
      });
    }
    if (relative !== '') resolved.add(relative);
  }
  return [...resolved].sort();
}
