import fs from 'node:fs';
import path from 'node:path';
import { NpvError } from '@npvguard/core';
import type * as ts from 'typescript';
import { typescript } from '../../../modules/typescript.js';
import { isInside, toPosix } from './paths.js';

/** One parsed tsconfig: the options its files are resolved with. */
export interface Project {
  configFile: string;
  directory: string;
  options: ts.CompilerOptions;
  fileNames: ReadonlySet<string>;
}

export interface ProjectSet {
  /** The configured tsconfig first, then every project it references, depth first. */
  projects: readonly Project[];
  /** Every tsconfig file read, `extends` chains included: the cache is keyed on their contents. */
  configFiles: readonly string[];
  /** The project a file is compiled in: the deepest project listing it, else the nearest one by folder, else the first. */
  projectFor(absoluteFile: string): Project;
}

/** "No inputs were found": harmless here, the file list comes from npvguard's config. */
const NO_INPUTS = 18003;
/** "The 'files' list in config file is empty": caused by `optionsOnly` below. */
const EMPTY_FILES = 18002;

export function loadProjects(tsconfigPath: string): ProjectSet {
  const configFiles = new Set<string>();
  const extendedConfigCache = new Map<string, ts.ExtendedConfigCacheEntry>();
  const projects: Project[] = [];
  const visited = new Set<string>();

  const load = (configFile: string, referencedFrom?: string): void => {
    const normalized = toPosix(path.resolve(configFile));
    if (visited.has(normalized)) return;
    visited.add(normalized);
    if (!fs.existsSync(normalized) || !fs.statSync(normalized).isFile()) {
      const where = referencedFrom === undefined ? '' : ` (referenced from ${referencedFrom})`;
      throw new NpvError('NPV2002', `tsconfig not found: ${normalized}${where}.`, { tsconfig: normalized });
    }
    configFiles.add(normalized);
    const read = typescript.readConfigFile(normalized, (file) => typescript.sys.readFile(file));
    if (read.error !== undefined) throw configError(normalized, [read.error]);
    const directory = toPosix(path.dirname(normalized));
    // A lone project needs no file list (every file uses its options): skip the folder scan.
    const alone = referencedFrom === undefined && !hasReferences(read.config);
    const config: unknown = alone ? optionsOnly(read.config) : read.config;
    const parsed = typescript.parseJsonConfigFileContent(config, typescript.sys, directory, undefined, normalized, undefined, undefined, extendedConfigCache);
    const errors = parsed.errors.filter((error) => error.code !== NO_INPUTS && error.code !== EMPTY_FILES);
    if (errors.length > 0) throw configError(normalized, errors);
    projects.push({ configFile: normalized, directory, options: parsed.options, fileNames: new Set(parsed.fileNames.map(toPosix)) });
    for (const reference of parsed.projectReferences ?? []) {
      load(typescript.resolveProjectReferencePath(reference), normalized);
    }
  };
  load(tsconfigPath);
  for (const extended of extendedConfigCache.keys()) configFiles.add(toPosix(extended));

  const byDepth = [...projects].sort((left, right) => right.directory.length - left.directory.length);
  const first = projects[0];
  if (first === undefined) throw new NpvError('NPV9001', 'No tsconfig project was loaded.');
  const byFolder = new Map<string, Project>();
  return {
    projects,
    configFiles: [...configFiles].sort(),
    projectFor(absoluteFile) {
      if (projects.length === 1) return first;
      const listed = byDepth.find((project) => project.fileNames.has(absoluteFile));
      if (listed !== undefined) return listed;
      const folder = absoluteFile.slice(0, absoluteFile.lastIndexOf('/'));
      let nearest = byFolder.get(folder);
      if (nearest === undefined) {
        nearest = byDepth.find((project) => project.directory === folder || isInside(project.directory, absoluteFile)) ?? first;
        byFolder.set(folder, nearest);
      }
      return nearest;
    },
  };
}

function configError(file: string, diagnostics: readonly ts.Diagnostic[]): NpvError {
  const messages = diagnostics.map((diagnostic) => typescript.flattenDiagnosticMessageText(diagnostic.messageText, ' '));
  return new NpvError('NPV2002', `tsconfig ${file} is invalid: ${messages.join('; ')}`, { tsconfig: file });
}

function hasReferences(config: unknown): boolean {
  return typeof config === 'object' && config !== null && 'references' in config && Array.isArray(config.references) && config.references.length > 0;
}

/** The config with an empty file list, so parsing it reads options only. */
export function optionsOnly(config: unknown): object {
  return typeof config === 'object' && config !== null ? { ...config, files: [], include: [] } : {};
}
