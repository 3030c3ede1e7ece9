import fs from 'node:fs';
import path from 'node:path';
import { externalPackageName, isBuiltinSpecifier, isRelativeSpecifier } from '@npvguard/core';
import type * as ts from 'typescript';
import { typescript } from '../../../modules/typescript.js';
import type { ImportForm } from '../types.js';
import { isInside, toPosix } from './paths.js';
import type { Project, ProjectSet } from './projects.js';
import { resolvePackageImport } from './packageImports.js';
import type { OutputMapping, WorkspacePackage, Workspaces } from './workspaces.js';

/** Where an import leads: a local source file (absolute), an external package, or nowhere. */
export type Resolution =
  | { type: 'file'; path: string }
  | { type: 'package'; name: string }
  | { type: 'unresolved'; reason: string };

export interface ModuleResolver {
  resolve(specifier: string, fromFile: string, form: ImportForm): Resolution;
}

const SOURCE_EXTENSIONS: Record<string, readonly string[]> = {
  '.d.ts': ['.ts', '.tsx'],
  '.d.mts': ['.mts'],
  '.d.cts': ['.cts'],
  '.js': ['.ts', '.tsx', '.js'],
  '.jsx': ['.tsx', '.jsx'],
  '.mjs': ['.mts', '.mjs'],
  '.cjs': ['.cts', '.cjs'],
};

/**
 * Resolves like the compiler does (tsconfig `paths`, `baseUrl`, moduleResolution, `.js` → `.ts`), then
 * maps build output of workspace packages and referenced projects back to the source it is built from.
 */
export function createModuleResolver(root: string, projectSet: ProjectSet, workspaces: Workspaces): ModuleResolver {
  const host = createCachedHost(root);
  const caches = new Map<Project, ts.ModuleResolutionCache>();
  const outputMappings = collectOutputMappings(projectSet, workspaces);

  const cacheFor = (project: Project): ts.ModuleResolutionCache => {
    let cache = caches.get(project);
    if (cache === undefined) {
      cache = typescript.createModuleResolutionCache(project.directory, (file) => file, project.options);
      caches.set(project, cache);
    }
    return cache;
  };

  const toLocalOrPackage = (resolvedFile: string, specifier: string): Resolution => {
    const file = toPosix(resolvedFile);
    if (file.includes('/node_modules/')) return { type: 'package', name: externalPackageName(specifier) };
    return { type: 'file', path: sourceOf(file, outputMappings, host) };
  };

  return {
    resolve(specifier, fromFile, form) {
      if (isBuiltinSpecifier(specifier)) return { type: 'package', name: externalPackageName(specifier) };
      const project = projectSet.projectFor(fromFile);
      const cache = cacheFor(project);
      const mode = resolutionMode(fromFile, form, project.options, cache, host);
      const resolved = typescript.resolveModuleName(specifier, fromFile, project.options, host, cache, undefined, mode).resolvedModule;
      if (resolved !== undefined) return toLocalOrPackage(resolved.resolvedFileName, specifier);
      if (isRelativeSpecifier(specifier)) {
        return { type: 'unresolved', reason: `no file found for '${specifier}' next to ${path.basename(fromFile)} (tried the TypeScript and JavaScript extensions and index files)` };
      }
      if (specifier.startsWith('#')) return resolveThroughImports(specifier, fromFile, form, outputMappings, host);
      const workspaceSource = resolveWorkspaceSource(specifier, workspaces, outputMappings, host);
      if (workspaceSource !== undefined) return { type: 'file', path: workspaceSource };
      if (isInstalled(specifier, fromFile, host)) return { type: 'package', name: externalPackageName(specifier) };
      return { type: 'unresolved', reason: `'${specifier}' matches no tsconfig paths entry, no workspace package and no installed package` };
    },
  };
}

/**
 * A `#` specifier the compiler did not resolve (moduleResolution node10 or classic ignore `imports`, or the
 * target is build output that does not exist yet): follow the package.json `imports` field, then map build
 * output back to its source as for workspace packages.
 */
function resolveThroughImports(specifier: string, fromFile: string, form: ImportForm, mappings: readonly OutputMapping[], host: ts.ModuleResolutionHost): Resolution {
  const found = resolvePackageImport(specifier, fromFile, form, host);
  if (found.type === 'unresolved') return { type: 'unresolved', reason: `'${specifier}' does not resolve through package.json \`imports\`: ${found.reason}` };
  if (found.type === 'package') return { type: 'package', name: externalPackageName(found.specifier) };
  const source = sourceOf(found.path, mappings, host);
  if (source !== found.path || host.fileExists(found.path)) return { type: 'file', path: source };
  const stem = found.path.replace(/\.[cm]?jsx?$/, '');
  const extensions = /\.mjs$/.test(found.path) ? ['.mts'] : /\.cjs$/.test(found.path) ? ['.cts'] : ['.ts', '.tsx', '/index.ts', '/index.tsx'];
  const candidate = extensions.map((extension) => stem + extension).find((file) => host.fileExists(file));
  if (candidate !== undefined) return { type: 'file', path: candidate };
  return { type: 'unresolved', reason: `package.json \`imports\` maps '${specifier}' to ${path.basename(found.path)} (${found.path}), which does not exist, and no source file is built to it` };
}

function resolutionMode(
  fromFile: string,
  form: ImportForm,
  options: ts.CompilerOptions,
  cache: ts.ModuleResolutionCache,
  host: ts.ModuleResolutionHost,
): ts.ResolutionMode {
  if (form === 'require' || form === 'import-equals') return typescript.ModuleKind.CommonJS;
  if (form === 'dynamic-import') return typescript.ModuleKind.ESNext;
  return typescript.getImpliedNodeFormatForFile(fromFile, cache.getPackageJsonInfoCache(), host, options);
}

function collectOutputMappings(projectSet: ProjectSet, workspaces: Workspaces): OutputMapping[] {
  const mappings: OutputMapping[] = [...workspaces.outputMappings];
  for (const project of projectSet.projects) {
    const { outDir, rootDir } = project.options;
    if (outDir === undefined) continue;
    if (rootDir !== undefined) {
      mappings.push({ outDir: toPosix(outDir), rootDir: toPosix(rootDir) });
      continue;
    }
    // Without rootDir the compiler builds from the common folder of the project's sources: found when first needed.
    let common: string | undefined;
    mappings.push({
      outDir: toPosix(outDir),
      get rootDir() {
        common ??= commonSourceDirectory(project);
        return common;
      },
    });
  }
  return mappings;
}

/** The folder the compiler takes for rootDir when none is set: the deepest folder holding every source file of the project. */
function commonSourceDirectory(project: Project): string {
  const parsed = typescript.getParsedCommandLineOfConfigFile(project.configFile, {}, { ...typescript.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  const sources = (parsed?.fileNames ?? []).map(toPosix).filter((file) => !/\.d\.[cm]?ts$/.test(file));
  if (sources.length === 0) return project.directory;
  let common = path.posix.dirname(sources[0] ?? project.directory).split('/');
  for (const file of sources.slice(1)) {
    const parts = path.posix.dirname(file).split('/');
    let shared = 0;
    while (shared < common.length && shared < parts.length && common[shared] === parts[shared]) shared += 1;
    common = common.slice(0, shared);
  }
  return common.join('/') || project.directory;
}

/** A resolved `.d.ts` or `.js` in a build output folder stands for the source file it was built from. */
function sourceOf(file: string, mappings: readonly OutputMapping[], host: ts.ModuleResolutionHost): string {
  for (const mapping of mappings) {
    if (!isInside(mapping.outDir, file)) continue;
    const relative = file.slice(mapping.outDir.length + 1);
    for (const [extension, sources] of Object.entries(SOURCE_EXTENSIONS)) {
      if (!relative.endsWith(extension)) continue;
      const stem = relative.slice(0, -extension.length);
      for (const source of sources) {
        const candidate = `${mapping.rootDir}/${stem}${source}`;
        if (host.fileExists(candidate)) return candidate;
      }
      break;
    }
  }
  return file;
}

/** A workspace package whose build output does not exist yet: follow its manifest into the sources. */
function resolveWorkspaceSource(
  specifier: string,
  workspaces: Workspaces,
  mappings: readonly OutputMapping[],
  host: ts.ModuleResolutionHost,
): string | undefined {
  const name = externalPackageName(specifier);
  const workspacePackage = workspaces.packages.get(name);
  if (workspacePackage === undefined) return undefined;
  const subpath = specifier.slice(name.length);
  for (const target of manifestTargets(workspacePackage, subpath)) {
    const absolute = toPosix(path.resolve(workspacePackage.directory, target));
    const source = sourceOf(absolute, mappings, host);
    if (source !== absolute || (host.fileExists(absolute) && /\.[cm]?tsx?$/.test(absolute) && !/\.d\.[cm]?ts$/.test(absolute))) return source;
  }
  const index = `${workspacePackage.directory}/src${subpath === '' ? '/index' : subpath.replace(/\.[cm]?js$/, '')}`;
  return ['.ts', '.tsx', '.mts', '/index.ts'].map((extension) => index + extension).find((candidate) => host.fileExists(candidate));
}

function manifestTargets(workspacePackage: WorkspacePackage, subpath: string): string[] {
  const { manifest } = workspacePackage;
  const targets: string[] = [];
  const exports = manifest.exports;
  const key = `.${subpath}`;
  if (typeof exports === 'string' && subpath === '') targets.push(exports);
  if (typeof exports === 'object' && exports !== null) {
    const entry: unknown = Reflect.get(exports, key) ?? (subpath === '' && !Object.keys(exports).some((name) => name.startsWith('.')) ? exports : undefined);
    targets.push(...conditionTargets(entry));
  }
  if (subpath === '') {
    for (const field of [manifest.types, manifest.typings, manifest.main]) if (typeof field === 'string') targets.push(field);
  }
  return targets;
}

function conditionTargets(entry: unknown): string[] {
  if (typeof entry === 'string') return [entry];
  if (typeof entry !== 'object' || entry === null) return [];
  return ['types', 'import', 'require', 'default'].flatMap((condition) => conditionTargets(Reflect.get(entry, condition)));
}

/** Installed packages TypeScript cannot type (no declarations, odd `exports`) are still packages. */
function isInstalled(specifier: string, fromFile: string, host: ts.ModuleResolutionHost): boolean {
  const name = externalPackageName(specifier);
  let directory = path.dirname(fromFile);
  for (;;) {
    if (host.fileExists(toPosix(path.join(directory, 'node_modules', name, 'package.json')))) return true;
    const parent = path.dirname(directory);
    if (parent === directory) return false;
    directory = parent;
  }
}

function createCachedHost(root: string): ts.ModuleResolutionHost {
  const files = new Map<string, boolean>();
  const directories = new Map<string, boolean>();
  const realpaths = new Map<string, string>();
  const memo = <T>(map: Map<string, T>, key: string, compute: () => T): T => {
    const known = map.get(key);
    if (known !== undefined) return known;
    const value = compute();
    map.set(key, value);
    return value;
  };
  return {
    fileExists: (file) => memo(files, file, () => isFile(file)),
    directoryExists: (directory) => memo(directories, directory, () => isDirectory(directory)),
    realpath: (file) => memo(realpaths, file, () => realpathOf(file)),
    readFile: (file) => typescript.sys.readFile(file),
    getCurrentDirectory: () => root,
  };
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function isDirectory(directory: string): boolean {
  try {
    return fs.statSync(directory).isDirectory();
  } catch {
    return false;
  }
}

function realpathOf(file: string): string {
  try {
    return toPosix(fs.realpathSync.native(file));
  } catch {
    return file;
  }
}
