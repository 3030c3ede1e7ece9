import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createJiti } from 'jiti';
import { cachedTransform } from './transformCache.js';
import { NpvError } from '@npvguard/core';

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function loadError(file: string, cause: unknown): NpvError {
  const reason = cause instanceof Error ? `${cause.name === 'Error' ? '' : `${cause.name}: `}${cause.message}` : String(cause);
  return new NpvError('NPV1002', `Could not load the config file ${file}: ${oneLine(reason)}`, { file });
}

function resolvedFile(specifier: string): string | undefined {
  try {
    return fileURLToPath(import.meta.resolve(specifier));
  } catch {
    return undefined;
  }
}

/** Configs import `defineConfig` from `npvguard`; resolve it to this very install, even without a local one. */
function aliases(): Record<string, string> {
  const ownIndex = fileURLToPath(new URL('../index.js', import.meta.url));
  // Run from sources (tests), the CLI's own index is not built next to this file; the installed package is.
  const targets = {
    npvguard: existsSync(ownIndex) ? ownIndex : resolvedFile('npvguard'),
    '@npvguard/core': resolvedFile('@npvguard/core'),
  };
  return Object.fromEntries(Object.entries(targets).filter((entry): entry is [string, string] => entry[1] !== undefined && existsSync(entry[1])));
}

/**
 * The config file's default export, untyped. TypeScript and ESM configs are loaded through jiti (no build
 * step); JSON is parsed directly. Anything that goes wrong while loading becomes NPV1002.
 */
export async function loadConfigFile(file: string): Promise<unknown> {
  if (file.endsWith('.json')) {
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as unknown;
    } catch (error) {
      throw loadError(file, error);
    }
  }
  // No caches: a .ts or .js config edited between two runs in one process is read afresh (Node itself keeps .mjs modules).
  const jiti = createJiti(import.meta.url, { moduleCache: false, fsCache: false, transform: cachedTransform, alias: aliases() });
  try {
    return await jiti.import(file, { default: true });
  } catch (error) {
    throw loadError(file, error);
  }
}
