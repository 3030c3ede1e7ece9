import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ContractsConfig } from '@npvguard/core';

export const DEFAULT_SNAPSHOT = 'contracts/openapi.json';
export const DEFAULT_CHANGES = 'contracts/changes.json';

/** The snapshot's `info.title`: the config's, else the project's package name. */
export function contractTitle(root: string, config: ContractsConfig): string {
  if (config.title !== undefined) return config.title;
  const manifest = path.join(root, 'package.json');
  if (existsSync(manifest)) {
    try {
      const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown };
      if (typeof parsed.name === 'string') return parsed.name;
    } catch {
      // A package.json that does not parse only costs the title.
    }
  }
  return 'API';
}

export function appModuleFile(config: ContractsConfig): string {
  return config.app.slice(0, config.app.lastIndexOf('#')).replace(/^\.\//, '');
}
