import type { CompilerOptions } from 'typescript';
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

/** Files whose imports the closure follows: the extractor reads TypeScript and JavaScript sources. */
const SOURCE_FILE = /\.(?:[cm]?[jt]s|[jt]sx)$/;

/**
 * Whether an import that resolved to nothing may have named a project file: a relative or `#` specifier, or a bare
 * one the tsconfig maps (`baseUrl`, a `paths` pattern it matches). Any other bare specifier names a package that is
 * not installed, which cannot lead back into the project.
 */
function mayNameProjectFile(specifier: string | null, options: CompilerOptions): boolean {
  if (specifier === null || specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('#')) return true;
  if (options.baseUrl !== undefined) return true;
  return Object.keys(options.paths ?? {}).some((pattern) => {
    const star = pattern.indexOf('*');
    if (star === -1) return pattern === specifier;
    return specifier.startsWith(pattern.slice(0, star)) && specifier.endsWith(pattern.slice(star + 1)) && specifier.length >= pattern.length - 1;
  });
}

/** The files a set of files depends on, directly or not, and what kept the answer from being complete. */
export interface ImportClosure {
  /** The seeds and every project file they reach through imports, runtime and type-only alike (repo-relative POSIX). */
  files: ReadonlySet<string>;
  /** Why files may be missing: a file that could not be read or parsed, an import that resolves to nothing, an import of an expression. */
  gaps: string[];
}

/**
 * Every file `seeds` import, directly or through others (re-exports and `import type` included), resolved as the
 * boundaries check resolves them, with the given tsconfig (default `tsconfig.json`). Only the files reached are read.
 * Packages end the walk (their files are not the project's), and so does a package that is not installed. Throws what
 * opening the project throws (an unreadable tsconfig, for one).
 */
export function importClosure(root: string, seeds: readonly string[], tsconfig = 'tsconfig.json'): ImportClosure {
  const absoluteRoot = absolutePath(root, '.');
  const { stages, projectSet } = openImportProject(absoluteRoot, absolutePath(absoluteRoot, tsconfig));
  const files = new Set<string>();
  const gaps: string[] = [];
  const queue = [...seeds];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (files.has(file)) continue;
    files.add(file);
    if (!SOURCE_FILE.test(file)) continue;
    const { edges, files: [extracted] } = runPipeline([stages.read(file)], stages);
    const parseError = extracted?.extraction.parseError;
    if (parseError !== undefined) gaps.push(`${file}:${parseError.line}: ${parseError.message}`);
    for (const edge of edges) {
      const { target } = edge;
      const at = `${file}:${edge.import.line}`;
      if (target.type === 'file') {
        if (!target.file.startsWith('../') && !target.file.split('/').includes('node_modules')) queue.push(target.file);
      } else if (target.type === 'unresolved') {
        if (mayNameProjectFile(edge.import.specifier, projectSet.projectFor(absolutePath(absoluteRoot, file)).options)) gaps.push(`${at}: ${target.reason}`);
      } else if (target.type === 'dynamic') {
        gaps.push(`${at}: an import of an expression, which names no module`);
      }
    }
  }
  return { files, gaps };
}
