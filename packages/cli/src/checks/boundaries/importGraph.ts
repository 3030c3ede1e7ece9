import { openCache, sha1 } from './cache/cacheStore.js';
import { extractStamped, stampFiles, type ExtractionStats } from './extract/extractFiles.js';
import { absolutePath } from './resolve/paths.js';
import { loadProjects } from './resolve/projects.js';
import { resolveImports } from './resolve/resolveImports.js';
import { createModuleResolver } from './resolve/resolver.js';
import { findWorkspaces } from './resolve/workspaces.js';

/** Who imports what among a project's files, as the boundaries check resolves it (runtime and type imports alike). */
export interface ImportGraph {
  /** For each file, the project files that import it. */
  importersOf(file: string): readonly string[];
  /** Files with a relative import that resolves to no file (one importing a deleted module, for instance). */
  unresolved: ReadonlySet<string>;
}

/**
 * The import graph of `files` (repo-relative POSIX, under `root`), extracted and resolved with the boundaries
 * check's own machinery and the given tsconfig (default `tsconfig.json`), without its cache. Throws what
 * extraction or resolution throws (an unreadable tsconfig, for one).
 */
export function importGraph(root: string, files: readonly string[], tsconfig = 'tsconfig.json'): ImportGraph {
  const absoluteRoot = absolutePath(root, '.');
  const projectSet = loadProjects(absolutePath(absoluteRoot, tsconfig));
  const workspaces = findWorkspaces(absoluteRoot);
  const cache = openCache({ root: absoluteRoot, enabled: false, inputFiles: [], keyParts: [], fileSetHash: sha1(files.join('\n')), configHash: '' });
  const stats: ExtractionStats = { filesRead: 0, filesParsed: 0, filesFromCache: 0 };
  const extracted = extractStamped(absoluteRoot, stampFiles(absoluteRoot, files, cache, stats), cache, stats);
  const { edges } = resolveImports(absoluteRoot, extracted, projectSet, () => createModuleResolver(absoluteRoot, projectSet, workspaces), cache);
  const importers = new Map<string, string[]>();
  const unresolved = new Set<string>();
  for (const edge of edges) {
    if (edge.target.type === 'file') {
      const list = importers.get(edge.target.file);
      if (list === undefined) importers.set(edge.target.file, [edge.from]);
      else if (!list.includes(edge.from)) list.push(edge.from);
    } else if (edge.target.type === 'unresolved' && edge.import.specifier?.startsWith('.') === true) {
      unresolved.add(edge.from);
    }
  }
  return { importersOf: (file) => importers.get(file) ?? [], unresolved };
}
