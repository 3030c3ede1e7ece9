import { existsSync } from 'node:fs';
import path from 'node:path';
import { createJiti } from 'jiti';
import { NpvError } from '@npvguard/core';

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function describeCause(cause: unknown): string {
  return oneLine(cause instanceof Error ? `${cause.name === 'Error' ? '' : `${cause.name}: `}${cause.message}` : String(cause));
}

/**
 * The export a `<module>#<export>` reference names, the module loaded from TypeScript source through
 * jiti (no build step), relative to `root`. Missing module → NPV1101; a module that throws while loading
 * → NPV2102; no such export → NPV1102.
 */
export async function loadModuleExport(root: string, reference: string, configKey: string): Promise<{ value: unknown; file: string }> {
  const hash = reference.lastIndexOf('#');
  const modulePath = reference.slice(0, hash);
  const exportName = reference.slice(hash + 1);
  const file = path.resolve(root, modulePath);
  if (!existsSync(file)) {
    throw new NpvError('NPV1101', `${configKey} names the module ${modulePath}, but ${path.relative(root, file) || file} does not exist in ${root}.`, { module: modulePath });
  }
  // No module cache (the base worktree and the head hold files at other paths, tests edit modules between runs);
  // jiti's file cache is keyed by content, so it stays on.
  const jiti = createJiti(path.join(root, 'npvguard-contracts.js'), { moduleCache: false });
  let loaded: unknown;
  try {
    loaded = await jiti.import(file);
  } catch (error) {
    throw new NpvError('NPV2102', `The module ${modulePath} (${configKey}) threw while loading: ${describeCause(error)}`, { module: modulePath });
  }
  const exports = typeof loaded === 'object' && loaded !== null ? (loaded as Record<string, unknown>) : {};
  if (!(exportName in exports) || exports[exportName] === undefined) {
    const names = Object.keys(exports).filter((name) => name !== '__esModule');
    throw new NpvError('NPV1102', `The module ${modulePath} (${configKey}) has no export named ${exportName}. Its exports: ${names.length === 0 ? 'none' : names.join(', ')}.`, {
      module: modulePath,
      export: exportName,
    });
  }
  return { value: exports[exportName], file };
}
