import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The layer table of the reference service, checked on every test run. npvguard's boundaries check
 * enforces the same table with its own engine; this keeps the service honest on its own.
 */
const SOURCE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'src');

type Layer = 'core' | 'domain' | 'experiments' | 'components' | 'pipeline' | 'clients' | 'resilience' | 'config' | 'observability' | 'server' | 'entry';

const RUNTIME_IMPORTS: Readonly<Record<Layer, readonly Layer[]>> = {
  core: ['core'],
  domain: ['domain', 'core'],
  experiments: ['experiments', 'core', 'domain'],
  components: ['components', 'core', 'domain'],
  pipeline: ['pipeline', 'components', 'core', 'domain'],
  clients: ['clients', 'core', 'domain', 'resilience', 'config', 'observability'],
  resilience: ['resilience', 'core', 'domain'],
  config: ['config', 'core', 'domain'],
  observability: ['observability', 'core', 'domain'],
  server: ['server', 'pipeline', 'domain'],
  entry: ['server', 'config', 'pipeline', 'clients', 'core', 'domain'],
};

/** Imports allowed only as `import type`. */
const TYPE_ONLY_IMPORTS: Readonly<Partial<Record<Layer, readonly Layer[]>>> = {
  components: ['experiments'],
};

/** The composition root wires implementations into ports; it alone may reach the I/O layers. */
const COMPOSITION_ROOT = 'server/app.ts';
const COMPOSITION_ROOT_IMPORTS: readonly Layer[] = ['clients', 'config', 'resilience', 'observability', 'experiments'];

const PACKAGES: Readonly<Record<Layer, readonly string[]>> = {
  core: [],
  domain: [],
  experiments: ['node:crypto'],
  components: [],
  pipeline: [],
  clients: ['undici', 'node:fs/promises', 'node:path'],
  resilience: [],
  config: [],
  observability: ['prom-client', 'node:crypto'],
  server: ['fastify', '@fastify/type-provider-typebox', 'typebox', 'node:crypto'],
  entry: [],
};

interface ImportEdge {
  readonly file: string;
  readonly line: number;
  readonly specifier: string;
  readonly typeOnly: boolean;
}

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(directory, entry.name)) : entry.name.endsWith('.ts') ? [join(directory, entry.name)] : [],
  );
}

function importsOf(file: string): ImportEdge[] {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const edges: ImportEdge[] = [];
  for (const statement of source.statements) {
    const isImport = ts.isImportDeclaration(statement);
    const isExport = ts.isExportDeclaration(statement);
    if ((!isImport && !isExport) || statement.moduleSpecifier === undefined || !ts.isStringLiteral(statement.moduleSpecifier)) {
      continue;
    }
    const typeOnly = isImport ? statement.importClause?.isTypeOnly === true : statement.isTypeOnly;
    const line = source.getLineAndCharacterOfPosition(statement.getStart()).line + 1;
    edges.push({ file, line, specifier: statement.moduleSpecifier.text, typeOnly });
  }
  return edges;
}

function layerOf(file: string): Layer {
  const path = relative(SOURCE_ROOT, file).split(sep);
  return path.length === 1 ? 'entry' : (path[0] as Layer);
}

const files = sourceFiles(SOURCE_ROOT);

describe('layer boundaries', () => {
  it('finds the source files', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it('every import follows the layer table', () => {
    const violations: string[] = [];
    for (const file of files) {
      const from = layerOf(file);
      const isRoot = relative(SOURCE_ROOT, file).split(sep).join('/') === COMPOSITION_ROOT;
      for (const edge of importsOf(file)) {
        const where = `${relative(SOURCE_ROOT, edge.file)}:${edge.line} ${edge.specifier}`;
        if (!edge.specifier.startsWith('.')) {
          if (from !== 'entry' && !PACKAGES[from].includes(edge.specifier) && !edge.typeOnly) {
            violations.push(`${where}: package not allowed in ${from}`);
          }
          continue;
        }
        if (!edge.specifier.endsWith('.js')) {
          violations.push(`${where}: relative imports need a .js extension`);
        }
        const to = layerOf(resolve(dirname(edge.file), edge.specifier));
        const allowed =
          RUNTIME_IMPORTS[from].includes(to) ||
          (edge.typeOnly && (TYPE_ONLY_IMPORTS[from] ?? []).includes(to)) ||
          (isRoot && COMPOSITION_ROOT_IMPORTS.includes(to));
        if (!allowed) {
          violations.push(`${where}: ${from} may not import ${to}${edge.typeOnly ? ' (type)' : ''}`);
        }
      }
    }
    expect(violations).toEqual([]);
  });

  it('only src/config reads process.env', () => {
    const readers = files.filter((file) => /process\.env\b/.test(readFileSync(file, 'utf8'))).map((file) => relative(SOURCE_ROOT, file));

    expect(readers).toEqual([join('config', 'env.ts')]);
  });

  it('components and experiments never use Math.random or Date.now', () => {
    const offenders = files
      .filter((file) => ['components', 'experiments'].includes(layerOf(file)))
      .filter((file) => /Math\.random|Date\.now/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(SOURCE_ROOT, file));

    expect(offenders).toEqual([]);
  });

  it('only main.ts ends the process', () => {
    const offenders = files.filter((file) => /process\.exit\b/.test(readFileSync(file, 'utf8'))).map((file) => relative(SOURCE_ROOT, file));

    expect(offenders).toEqual(['main.ts']);
  });
});
