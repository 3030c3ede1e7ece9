import fs from 'node:fs';
import path from 'node:path';
import type * as ts from 'typescript';
import { typescript } from '../../../modules/typescript.js';
import { toPosix } from './paths.js';
import { optionsOnly } from './projects.js';

export interface PackageManifest {
  name?: unknown;
  main?: unknown;
  types?: unknown;
  typings?: unknown;
  exports?: unknown;
  workspaces?: unknown;
}

/** An npm workspace package: imports of it resolve to its source files, not its build output. */
export interface WorkspacePackage {
  name: string;
  directory: string;
  manifest: PackageManifest;
}

/** A build output folder and the source folder it is compiled from. */
export interface OutputMapping {
  outDir: string;
  rootDir: string;
}

export interface Workspaces {
  packages: ReadonlyMap<string, WorkspacePackage>;
  /** Every package.json and tsconfig read here: the cache is keyed on their contents. */
  inputFiles: readonly string[];
  outputMappings: readonly OutputMapping[];
}

/**
 * Finds the npm workspace around `root` (the nearest package.json with `workspaces`, walking up)
 * and reads each member's name and, from its tsconfig, where its build output comes from.
 */
export function findWorkspaces(root: string): Workspaces {
  const inputFiles: string[] = [];
  const packages = new Map<string, WorkspacePackage>();
  const outputMappings: OutputMapping[] = [];
  const ownManifest = path.join(root, 'package.json');
  if (fs.existsSync(ownManifest)) inputFiles.push(toPosix(ownManifest));

  const workspaceRoot = findWorkspaceRoot(root);
  if (workspaceRoot !== undefined) {
    if (!inputFiles.includes(toPosix(path.join(workspaceRoot.directory, 'package.json')))) {
      inputFiles.push(toPosix(path.join(workspaceRoot.directory, 'package.json')));
    }
    for (const directory of expandWorkspacePatterns(workspaceRoot.directory, workspaceRoot.patterns)) {
      const manifestFile = path.join(directory, 'package.json');
      const manifest = readManifest(manifestFile);
      if (manifest === undefined || typeof manifest.name !== 'string') continue;
      inputFiles.push(toPosix(manifestFile));
      packages.set(manifest.name, { name: manifest.name, directory: toPosix(directory), manifest });
      const mapping = outputMappingOf(directory, inputFiles);
      if (mapping !== undefined) outputMappings.push(mapping);
    }
  }
  return { packages, inputFiles: [...new Set(inputFiles)].sort(), outputMappings };
}

function findWorkspaceRoot(start: string): { directory: string; patterns: string[] } | undefined {
  let directory = path.resolve(start);
  for (;;) {
    const manifest = readManifest(path.join(directory, 'package.json'));
    const patterns = workspacePatterns(manifest?.workspaces);
    if (patterns.length > 0) return { directory, patterns };
    const parent = path.dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
}

function workspacePatterns(value: unknown): string[] {
  const list = Array.isArray(value) ? value : typeof value === 'object' && value !== null && 'packages' in value ? value.packages : [];
  return Array.isArray(list) ? list.filter((entry): entry is string => typeof entry === 'string') : [];
}

/** npm workspace patterns are folder paths whose segments may be `*`; `**` means any depth below. */
function expandWorkspacePatterns(root: string, patterns: readonly string[]): string[] {
  const found = new Set<string>();
  for (const pattern of patterns) {
    let directories = [root];
    for (const segment of pattern.replace(/^\.\//, '').split('/').filter((part) => part !== '')) {
      directories = directories.flatMap((directory) => expandSegment(directory, segment));
    }
    for (const directory of directories) found.add(directory);
  }
  return [...found].sort();
}

function expandSegment(directory: string, segment: string): string[] {
  if (segment === '**') return [directory, ...subdirectories(directory).flatMap((child) => expandSegment(child, '**'))];
  if (!segment.includes('*')) {
    const next = path.join(directory, segment);
    return fs.existsSync(next) ? [next] : [];
  }
  const matcher = new RegExp(`^${segment.split('*').map(escapeRegExp).join('[^/]*')}$`);
  return subdirectories(directory).filter((child) => matcher.test(path.basename(child)));
}

function subdirectories(directory: string): string[] {
  try {
    return fs
      .readdirSync(directory, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && entry.name !== 'node_modules' && !entry.name.startsWith('.'))
      .map((entry) => path.join(directory, entry.name));
  } catch {
    return [];
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function readManifest(file: string): PackageManifest | undefined {
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    return typeof parsed === 'object' && parsed !== null ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Without a tsconfig the usual layout is assumed: `src/` compiled to `dist/`. */
function outputMappingOf(directory: string, inputFiles: string[]): OutputMapping | undefined {
  const tsconfig = path.join(directory, 'tsconfig.json');
  if (!fs.existsSync(tsconfig)) return { outDir: toPosix(path.join(directory, 'dist')), rootDir: toPosix(path.join(directory, 'src')) };
  inputFiles.push(toPosix(tsconfig));
  const read = typescript.readConfigFile(tsconfig, (file) => typescript.sys.readFile(file));
  if (read.error !== undefined) return undefined;
  // Only the options matter here: an empty file list spares a scan of the package's folders.
  const extendedConfigCache = new Map<string, ts.ExtendedConfigCacheEntry>();
  const parsed = typescript.parseJsonConfigFileContent(optionsOnly(read.config), typescript.sys, directory, undefined, tsconfig, undefined, undefined, extendedConfigCache);
  for (const extended of extendedConfigCache.keys()) inputFiles.push(toPosix(extended));
  const outDir = parsed.options.outDir;
  if (outDir === undefined) return undefined;
  return { outDir: toPosix(outDir), rootDir: toPosix(parsed.options.rootDir ?? path.join(directory, 'src')) };
}
