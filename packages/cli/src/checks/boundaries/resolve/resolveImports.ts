import type { ImportKind } from '@npvguard/core';
import type { ErasureOptions, ExtractedFile, ExtractedImport, ImportEdge, ImportResolver, ImportTarget } from '../types.js';

/** Every import of the files, with its kind (runtime or type-only) and where it leads. */
export function resolveImports(files: readonly ExtractedFile[], resolver: ImportResolver): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const { file, extraction } of files) {
    const project = resolver.projectOf(file);
    for (const extracted of extraction.imports) {
      const kind = importKind(file, extracted, project);
      const { specifier, form } = extracted;
      const target: ImportTarget = specifier === null ? { type: 'dynamic' } : resolver.resolve({ file, project: project.index, specifier, form });
      edges.push({ from: file, import: extracted, kind, target });
    }
  }
  return edges;
}

/**
 * Type-only when the compiler erases the import: always for `import type`; for inline `type` specifiers
 * and values used only as types, unless verbatimModuleSyntax keeps the import (it emits `import {} from`)
 * or decorator metadata may turn a type annotation into a runtime reference.
 */
export function importKind(file: string, extracted: ExtractedImport, erasure: ErasureOptions): ImportKind {
  if (/\.d\.[cm]?ts$/.test(file)) return 'type';
  switch (extracted.typeOnly) {
    case 'declared':
      return 'type';
    case 'inline':
      return erasure.verbatimModuleSyntax ? 'runtime' : 'type';
    case 'usage':
      return erasure.verbatimModuleSyntax || erasure.emitDecoratorMetadata ? 'runtime' : 'type';
    case 'none':
      return 'runtime';
  }
}
