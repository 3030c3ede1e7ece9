import path from 'node:path';
import type * as ts from 'typescript';
import { typescript } from '../typescript.js';

/** How the evaluator reaches the file an import names. */
export interface ModuleSources {
  /**
   * The parsed module a relative specifier names from a file (paths as the files were parsed with), or why there
   * is none. Package imports are never asked for: their sources are not the project's.
   */
  moduleOf(fromFile: string, specifier: string): ts.SourceFile | string;
}

/** A module system with no files: every import stays unresolved. */
export const NO_MODULES: ModuleSources = { moduleOf: (_, specifier) => `\`${specifier}\` is not read here` };

const EXTENSIONS: Readonly<Record<string, readonly string[]>> = {
  '.js': ['.ts', '.tsx', '.js', '.jsx'],
  '.jsx': ['.tsx', '.jsx'],
  '.mjs': ['.mts', '.mjs'],
  '.cjs': ['.cts', '.cjs'],
  '.ts': ['.ts'],
  '.tsx': ['.tsx'],
  '.mts': ['.mts'],
  '.cts': ['.cts'],
};
const WITHOUT_EXTENSION = ['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '/index.ts', '/index.tsx', '/index.js'];

export function isRelativeSpecifier(specifier: string): boolean {
  return specifier.startsWith('./') || specifier.startsWith('../') || specifier === '.' || specifier === '..';
}

/**
 * The files a relative specifier may name, in the order TypeScript's NodeNext and bundler resolution try them:
 * `./a.js` is `./a.ts` in a TypeScript project; `./a` is `./a.ts` or `./a/index.ts`. POSIX paths.
 */
export function candidateFiles(fromFile: string, specifier: string): string[] {
  if (!isRelativeSpecifier(specifier)) return [];
  const target = path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), specifier));
  const extension = path.posix.extname(target);
  const known = EXTENSIONS[extension];
  if (known !== undefined) {
    const stem = target.slice(0, target.length - extension.length);
    return known.map((suffix) => stem + suffix);
  }
  return WITHOUT_EXTENSION.map((suffix) => target + suffix);
}

/**
 * Modules read on demand from one state of a tree (the working tree, or the base commit), each parsed once. The
 * evaluator is synchronous and reading may not be: `settle` runs a computation, reads the modules it asked for
 * and did not have, and runs it again until it asks for nothing new (or the reading limit is reached, after which
 * a module not read yet is unresolved, with that reason).
 */
export class ModuleReader implements ModuleSources {
  private readonly modules = new Map<string, ts.SourceFile | null>();
  private readonly wanted = new Set<string>();
  private readonly consulted = new Set<string>();
  private reads = 0;

  constructor(
    private readonly read: (file: string) => Promise<string | undefined> | string | undefined,
    private readonly parse: (file: string, text: string) => ts.SourceFile,
    private readonly limit = 200,
  ) {}

  /** A module already parsed (the file under analysis), so imports of it are not read again. */
  add(source: ts.SourceFile): void {
    this.modules.set(source.fileName, source);
  }

  /** A module parsed already (added, or read for an import), so a caller need not parse it again. */
  parsed(file: string): ts.SourceFile | undefined {
    return this.modules.get(file) ?? undefined;
  }

  moduleOf(fromFile: string, specifier: string): ts.SourceFile | string {
    const candidates = candidateFiles(fromFile, specifier);
    if (candidates.length === 0) return `\`${specifier}\` is a package, whose sources are not read`;
    for (const candidate of candidates) {
      this.consulted.add(candidate);
      const known = this.modules.get(candidate);
      if (known === null) continue;
      if (known !== undefined) return known;
      if (this.reads >= this.limit) return `\`${specifier}\` was not read: more than ${this.limit} modules were needed`;
      this.wanted.add(candidate);
      return `\`${specifier}\` is not read yet`;
    }
    return `\`${specifier}\` names no file`;
  }

  /**
   * Runs `compute` until every module it needs is read. Returns its last result and the files that run looked
   * for, found or not (an import of a deleted file depends on that file too).
   */
  async settle<T>(compute: () => T): Promise<{ result: T; modules: ReadonlySet<string> }> {
    for (;;) {
      this.wanted.clear();
      this.consulted.clear();
      const result = compute();
      if (this.wanted.size === 0) return { result, modules: new Set(this.consulted) };
      for (const file of [...this.wanted]) {
        this.reads += 1;
        const text = await this.read(file);
        this.modules.set(file, text === undefined ? null : this.parse(file, text));
      }
    }
  }
}

/** Relative specifiers a module imports or re-exports from (static imports and exports only). */
function relativeSpecifiers(source: ts.SourceFile): string[] {
  const specifiers: string[] = [];
  for (const statement of source.statements) {
    const specifier = typescript.isImportDeclaration(statement) || typescript.isExportDeclaration(statement) ? statement.moduleSpecifier : undefined;
    if (specifier !== undefined && typescript.isStringLiteral(specifier) && isRelativeSpecifier(specifier.text)) specifiers.push(specifier.text);
  }
  return specifiers;
}

/**
 * Every file a module reaches through relative imports and re-exports, transitively, as the reader reads them
 * (files looked for and not found included): what a change to any of them may change in the module's values.
 */
export async function importClosure(reader: ModuleReader, entry: ts.SourceFile): Promise<ReadonlySet<string>> {
  reader.add(entry);
  const { modules } = await reader.settle(() => {
    const seen = new Set<ts.SourceFile>([entry]);
    const pending = [entry];
    for (let source = pending.pop(); source !== undefined; source = pending.pop()) {
      for (const specifier of relativeSpecifiers(source)) {
        const found = reader.moduleOf(source.fileName, specifier);
        if (typeof found === 'string' || seen.has(found)) continue;
        seen.add(found);
        pending.push(found);
      }
    }
  });
  return modules;
}
