import { readdirSync } from 'node:fs';
import path from 'node:path';
import { NpvError, compileGlob, globList, type GlobMatcher, type NpvConfig } from '@npvguard/core';

export const DEFAULT_INCLUDE = ['src/**/*.{ts,tsx,mts,cts}'] as const;

/** Folders that never hold project sources; walking them would only cost time. */
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', '.git']);

/** Every file under `root` as a root-relative POSIX path, sorted; symbolic links are not followed. */
export function walkFiles(root: string): string[] {
  const files: string[] = [];
  const pending = [''];
  while (pending.length > 0) {
    const folder = pending.pop() ?? '';
    for (const entry of readdirSync(path.join(root, folder), { withFileTypes: true })) {
      const relative = folder === '' ? entry.name : `${folder}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) pending.push(relative);
      } else if (entry.isFile()) {
        files.push(relative);
      }
    }
  }
  return files.sort();
}

/**
 * The project's source files: matched by `include`, not by `exclude`. Each include glob must match at least
 * one file (NPV1007): a glob that matches nothing usually means a typo, and checking nothing is no pass.
 */
export function listProjectFiles(root: string, config: NpvConfig, configFile: string): string[] {
  const include: GlobMatcher[] = globList(config.include ?? DEFAULT_INCLUDE).map(compileGlob);
  const exclude: GlobMatcher[] = globList(config.exclude).map(compileGlob);
  const matched = new Set<GlobMatcher>();
  const files = walkFiles(root).filter((file) => {
    const including = include.filter((matcher) => matcher.matches(file));
    for (const matcher of including) matched.add(matcher);
    return including.length > 0 && !exclude.some((matcher) => matcher.matches(file));
  });
  for (const matcher of include) {
    if (!matched.has(matcher)) {
      throw new NpvError(
        'NPV1007',
        `The include glob ${JSON.stringify(matcher.glob)} in ${configFile} matches no file under ${root}.`,
        { file: configFile, path: 'include', glob: matcher.glob },
      );
    }
  }
  return files;
}
