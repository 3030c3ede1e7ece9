import path from 'node:path';
import { externalPackageName, isRelativeSpecifier, type ImportKind } from '@npvguard/core';
import type ts from 'typescript';
import type { BoundariesCache } from '../cache/cacheStore.js';
import type { ExtractedFile, ExtractedImport, ImportEdge, ImportTarget } from '../types.js';
import { absolutePath, relativePath } from './paths.js';
import type { ProjectSet } from './projects.js';
import type { ModuleResolver, Resolution } from './resolver.js';

export interface ResolutionStats {
  resolutionsComputed: number;
  resolutionsFromCache: number;
}

export function resolveImports(
  root: string,
  files: readonly ExtractedFile[],
  projectSet: ProjectSet,
  resolverFactory: () => ModuleResolver,
  cache: BoundariesCache,
): { edges: ImportEdge[]; stats: ResolutionStats } {
  const stats: ResolutionStats = { resolutionsComputed: 0, resolutionsFromCache: 0 };
  // The resolver (and typescript's resolution machinery) is built only if some resolution is not cached.
  let resolver: ModuleResolver | undefined;
  const edges: ImportEdge[] = [];
  for (const { file, extraction } of files) {
    const absolute = absolutePath(root, file);
    const project = projectSet.projectFor(absolute);
    const projectIndex = projectSet.projects.indexOf(project);
    const directory = path.posix.dirname(file);
    for (const extracted of extraction.imports) {
      const kind = importKind(file, extracted, project.options);
      if (extracted.specifier === null) {
        edges.push({ from: file, import: extracted, kind, target: { type: 'dynamic' } });
        continue;
      }
      // Newline separators: folder names and specifiers do not contain them in practice, and JSON keeps them short.
      const key = `${projectIndex}\n${directory}\n${resolutionForm(extracted)}\n${extracted.specifier}`;
      let target = cache.getResolution(key);
      if (target === undefined) {
        resolver ??= resolverFactory();
        target = toTarget(root, resolver.resolve(extracted.specifier, absolute, extracted.form), extracted.specifier);
        cache.setResolution(key, target);
        stats.resolutionsComputed += 1;
      } else {
        stats.resolutionsFromCache += 1;
      }
      edges.push({ from: file, import: extracted, kind, target });
    }
  }
  return { edges, stats };
}

/** require-like, dynamic, or static: the three resolution modes an import can be resolved in. */
function resolutionForm(extracted: ExtractedImport): string {
  if (extracted.form === 'require' || extracted.form === 'import-equals') return 'require';
  return extracted.form === 'dynamic-import' ? 'dynamic' : 'static';
}

/** A package that resolves to sources outside the project (a sibling workspace package) is external to it. */
function toTarget(root: string, resolution: Resolution, specifier: string): ImportTarget {
  if (resolution.type !== 'file') return resolution;
  const file = relativePath(root, resolution.path);
  if (file.startsWith('../') && !isRelativeSpecifier(specifier)) return { type: 'package', name: externalPackageName(specifier) };
  return { type: 'file', file };
}

/**
 * Type-only when the compiler erases the import: always for `import type`; for inline `type` specifiers
 * and values used only as types, unless verbatimModuleSyntax keeps the import (it emits `import {} from`)
 * or decorator metadata may turn a type annotation into a runtime reference.
 */
export function importKind(file: string, extracted: ExtractedImport, options: ts.CompilerOptions): ImportKind {
  if (/\.d\.[cm]?ts$/.test(file)) return 'type';
  switch (extracted.typeOnly) {
    case 'declared':
      return 'type';
    case 'inline':
      return options.verbatimModuleSyntax === true ? 'runtime' : 'type';
    case 'usage':
      return options.verbatimModuleSyntax === true || options.emitDecoratorMetadata === true ? 'runtime' : 'type';
    case 'none':
      return 'runtime';
  }
}
