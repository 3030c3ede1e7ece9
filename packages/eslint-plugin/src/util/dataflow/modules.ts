import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { analyze, type Reference, type ScopeManager, type Variable } from '@typescript-eslint/scope-manager';
import { parse } from '@typescript-eslint/typescript-estree';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';
import { typescript } from '../typescript.js';

/**
 * One module as the data-flow layer sees it: its tree with parents, its scopes, and a way to find the variable an
 * identifier refers to. The file being linted comes from ESLint; the files it calls into are parsed here, once per
 * content.
 */
export interface FlowModule {
  file: string;
  text: string;
  program: TSESTree.Program;
  /** The variable an identifier (a reference or a declaration) denotes, undefined for an undeclared global. */
  variableOf(identifier: TSESTree.Identifier): Variable | undefined;
  /**
   * The source file a bare or aliased specifier names (`#lib/ids`, `@acme/ids` in a workspace), by the TypeScript
   * program's module resolution; undefined without type information, or for a package's published files.
   */
  resolveImport: ImportResolver | undefined;
}

export type ImportResolver = (specifier: string, fromFile: string) => string | undefined;

class IndexedModule implements FlowModule {
  private readonly references = new Map<TSESTree.Identifier, Reference>();
  private readonly declarations = new Map<TSESTree.Identifier, Variable>();

  constructor(
    readonly file: string,
    readonly text: string,
    readonly program: TSESTree.Program,
    scopeManager: ScopeManager,
    public resolveImport: ImportResolver | undefined,
  ) {
    for (const scope of scopeManager.scopes) {
      for (const reference of scope.references) this.references.set(reference.identifier as TSESTree.Identifier, reference);
      for (const variable of scope.variables) {
        for (const identifier of variable.identifiers) this.declarations.set(identifier, variable);
      }
    }
  }

  variableOf(identifier: TSESTree.Identifier): Variable | undefined {
    return this.declarations.get(identifier) ?? this.references.get(identifier)?.resolved ?? undefined;
  }
}

const byContext = new WeakMap<TSESTree.Program, FlowModule>();

/** The module ESLint is linting, with ESLint's own scope analysis. */
export function moduleOfContext(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): FlowModule {
  const sourceCode = context.sourceCode;
  const cached = byContext.get(sourceCode.ast);
  if (cached) return cached;
  const compilerProgram = sourceCode.parserServices?.program ?? undefined;
  const resolver = compilerProgram ? programResolver(compilerProgram) : undefined;
  const created = new IndexedModule(context.filename, sourceCode.text, sourceCode.ast, sourceCode.scopeManager as ScopeManager, resolver);
  byContext.set(sourceCode.ast, created);
  return created;
}

const resolvers = new WeakMap<ts.Program, ImportResolver>();

/** Module resolution as the program does it (paths, package exports, workspaces), keeping only the project's own sources. */
function programResolver(program: ts.Program): ImportResolver {
  const cached = resolvers.get(program);
  if (cached) return cached;
  const options = program.getCompilerOptions();
  const resolver: ImportResolver = (specifier, fromFile) => {
    const resolved = typescript.resolveModuleName(specifier, fromFile, options, typescript.sys).resolvedModule;
    if (!resolved || resolved.isExternalLibraryImport === true || resolved.resolvedFileName.endsWith('.d.ts')) return undefined;
    let real = resolved.resolvedFileName;
    try {
      real = fs.realpathSync(real);
    } catch {
      return undefined;
    }
    return real.split(path.sep).includes('node_modules') ? undefined : real;
  };
  resolvers.set(program, resolver);
  return resolver;
}

interface CachedModule {
  hash: string;
  /** What the file was when it was read: an unchanged stat skips reading and hashing it again. */
  stamp: string;
  module: FlowModule | undefined;
}

const parsedFiles = new Map<string, CachedModule>();
const KEPT_FILES = 2_000;

/**
 * Another source file, parsed with the same parser ESLint uses for TypeScript. Cached by content, so an edited file
 * is parsed again and an unchanged one keeps its tree (and every summary computed on it). Undefined when the file
 * cannot be read or parsed: the caller treats it as a function it cannot follow.
 */
export function moduleOfFile(file: string, resolver?: ImportResolver): FlowModule | undefined {
  let text: string;
  let stamp: string;
  const cached = parsedFiles.get(file);
  try {
    const stat = fs.statSync(file);
    stamp = `${stat.size}:${stat.mtimeMs}:${stat.ino}`;
    if (cached?.stamp === stamp) return withResolver(cached.module, resolver);
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const hash = createHash('sha1').update(text).digest('hex');
  if (cached?.hash === hash) {
    cached.stamp = stamp;
    return withResolver(cached.module, resolver);
  }
  let module: FlowModule | undefined;
  try {
    const program = parse(text, { range: true, loc: true, jsx: /\.[jt]sx$/.test(file), filePath: file });
    setParents(program);
    module = new IndexedModule(file, text, program, analyze(program, { sourceType: 'module' }), resolver);
  } catch {
    module = undefined;
  }
  if (parsedFiles.size >= KEPT_FILES) parsedFiles.delete(parsedFiles.keys().next().value as string);
  parsedFiles.set(file, { hash, stamp, module });
  return module;
}

function withResolver(module: FlowModule | undefined, resolver: ImportResolver | undefined): FlowModule | undefined {
  if (module instanceof IndexedModule && module.resolveImport === undefined) module.resolveImport = resolver;
  return module;
}

const SKIPPED_KEYS = new Set(['parent', 'loc', 'range', 'tokens', 'comments']);

function setParents(root: TSESTree.Node): void {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as TSESTree.Node;
    const keys = (visitorKeys as Record<string, readonly string[] | undefined>)[node.type] ?? Object.keys(node).filter((key) => !SKIPPED_KEYS.has(key));
    for (const key of keys) {
      const value = (node as unknown as Record<string, unknown>)[key];
      for (const child of Array.isArray(value) ? value : [value]) {
        if (typeof child === 'object' && child !== null && typeof (child as { type?: unknown }).type === 'string') {
          (child as { parent: TSESTree.Node }).parent = node;
          stack.push(child as TSESTree.Node);
        }
      }
    }
  }
}

/** Where a node is, for a witness: the file relative to `from`'s folder when it is another file. */
export function locationOf(node: TSESTree.Node, module: FlowModule): { file: string; line: number; column: number } {
  return { file: module.file, line: node.loc.start.line, column: node.loc.start.column + 1 };
}

/** Source text of a node, shortened for a message. */
export function shortText(node: TSESTree.Node, module: FlowModule, limit = 60): string {
  const text = module.text.slice(node.range[0], node.range[1]).replace(/\s+/g, ' ');
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}

export function isIdentifier(node: TSESTree.Node | null | undefined): node is TSESTree.Identifier {
  return node?.type === AST_NODE_TYPES.Identifier;
}

export function relativeFile(file: string, from: string): string {
  const relative = path.relative(path.dirname(from), file);
  return relative === '' ? path.basename(file) : relative.split(path.sep).join('/');
}
