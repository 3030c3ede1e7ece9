import path from 'node:path';
import { externalPackageName, isBuiltinSpecifier, isRelativeSpecifier, NpvError, validateConfig, type Check, type FindingInput } from '@npvguard/core';
import { Node, SyntaxKind, ts, type SourceFile } from 'ts-morph';
import { listProjectFiles } from '../load/listFiles.js';
import { createChangeSource } from '../base/changeSource.js';
import { TESTS_LAYER, type ProjectShape } from './inspectProject.js';

export interface ObservedImports {
  /** Layer → the other layers its files import today. */
  allow: Record<string, string[]>;
  /** Backing-service driver package → the layers that import it today (sorted). */
  externals: Record<string, string[]>;
  /** Findings other than forbidden imports (cycles, unresolved imports) that the started config will report. */
  otherFindings: FindingInput[];
  /** Why the boundaries check could not run on the project (the layer edges then come from the import graph alone). */
  unavailable?: string;
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
function specifiers(sourceFile: SourceFile): string[] {
  const found: string[] = [];
  for (const declaration of sourceFile.getImportDeclarations()) found.push(declaration.getModuleSpecifierValue());
  for (const declaration of sourceFile.getExportDeclarations()) {
    const value = declaration.getModuleSpecifierValue();
    if (value !== undefined) found.push(value);
  }
  for (const call of sourceFile.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const callee = call.getExpression();
    const argument = call.getArguments()[0];
    if ((callee.getKind() === SyntaxKind.ImportKeyword || callee.getText() === 'require') && argument !== undefined && Node.isStringLiteral(argument)) found.push(argument.getLiteralValue());
  }
  return found;
}

function layerOf(shape: ProjectShape, file: string): string | undefined {
  for (const [layer, patterns] of Object.entries(shape.layers)) {
    for (const pattern of patterns) {
      if (pattern === file || (pattern.endsWith('/**') && file.startsWith(pattern.slice(0, -2)))) return layer;
    }
  }
  return undefined;
}

/**
 * The project's own import graph read with TypeScript's resolver and the project's compiler options, so
 * package.json `imports` (`#lib/*`) and tsconfig `paths` land on the files they name.
 */
function observeGraph(shape: ProjectShape): { edges: [string, string][]; externals: Map<string, Set<string>> } {
  const options = shape.project.getCompilerOptions();
  // `imports` subpaths resolve only under node16/nodenext/bundler resolution; a project on node10 still means them.
  const nodeNext: ts.CompilerOptions = { ...options, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext };
  const edges: [string, string][] = [];
  const externals = new Map<string, Set<string>>();
  const sources = new Set(shape.sources);
  for (const sourceFile of shape.project.getSourceFiles()) {
    const file = path.relative(shape.root, sourceFile.getFilePath()).split(path.sep).join('/');
    if (!sources.has(file)) continue;
    const fromLayer = layerOf(shape, file);
    if (fromLayer === undefined) continue;
    for (const specifier of specifiers(sourceFile)) {
      if (isBuiltinSpecifier(specifier)) continue;
      const resolve = (compilerOptions: ts.CompilerOptions) => ts.resolveModuleName(specifier, sourceFile.getFilePath(), compilerOptions, ts.sys).resolvedModule;
      let resolved = resolve(options);
      if (resolved === undefined && specifier.startsWith('#')) resolved = resolve(nodeNext);
      const target = resolved === undefined || resolved.isExternalLibraryImport === true ? undefined : path.relative(shape.root, resolved.resolvedFileName).split(path.sep).join('/');
      if (target !== undefined && !target.startsWith('..')) {
        const toLayer = layerOf(shape, target.replace(/\.d\.ts$/, '.ts'));
        if (toLayer !== undefined && toLayer !== fromLayer) edges.push([fromLayer, toLayer]);
        continue;
      }
      if (isRelativeSpecifier(specifier) || specifier.startsWith('#')) continue;
      const name = externalPackageName(specifier);
      if (!isBackingService(name)) continue;
      let layers = externals.get(name);
      if (layers === undefined) externals.set(name, (layers = new Set()));
      layers.add(fromLayer);
    }
  }
  return { edges, externals };
}

/**
 * Runs the boundaries check once with every cross-layer import forbidden and reads the layer edges it finds,
 * together with the project's own import graph: the imports the code makes today become the starting `allow`
 * table, and each backing-service driver is allowed only where it is imported today.
 */
function sortAllow(allow: Record<string, string[]>): Record<string, string[]> {
  for (const targets of Object.values(allow)) targets.sort();
  return allow;
}

export async function observeLayerImports(shape: ProjectShape, checks: readonly Check[]): Promise<ObservedImports> {
  const allow: Record<string, string[]> = Object.fromEntries(Object.keys(shape.layers).map((layer) => [layer, []]));
  const addEdge = (from: string, to: string) => {
    const targets = allow[from];
    if (from !== to && targets !== undefined && allow[to] !== undefined && !targets.includes(to)) targets.push(to);
  };
  // Tests exercise every layer and no layer may import them: allowed everything, whatever they import today.
  if (allow[TESTS_LAYER] !== undefined) allow[TESTS_LAYER] = Object.keys(shape.layers).filter((layer) => layer !== TESTS_LAYER);
  const graph = observeGraph(shape);
  for (const [from, to] of graph.edges) addEdge(from, to);
  const externals = Object.fromEntries([...graph.externals].sort(([a], [b]) => a.localeCompare(b)).map(([name, layers]) => [name, [...layers].sort()]));

  const boundaries = checks.find((check) => check.id === 'boundaries');
  const findings: FindingInput[] = [];
  if (boundaries !== undefined) {
    const raw = { ...(shape.include === undefined ? {} : { include: shape.include }), boundaries: { layers: shape.layers, allow: Object.fromEntries(Object.keys(shape.layers).map((layer) => [layer, []])) } };
    const config = validateConfig(raw, { file: 'npvguard.config.ts', knownRuleIds: boundaries.meta.rules.map((rule) => rule.id) });
    let data: Record<string, unknown> = {};
    try {
      await boundaries.run({
        root: shape.root,
        config,
        files: listProjectFiles(shape.root, config, 'npvguard.config.ts'),
        paths: [],
        rules: boundaries.meta.rules,
        change: createChangeSource(shape.root, undefined),
        signal: new AbortController().signal,
        report: (finding) => findings.push(finding),
        setData: (value) => {
          data = { ...data, ...value };
        },
      });
    } catch (error) {
      // The config is still worth writing from the import graph read above; the check will say the same.
      if (!(error instanceof NpvError)) throw error;
      return { allow: sortAllow(allow), externals, otherFindings: [], unavailable: `${error.code}: ${error.message}` };
    }
    const edges = Array.isArray(data.layerEdges) ? (data.layerEdges as { from?: unknown; to?: unknown }[]) : [];
    for (const edge of edges) if (typeof edge.from === 'string' && typeof edge.to === 'string') addEdge(edge.from, edge.to);
  }
  return { allow: sortAllow(allow), externals, otherFindings: findings.filter((finding) => finding.ruleId !== 'boundaries/forbidden-import') };
}
