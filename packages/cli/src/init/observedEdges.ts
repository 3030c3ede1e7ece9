import path from 'node:path';
import { compileLayers, externalPackageName, isBuiltinSpecifier, isRelativeSpecifier, layerOf, NpvError, validateConfig, type Check, type FindingInput } from '@npvguard/core';
import { Node, SyntaxKind, ts, type SourceFile } from 'ts-morph';
import { listProjectFiles } from '../load/listFiles.js';
import { analyzeBoundaries, type LocalEdge } from '../checks/boundaries/index.js';
import type { ProjectShape } from './inspectProject.js';

export interface ObservedImports {
  /** Layer → the other layers its files import today. */
  allow: Record<string, string[]>;
  /** Backing-service driver package → the layers that import it today (sorted). */
  externals: Record<string, string[]>;
  /** Findings other than forbidden imports (cycles, unresolved imports) that the started config will report. */
  otherFindings: FindingInput[];
  /** Why the boundaries check could not run on the project (the layer edges then come from the import graph alone). */
  unavailable?: string;
  /** The layers to write: init's folder layers, with folders split where their subfolders play different roles. */
  layers: Record<string, string[]>;
  /** `from → to` of each allow entry: how many dependencies of each kind justify it, and the first one. */
  justification: Record<string, Justification>;
  /** Folders proposed as one layer per subfolder, and why. */
  splits: { folder: string; layers: string[]; why: string }[];
}

export interface Justification {
  from: string;
  to: string;
  kinds: Partial<Record<FileEdge['kind'], number>>;
  example: FileEdge;
}

/** A dependency of one source file on another: an import (read by TypeScript or by boundaries) or a decorator use. */
export interface FileEdge {
  from: string;
  to: string;
  kind: 'import' | 'type import' | 'decorator';
  line: number;
}

/**
 * Packages that reach a database, a cache, a queue or another service. init allows each only in the layers that
 * import it today, so a route that starts querying the database directly fails boundaries.
 */
const BACKING_SERVICE_PACKAGES = new Set([
  'knex', 'pg', 'pg-pool', 'postgres', 'mysql', 'mysql2', '@prisma/client', 'mongodb', 'mongoose', 'drizzle-orm', 'kysely', 'typeorm',
  'sequelize', 'better-sqlite3', 'sqlite3', '@libsql/client', 'ioredis', 'redis', '@redis/client', 'axios', 'undici', 'got', 'node-fetch',
  'kafkajs', 'amqplib', '@elastic/elasticsearch', '@fastify/mysql', '@fastify/postgres', '@fastify/redis', '@fastify/mongodb',
]);

function isBackingService(name: string): boolean {
  return BACKING_SERVICE_PACKAGES.has(name) || name.startsWith('@aws-sdk/client-');
}

/** Every module specifier a file uses: imports, re-exports, `import()` and `require()` with a literal. */
function specifiers(sourceFile: SourceFile): { specifier: string; line: number }[] {
  const found: { specifier: string; line: number }[] = [];
  for (const declaration of sourceFile.getImportDeclarations()) found.push({ specifier: declaration.getModuleSpecifierValue(), line: declaration.getStartLineNumber() });
  for (const declaration of sourceFile.getExportDeclarations()) {
    const value = declaration.getModuleSpecifierValue();
    if (value !== undefined) found.push({ specifier: value, line: declaration.getStartLineNumber() });
  }
  for (const call of sourceFile.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const callee = call.getExpression();
    const argument = call.getArguments()[0];
    if ((callee.getKind() === SyntaxKind.ImportKeyword || callee.getText() === 'require') && argument !== undefined && Node.isStringLiteral(argument)) found.push({ specifier: argument.getLiteralValue(), line: call.getStartLineNumber() });
  }
  return found;
}


/**
 * The project's own import graph read with TypeScript's resolver and the project's compiler options, so
 * package.json `imports` (`#lib/*`) and tsconfig `paths` land on the files they name: file edges, and the files
 * importing each backing-service driver.
 */
function observeGraph(shape: ProjectShape): { edges: FileEdge[]; externals: Map<string, Set<string>> } {
  const options = shape.project.getCompilerOptions();
  // `imports` subpaths resolve only under node16/nodenext/bundler resolution; a project on node10 still means them.
  const nodeNext: ts.CompilerOptions = { ...options, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext };
  const edges: FileEdge[] = [];
  const externals = new Map<string, Set<string>>();
  const sources = new Set(shape.sources);
  for (const sourceFile of shape.project.getSourceFiles()) {
    const file = path.relative(shape.root, sourceFile.getFilePath()).split(path.sep).join('/');
    if (!sources.has(file)) continue;
    for (const { specifier, line } of specifiers(sourceFile)) {
      if (isBuiltinSpecifier(specifier)) continue;
      const resolve = (compilerOptions: ts.CompilerOptions) => ts.resolveModuleName(specifier, sourceFile.getFilePath(), compilerOptions, ts.sys).resolvedModule;
      let resolved = resolve(options);
      if (resolved === undefined && specifier.startsWith('#')) resolved = resolve(nodeNext);
      const target = resolved === undefined || resolved.isExternalLibraryImport === true ? undefined : path.relative(shape.root, resolved.resolvedFileName).split(path.sep).join('/');
      if (target !== undefined && !target.startsWith('..')) {
        edges.push({ from: file, to: target.replace(/\.d\.ts$/, '.ts'), kind: 'import', line });
        continue;
      }
      if (isRelativeSpecifier(specifier) || specifier.startsWith('#')) continue;
      const name = externalPackageName(specifier);
      if (!isBackingService(name)) continue;
      let files = externals.get(name);
      if (files === undefined) externals.set(name, (files = new Set()));
      files.add(file);
    }
  }
  return { edges, externals };
}

function fileEdge(edge: LocalEdge): FileEdge {
  return { from: edge.from, to: edge.to, kind: edge.kind === 'decorator' ? 'decorator' : edge.kind === 'type' ? 'type import' : 'import', line: edge.line };
}

/** Subfolders (of a folder layer `src/<folder>/**`) holding every source file of it; undefined when a file sits directly in it. */
function subfolders(shape: ProjectShape, folder: string): Map<string, string[]> | undefined {
  const bySubfolder = new Map<string, string[]>();
  for (const file of shape.sources) {
    const parts = file.split('/');
    if (parts[0] !== 'src' || parts[1] !== folder) continue;
    if (parts.length < 4) return undefined;
    const subfolder = parts[2] ?? '';
    bySubfolder.set(subfolder, [...(bySubfolder.get(subfolder) ?? []), file]);
  }
  return bySubfolder;
}

const MAX_SPLIT = 6;

/**
 * Folder layers whose subfolders play different roles in the graph become one layer per subfolder: one subfolder
 * depends on another (a layering inside the folder), and they are used by different parts of the code (routes use
 * one, only the first uses the other). Then a new dependency between a part and a subfolder it never used fails.
 */
function splitFolders(shape: ProjectShape, edges: readonly FileEdge[]): { layers: Record<string, string[]>; splits: ObservedImports['splits'] } {
  const policy = compileLayers({ layers: shape.layers, allow: {} });
  const splits: ObservedImports['splits'] = [];
  const layers: Record<string, string[]> = {};
  for (const [layer, globs] of Object.entries(shape.layers)) {
    const folder = globs.length === 1 && /^src\/[^/*]+\/\*\*$/.test(globs[0] ?? '') ? (globs[0] ?? '').split('/')[1] : undefined;
    const parts = folder === undefined ? undefined : subfolders(shape, folder);
    if (folder === undefined || parts === undefined || parts.size < 2 || parts.size > MAX_SPLIT) {
      layers[layer] = globs;
      continue;
    }
    const subfolderOf = (file: string): string | undefined => {
      const segments = file.split('/');
      return segments[0] === 'src' && segments[1] === folder && segments.length >= 4 ? segments[2] : undefined;
    };
    /** Subfolder → who depends on it: other layers by name, sibling subfolders as `./<name>`. */
    const users = new Map<string, Set<string>>([...parts.keys()].map((name) => [name, new Set<string>()]));
    let inner: FileEdge | undefined;
    for (const edge of edges) {
      const target = subfolderOf(edge.to);
      if (target === undefined) continue;
      const sourceSubfolder = subfolderOf(edge.from);
      if (sourceSubfolder === target) continue;
      const user = sourceSubfolder === undefined ? layerOf(policy, edge.from)?.layer : `./${sourceSubfolder}`;
      if (user === undefined) continue;
      users.get(target)?.add(user);
      if (sourceSubfolder !== undefined) inner ??= edge;
    }
    const signatures = new Set([...users.values()].map((set) => [...set].sort().join(',')));
    if (inner === undefined || signatures.size < 2) {
      layers[layer] = globs;
      continue;
    }
    const names = [...parts.keys()].sort().map((subfolder) => `${folder}-${subfolder}`);
    for (const subfolder of [...parts.keys()].sort()) layers[`${folder}-${subfolder}`] = [`src/${folder}/${subfolder}/**`];
    const describeUsers = [...users].sort(([a], [b]) => a.localeCompare(b)).map(([subfolder, set]) => `${subfolder}/ is used by ${set.size === 0 ? 'nothing in src/' : [...set].sort().map((user) => (user.startsWith('./') ? `${user.slice(2)}/` : user)).join(', ')}`);
    splits.push({ folder: `src/${folder}`, layers: names, why: `${describeUsers.join('; ')} (e.g. ${describeEdge(inner)})` });
  }
  return { layers, splits };
}

function describeEdge(edge: FileEdge): string {
  return edge.kind === 'decorator' ? `${edge.from}:${edge.line} uses a decorator ${edge.to} provides` : `${edge.from}:${edge.line} ${edge.kind === 'type import' ? 'imports types of' : 'imports'} ${edge.to}`;
}

/** The allow entry's evidence, in one line: counts by kind and the first dependency. */
export function describeJustification(justification: Justification): string {
  const counts = Object.entries(justification.kinds).map(([kind, count]) => `${count} ${kind}${count === 1 ? '' : 's'}`).join(', ');
  return `${justification.from} → ${justification.to}: ${counts}; e.g. ${describeEdge(justification.example)}`;
}

function sortAllow(allow: Record<string, string[]>): Record<string, string[]> {
  for (const targets of Object.values(allow)) targets.sort();
  return allow;
}

/**
 * Reads the dependencies between the project's files (TypeScript's resolver, and the boundaries analysis with its
 * decorator edges), splits folders whose subfolders play different roles, and proposes the `allow` table from the
 * dependencies that exist today, each entry with the edges that justify it; each backing-service driver is allowed
 * only where it is imported today.
 */
export async function observeLayerImports(shape: ProjectShape, checks: readonly Check[]): Promise<ObservedImports> {
  const graph = observeGraph(shape);
  const edges: FileEdge[] = [...graph.edges];
  const findings: FindingInput[] = [];
  let unavailable: string | undefined;
  const boundaries = checks.find((check) => check.id === 'boundaries');
  if (boundaries !== undefined) {
    const raw = { boundaries: { layers: shape.layers, allow: Object.fromEntries(Object.keys(shape.layers).map((layer) => [layer, []])), ...(shape.testIgnore === undefined ? {} : { ignore: shape.testIgnore }) } };
    const config = validateConfig(raw, { file: 'npvguard.config.ts', knownRuleIds: boundaries.meta.rules.map((rule) => rule.id) });
    try {
      const files = listProjectFiles(shape.root, config, 'npvguard.config.ts');
      const analysis = analyzeBoundaries({ root: shape.root, files, config: config.boundaries ?? { layers: {}, allow: {} }, cache: false });
      const seen = new Set(edges.map((edge) => `${edge.from}\0${edge.to}\0${edge.line}`));
      for (const edge of analysis.edges.map(fileEdge)) if (!seen.has(`${edge.from}\0${edge.to}\0${edge.line}`)) edges.push(edge);
      findings.push(...analysis.findings);
    } catch (error) {
      // The config is still worth writing from the import graph read above; the check will say the same.
      if (!(error instanceof NpvError)) throw error;
      unavailable = `${error.code}: ${error.message}`;
    }
  }

  const { layers, splits } = unavailable === undefined ? splitFolders(shape, edges) : { layers: shape.layers, splits: [] };
  const policy = compileLayers({ layers, allow: {} });
  const layerFor = (file: string) => layerOf(policy, file)?.layer;
  const allow: Record<string, string[]> = Object.fromEntries(Object.keys(layers).map((layer) => [layer, []]));
  const justification: Record<string, Justification> = {};
  for (const edge of edges) {
    const from = layerFor(edge.from);
    const to = layerFor(edge.to);
    if (from === undefined || to === undefined || from === to) continue;
    const targets = allow[from];
    if (targets === undefined || allow[to] === undefined) continue;
    if (!targets.includes(to)) targets.push(to);
    const key = `${from}\0${to}`;
    const known = (justification[key] ??= { from, to, kinds: {}, example: edge });
    known.kinds[edge.kind] = (known.kinds[edge.kind] ?? 0) + 1;
  }

  const externals: Record<string, string[]> = {};
  for (const [name, files] of [...graph.externals].sort(([a], [b]) => a.localeCompare(b))) {
    const owners = [...new Set([...files].map(layerFor).filter((layer): layer is string => layer !== undefined))].sort();
    if (owners.length > 0) externals[name] = owners;
  }
  return {
    allow: sortAllow(allow),
    externals,
    otherFindings: findings.filter((finding) => finding.ruleId !== 'boundaries/forbidden-import'),
    layers,
    justification,
    splits,
    ...(unavailable === undefined ? {} : { unavailable }),
  };
}
