import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { NpvError } from '@npvguard/core';

/** An installed package npvguard found: where it is and which version. */
export interface InstalledPackage {
  version: string;
  /** Absolute path of the package folder. */
  folder: string;
  /** Absolute path of the module `import`/`require` of the package name loads. */
  entry: string;
}

/** ESLint majors whose `ESLint` class (flat config) npvguard drives. */
export const SUPPORTED_ESLINT_MAJORS: readonly number[] = [9, 10];
/** TypeScript releases typescript-eslint 8 (and so the type-aware rules) supports: at least `min`, below `below`. */
export const SUPPORTED_TYPESCRIPT = { min: [5, 0, 0], below: [6, 1, 0], text: '>=5.0.0 <6.1.0' } as const;

function isNotFound(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND';
}

function readVersion(packageJson: string, name: string): string | undefined {
  try {
    const parsed = JSON.parse(readFileSync(packageJson, 'utf8')) as { name?: unknown; version?: unknown };
    return parsed.name === name && typeof parsed.version === 'string' ? parsed.version : undefined;
  } catch {
    return undefined;
  }
}

/** The folder of package `name` holding `entry`: the nearest folder above it whose package.json names the package. */
function packageFolderOf(entry: string, name: string): { folder: string; version: string } | undefined {
  for (let folder = path.dirname(entry); ; folder = path.dirname(folder)) {
    const version = readVersion(path.join(folder, 'package.json'), name);
    if (version !== undefined) return { folder, version };
    if (path.dirname(folder) === folder) return undefined;
  }
}

/**
 * Package `name` as Node resolves it from `from` (a folder): the project's own copy, hoisted workspaces
 * included, exactly as `require(name)` in a file of that folder would find it. Undefined when none is installed.
 */
export function resolveInstalled(name: string, from: string): InstalledPackage | undefined {
  return resolveWith(createRequire(path.join(from, 'package.json')), name);
}

function resolveWith(require: NodeJS.Require, name: string): InstalledPackage | undefined {
  let entry: string;
  try {
    entry = require.resolve(name);
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
  const found = packageFolderOf(entry, name);
  if (found === undefined) return undefined;
  return { version: found.version, folder: found.folder, entry };
}

/** `major.minor.patch` of a version string (a pre-release counts as its release); undefined when it is not one. */
export function versionParts(version: string): [number, number, number] | undefined {
  const match = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version.trim());
  return match === null ? undefined : [Number(match[1]), Number(match[2]), Number(match[3])];
}

function compare(a: readonly number[], b: readonly number[]): number {
  for (let index = 0; index < 3; index += 1) {
    const difference = (a[index] ?? 0) - (b[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

export function isSupportedEslint(version: string): boolean {
  const parts = versionParts(version);
  return parts !== undefined && SUPPORTED_ESLINT_MAJORS.includes(parts[0]);
}

export function isSupportedTypeScript(version: string): boolean {
  const parts = versionParts(version);
  return parts !== undefined && compare(parts, SUPPORTED_TYPESCRIPT.min) >= 0 && compare(parts, SUPPORTED_TYPESCRIPT.below) < 0;
}

/** Throws NPV1303 when the project's ESLint is one npvguard cannot drive. */
export function assertSupportedEslint(eslint: InstalledPackage): void {
  if (isSupportedEslint(eslint.version)) return;
  const parts = versionParts(eslint.version);
  const newer = parts !== undefined && parts[0] > Math.max(...SUPPORTED_ESLINT_MAJORS);
  const fix = newer
    ? 'install an npvguard release that supports it, or pin ESLint 10 (`npm i -D eslint@^10`).'
    : 'upgrade to ESLint 9 or 10 with a flat config (`npm i -D eslint@^9`; see https://eslint.org/docs/latest/use/configure/migration-guide).';
  throw new NpvError(
    'NPV1303',
    `The project's ESLint is version ${eslint.version} (${eslint.folder}); npvguard runs ESLint ${SUPPORTED_ESLINT_MAJORS.join(' or ')}: ${fix}`,
    { version: eslint.version, path: eslint.folder },
  );
}

/** Throws NPV1304 when the project's TypeScript, which its typescript-eslint parser uses, is outside the supported range. */
export function assertSupportedTypeScript(typescript: InstalledPackage): void {
  if (isSupportedTypeScript(typescript.version)) return;
  throw new NpvError(
    'NPV1304',
    `The project's TypeScript is version ${typescript.version} (${typescript.folder}); its ESLint parser (typescript-eslint 8) and the type-aware rules support TypeScript ${SUPPORTED_TYPESCRIPT.text}: install a TypeScript in that range (\`npm i -D typescript@~5.9\`).`,
    { version: typescript.version, path: typescript.folder },
  );
}

/** npvguard's own copy of a package (its dependency), for projects that have none. */
export function bundledPackage(name: string): InstalledPackage {
  const found = resolveWith(createRequire(import.meta.url), name);
  if (found === undefined) throw new NpvError('NPV9001', `npvguard's own ${name} is missing; reinstall npvguard.`);
  return found;
}
