import fs from 'node:fs';
import path from 'node:path';
import type * as ts from 'typescript';
import { typescript } from '../typescript.js';
import { resolveRelativeSource } from '../imported-constant.js';

export type ResolvedImport =
  | { type: 'file'; path: string }
  | { type: 'package'; name: string }
  | { type: 'unresolved' };

interface ProjectOptions {
  options: ts.CompilerOptions;
  cache: ts.ModuleResolutionCache;
}

const optionsByTsconfig = new Map<string, ProjectOptions>();
const NO_TSCONFIG = '';

/**
 * Compiler options for a file: the program's when ESLint has type information, else the nearest
 * tsconfig.json's (with `extends`), so `paths` aliases and `.js` → `.ts` mapping resolve the way tsc does.
 */
export function projectOptionsFor(file: string, program: ts.Program | undefined): ProjectOptions {
  const tsconfig = program ? undefined : typescript.findConfigFile(path.dirname(file), typescript.sys.fileExists);
  const key = program ? `program:${program.getCompilerOptions().configFilePath ?? ''}` : (tsconfig ?? NO_TSCONFIG);
  let project = optionsByTsconfig.get(key);
  if (project) return project;
  let options: ts.CompilerOptions = { module: typescript.ModuleKind.NodeNext, moduleResolution: typescript.ModuleResolutionKind.NodeNext };
  if (program) options = program.getCompilerOptions();
  else if (tsconfig) {
    const read = typescript.readConfigFile(tsconfig, typescript.sys.readFile);
    if (!read.error) options = typescript.parseJsonConfigFileContent(read.config, typescript.sys, path.dirname(tsconfig)).options;
  }
  project = { options, cache: typescript.createModuleResolutionCache(process.cwd(), (name) => name, options) };
  optionsByTsconfig.set(key, project);
  return project;
}

/**
 * Resolves an import specifier to a project file or a package. A bare specifier that TypeScript resolves
 * to a source file inside `root` (a `paths` alias) is a file; one that resolves outside it (a library, a
 * sibling workspace package) is a package. A relative specifier that resolves nowhere is unresolved.
 */
export function resolveImport(specifier: string, fromFile: string, root: string, project: ProjectOptions): ResolvedImport {
  const relative = specifier.startsWith('.') || specifier.startsWith('/');
  const resolved = typescript.resolveModuleName(specifier, fromFile, project.options, typescript.sys, project.cache).resolvedModule;
  if (resolved && !resolved.isExternalLibraryImport) {
    const file = path.resolve(resolved.resolvedFileName);
    if (relative || isInside(root, file)) return { type: 'file', path: file };
  }
  if (!relative) return { type: 'package', name: specifier };
  const fallback = resolveRelativeSource(fromFile, specifier) ?? existingFile(path.resolve(path.dirname(fromFile), specifier));
  return fallback ? { type: 'file', path: fallback } : { type: 'unresolved' };
}

function isInside(root: string, file: string): boolean {
  const relative = path.relative(root, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) && !relative.split(path.sep).includes('node_modules');
}

function existingFile(file: string): string | undefined {
  return fs.existsSync(file) && fs.statSync(file).isFile() ? file : undefined;
}
