import { statSync } from 'node:fs';
import path from 'node:path';
import { NpvError } from '@npvguard/core';

/** Discovery order when a folder holds more than one config file. */
export const CONFIG_FILE_NAMES = [
  'npvguard.config.ts',
  'npvguard.config.mts',
  'npvguard.config.js',
  'npvguard.config.mjs',
  'npvguard.config.json',
] as const;

function isFile(file: string): boolean {
  return statSync(file, { throwIfNoEntry: false })?.isFile() ?? false;
}

/** `--cwd` must name an existing folder; relative values start at the process's working directory. */
export function resolveWorkingDirectory(processCwd: string, cwdOption: string | undefined): string {
  if (cwdOption === undefined) return processCwd;
  const folder = path.resolve(processCwd, cwdOption);
  if (!(statSync(folder, { throwIfNoEntry: false })?.isDirectory() ?? false)) {
    throw new NpvError('NPV2007', `The --cwd folder ${folder} does not exist or is not a folder.`, { path: folder });
  }
  return folder;
}

/**
 * The config file to load: `--config` if given (it must exist), else the first of CONFIG_FILE_NAMES in `cwd`
 * or the nearest parent folder that has one.
 */
export function findConfigFile(cwd: string, explicit: string | undefined): string {
  if (explicit !== undefined) {
    const file = path.resolve(cwd, explicit);
    if (!isFile(file)) throw new NpvError('NPV1001', `The config file ${file} given with --config does not exist.`, { file });
    return file;
  }
  for (let folder = cwd; ; folder = path.dirname(folder)) {
    for (const name of CONFIG_FILE_NAMES) {
      const file = path.join(folder, name);
      if (isFile(file)) return file;
    }
    if (path.dirname(folder) === folder) break;
  }
  throw new NpvError(
    'NPV1001',
    `No npvguard config found in ${cwd} or its parent folders (looked for ${CONFIG_FILE_NAMES.join(', ')}).`,
    { cwd },
  );
}
