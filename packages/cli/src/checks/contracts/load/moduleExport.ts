import { existsSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { createJiti } from 'jiti';
import { cachedTransform } from '../../../modules/transformCache.js';
import { NpvError } from '@npvguard/core';

/** require's module cache, where jiti keeps the modules it evaluates when its module cache is on. */
function requireCache(): NodeJS.Dict<NodeJS.Module> {
  return createRequire(import.meta.url).cache;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function describeCause(cause: unknown): string {
  return oneLine(cause instanceof Error ? `${cause.name === 'Error' ? '' : `${cause.name}: `}${cause.message}` : String(cause));
}

/** Loads `<module>#<export>` references of one project, evaluating each module file once. */
export interface ModuleLoader {
  /**
   * The export a `<module>#<export>` reference names, the module loaded from TypeScript source through jiti (no
   * build step), relative to the project root. Missing module → NPV1101; a module that throws while loading →
   * NPV2102; no such export → NPV1102. Modules already evaluated by this loader are not evaluated again.
   */
  load(reference: string, configKey: string): Promise<{ value: unknown; file: string }>;
  /** Forgets the modules this loader evaluated, so that the next loader reads the files again. */
  close(): void;
}

function inNodeModules(file: string): boolean {
  return file.split(path.sep).includes('node_modules');
}

/**
 * A loader whose modules share one module graph: the app factory, the invariants and whatever they import are
 * evaluated once per loader rather than once per reference. The graph lives in require's cache while the
 * loader is open; `close()` drops the project's entries (not node_modules), because the base worktree and
 * later runs in the same process (the MCP server, hooks, tests) may hold other content at those paths.
 * Transformed sources are cached by content (`cachedTransform`), so the base worktree reuses the head's.
 */
export function createModuleLoader(root: string): ModuleLoader {
  const cache = requireCache();
  const before = new Set(Object.keys(cache));
  // tsconfigPaths: the project's tsconfig (found from the root up) maps `paths` aliases (`@/api/index.js`), as tsc does.
  const jiti = createJiti(path.join(root, 'npvguard-contracts.js'), { moduleCache: true, fsCache: false, transform: cachedTransform, tsconfigPaths: true });
  return {
    async load(reference, configKey) {
      const hash = reference.lastIndexOf('#');
      const modulePath = reference.slice(0, hash);
      const exportName = reference.slice(hash + 1);
      const file = path.resolve(root, modulePath);
      if (!existsSync(file)) {
        throw new NpvError('NPV1101', `${configKey} names the module ${modulePath}, but ${path.relative(root, file) || file} does not exist in ${root}.`, { module: modulePath });
      }
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
    },
    close() {
      for (const key of Object.keys(cache)) {
        if (!before.has(key) && !inNodeModules(key)) Reflect.deleteProperty(cache, key);
      }
    },
  };
}

/** One reference loaded by a loader of its own (see `ModuleLoader.load`). */
export async function loadModuleExport(root: string, reference: string, configKey: string): Promise<{ value: unknown; file: string }> {
  const loader = createModuleLoader(root);
  try {
    return await loader.load(reference, configKey);
  } finally {
    loader.close();
  }
}
