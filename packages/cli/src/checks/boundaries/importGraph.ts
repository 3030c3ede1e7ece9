import { openImportProject, runPipeline } from './pipeline.js';
import { absolutePath } from './resolve/paths.js';

/** Who imports what among a project's files, as the boundaries check resolves it (runtime and type imports alike). */
export interface ImportGraph {
  /** For each file, the project files that import it. */
  importersOf(file: string): readonly string[];
  /** Files with a relative import that resolves to no file (one importing a deleted module, for instance). */
  unresolved: ReadonlySet<string>;
}

/**
 * The import graph of `files` (repo-relative POSIX, under `root`), through the boundaries check's pipeline with
 * the given tsconfig (default `tsconfig.json`), without its cache. Throws what extraction or resolution throws
 * (an unreadable tsconfig, for one).
 */
export function importGraph(root: string, files: readonly string[], tsconfig = 'tsconfig.json'): ImportGraph {
  const absoluteRoot = absolutePath(root, '.');
  const { stages } = openImportProject(absoluteRoot, absolutePath(absoluteRoot, tsconfig));
  const { edges } = runPipeline(files.map((file) => stages.read(file)), stages);
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
