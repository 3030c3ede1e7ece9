import fs from 'node:fs';
import path from 'node:path';

/**
 * Where npvguard keeps what it may reuse between runs: `.cache/npvguard` in the nearest node_modules above the
 * project, as other tools do (created under the root if there is none). A base checkout links the head's
 * node_modules, so the head and the base of a `--base` run share it.
 */
export function defaultCacheDirectory(root: string): string {
  let directory = path.resolve(root);
  for (;;) {
    const candidate = path.join(directory, 'node_modules');
    if (fs.existsSync(candidate)) return path.join(candidate, '.cache', 'npvguard');
    const parent = path.dirname(directory);
    if (parent === directory) return path.join(path.resolve(root), 'node_modules', '.cache', 'npvguard');
    directory = parent;
  }
}

/**
 * Writes a cache file whole or not at all: into a temporary file beside it, then renamed over it, so a run beside
 * never reads half a file. Creates the folder. Throws what the file system throws; a caller whose cache is only
 * for speed catches it.
 */
export function writeFileAtomically(file: string, data: string | NodeJS.ArrayBufferView): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  fs.writeFileSync(temporary, data);
  fs.renameSync(temporary, file);
}
