/**
 * Writes a deterministic TypeScript monorepo for the boundaries bench: npm workspace packages
 * (symlinked under node_modules), a tsconfig `paths` alias, barrels with `export *`, type-only
 * imports, values imported only for types, dynamic imports, runtime and type-only cycles, and a
 * few forbidden imports so the check has something to report.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface GenerateOptions {
  directory: string;
  /** Total number of source files, at least this many are written. */
  files: number;
  seed: number;
}

export interface GeneratedRepo {
  directory: string;
  files: string[];
  /** The layer config npvguard runs with. */
  boundaries: {
    layers: Record<string, string>;
    allow: Record<string, string[]>;
    externals: Record<string, string[]>;
    cycles: 'runtime';
  };
  /** Files the bench edits after the cold run, and what each edit imports (another module of its folder). */
  edits: { file: string; importId: string; specifier: string }[];
}

const LAYERS = ['domain', 'core', 'services', 'api'] as const;
type Layer = (typeof LAYERS)[number];
const SHARED_FILES = 40;

/** mulberry32: small, seedable, and the same on every machine. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

interface Module {
  package: number;
  layer: Layer;
  index: number;
  /** Repo-relative path. */
  path: string;
  id: string;
}

export function generateRepo(options: GenerateOptions): GeneratedRepo {
  const next = random(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const chance = (probability: number): boolean => next() < probability;

  const perPackage = 240;
  const packageCount = Math.max(2, Math.ceil((options.files - SHARED_FILES) / (perPackage + LAYERS.length + 1)));
  const perLayer = perPackage / LAYERS.length;
  const root = options.directory;
  fs.rmSync(root, { recursive: true, force: true });
  const written: string[] = [];
  const write = (relative: string, content: string): void => {
    const absolute = path.join(root, relative);
    fs.mkdirSync(path.dirname(absolute), { recursive: true });
    fs.writeFileSync(absolute, content);
    if (/\.ts$/.test(relative) && relative.startsWith('packages/')) written.push(relative);
  };

  const packageName = (index: number): string => `@bench/pkg-${String(index).padStart(2, '0')}`;
  const modules: Module[] = [];
  for (let pkg = 0; pkg < packageCount; pkg += 1) {
    for (const layer of LAYERS) {
      for (let index = 0; index < perLayer; index += 1) {
        const id = `p${pkg}_${layer}_${index}`;
        modules.push({ package: pkg, layer, index, id, path: `packages/pkg-${String(pkg).padStart(2, '0')}/src/${layer}/m${index}.ts` });
      }
    }
  }
  const byFolder = new Map<string, Module[]>();
  for (const module of modules) {
    const key = `${module.package}/${module.layer}`;
    byFolder.set(key, [...(byFolder.get(key) ?? []), module]);
  }
  const folder = (pkg: number, layer: Layer): Module[] => byFolder.get(`${pkg}/${layer}`) ?? [];
  const below = (layer: Layer): Layer[] => LAYERS.slice(0, LAYERS.indexOf(layer));

  write('package.json', `${JSON.stringify({ name: 'bench-monorepo', private: true, type: 'module', workspaces: ['packages/*'] }, null, 2)}\n`);
  write(
    'tsconfig.json',
    `${JSON.stringify(
      {
        compilerOptions: {
          target: 'ES2023',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          paths: { '@shared/*': ['./packages/shared/src/*'] },
        },
        include: ['packages/*/src'],
      },
      null,
      2,
    )}\n`,
  );
  const manifest = (name: string): string =>
    `${JSON.stringify({ name, version: '1.0.0', type: 'module', main: './src/index.ts', types: './src/index.ts' }, null, 2)}\n`;

  write('packages/shared/package.json', manifest('@bench/shared'));
  for (let index = 0; index < SHARED_FILES; index += 1) {
    write(`packages/shared/src/util${index}.ts`, sharedFile(index, next));
  }
  write('packages/shared/src/index.ts', Array.from({ length: SHARED_FILES }, (_, index) => `export * from './util${index}.js';\n`).join(''));

  for (let pkg = 0; pkg < packageCount; pkg += 1) {
    const base = `packages/pkg-${String(pkg).padStart(2, '0')}`;
    write(`${base}/package.json`, manifest(packageName(pkg)));
    write(`${base}/src/index.ts`, LAYERS.map((layer) => `export * from './${layer}/index.js';\n`).join(''));
    for (const layer of LAYERS) {
      write(`${base}/src/${layer}/index.ts`, folder(pkg, layer).map((module) => `export * from './m${module.index}.js';\n`).join(''));
    }
  }

  for (const module of modules) {
    const imports: string[] = [];
    const valueUses: string[] = [];
    const typeUses: string[] = [];
    const siblings = folder(module.package, module.layer);
    const relative = (target: Module): string => {
      if (target.package === module.package && target.layer === module.layer) return `./m${target.index}.js`;
      return `../${target.layer}/m${target.index}.js`;
    };
    // Within the folder: mostly towards lower indexes (a DAG), a few back edges make cycles.
    for (let count = 0; count < 2 && module.index > 0; count += 1) {
      const target = siblings[Math.floor(next() * module.index)] as Module;
      imports.push(`import { run_${target.id} } from '${relative(target)}';`);
      valueUses.push(`run_${target.id}`);
    }
    if (module.index < perLayer - 1 && chance(0.004)) {
      const target = siblings[module.index + 1 + Math.floor(next() * (perLayer - module.index - 1))] as Module;
      imports.push(`import { run_${target.id} } from '${relative(target)}';`);
      valueUses.push(`run_${target.id}`);
    }
    if (module.index < perLayer - 1 && chance(0.01)) {
      const target = siblings[module.index + 1 + Math.floor(next() * (perLayer - module.index - 1))] as Module;
      imports.push(`import type { Shape_${target.id} } from '${relative(target)}';`);
      typeUses.push(`Shape_${target.id}`);
    }
    // Lower layers of the same package: a type-only import and a value import used only as a type.
    for (const layer of below(module.layer)) {
      const target = pick(folder(module.package, layer));
      const roll = next();
      if (roll < 0.5) {
        imports.push(`import type { Shape_${target.id} } from '${relative(target)}';`);
        typeUses.push(`Shape_${target.id}`);
      } else if (roll < 0.75) {
        imports.push(`import { Shape_${target.id} } from '${relative(target)}';`);
        typeUses.push(`Shape_${target.id}`);
      } else {
        imports.push(`import { run_${target.id} } from '${relative(target)}';`);
        valueUses.push(`run_${target.id}`);
      }
    }
    // Workspace packages (lower-numbered, through their barrel) and the shared paths alias.
    if (module.package > 0 && chance(0.35)) {
      const target = pick(folder(Math.floor(next() * module.package), pick(LAYERS.slice(0, LAYERS.indexOf(module.layer) + 1))));
      imports.push(`import { run_${target.id} } from '${packageName(target.package)}';`);
      valueUses.push(`run_${target.id}`);
    }
    if (chance(0.3)) {
      const util = Math.floor(next() * SHARED_FILES);
      imports.push(`import { shared${util} } from '@shared/util${util}.js';`);
      valueUses.push(`shared${util}`);
    }
    if (chance(0.1)) {
      imports.push(`import path from 'node:path';`);
      valueUses.push('path.sep');
    }
    // A forbidden import now and then: a lower layer reaching up.
    if (module.layer !== 'api' && chance(0.01)) {
      const target = pick(folder(module.package, 'api'));
      imports.push(`import { run_${target.id} } from '${relative(target)}';`);
      valueUses.push(`run_${target.id}`);
    }
    let dynamic = '';
    if (module.index > 0 && chance(0.05)) {
      const target = siblings[Math.floor(next() * module.index)] as Module;
      dynamic = `\nexport async function load_${module.id}(): Promise<unknown> {\n  const loaded = await import('${relative(target)}');\n  return loaded.run_${target.id};\n}\n`;
    }
    write(module.path, moduleFile(module, imports, valueUses, typeUses, dynamic, next));
  }

  const edits = [0.5, 0.25, 0.75].map((position) => {
    const edited = modules[Math.floor(modules.length * position)] as Module;
    const imported = folder(edited.package, edited.layer).find((module) => module !== edited) as Module;
    return { file: edited.path, importId: imported.id, specifier: `./m${imported.index}.js` };
  });
  return {
    directory: root,
    files: written.sort(),
    boundaries: {
      layers: {
        shared: 'packages/shared/src/**',
        entry: 'packages/*/src/index.ts',
        domain: 'packages/*/src/domain/**',
        core: 'packages/*/src/core/**',
        services: 'packages/*/src/services/**',
        api: 'packages/*/src/api/**',
      },
      allow: {
        entry: ['domain', 'core', 'services', 'api'],
        domain: ['shared', 'entry'],
        core: ['domain', 'shared', 'entry'],
        services: ['core', 'domain', 'shared', 'entry'],
        api: ['services', 'core', 'domain', 'shared', 'entry'],
      },
      externals: { 'node:*': ['services', 'api'] },
      cycles: 'runtime',
    },
    edits,
  };
}

/** The workspace symlinks npm would create, so resolution through node_modules works as installed. */
export function linkWorkspaces(root: string): void {
  const scope = path.join(root, 'node_modules', '@bench');
  fs.mkdirSync(scope, { recursive: true });
  for (const entry of fs.readdirSync(path.join(root, 'packages'))) {
    const link = path.join(scope, entry);
    if (!fs.existsSync(link)) fs.symlinkSync(path.join('..', '..', 'packages', entry), link, 'dir');
  }
}

function sharedFile(index: number, next: () => number): string {
  return `export function shared${index}(value: number): number {\n${body(next, 'value')}}\n`;
}

function moduleFile(module: Module, imports: string[], valueUses: string[], typeUses: string[], dynamic: string, next: () => number): string {
  const fields = typeUses.length === 0 ? '  id: string;\n' : typeUses.map((type, index) => `  field${index}: ${type};\n`).join('');
  const calls = valueUses.map((use) => `  void ${use};\n`).join('');
  return `${imports.join('\n')}${imports.length > 0 ? '\n\n' : ''}/** Shape of ${module.id}. */
export interface Shape_${module.id} {
${fields}  score: number;
}

export const weight_${module.id} = ${(next() * 10).toFixed(3)};

export function run_${module.id}(input: number): number {
${calls}${body(next, 'input')}}

export class Component_${module.id} {
  private readonly cache = new Map<string, number>();

  evaluate(key: string, input: number): number {
    const known = this.cache.get(key);
    if (known !== undefined) return known;
    const result = run_${module.id}(input) * weight_${module.id};
    this.cache.set(key, result);
    return result;
  }

  describe(shape: Shape_${module.id}): string {
    return \`\${shape.score.toFixed(2)} from ${module.id}\`;
  }
}
${dynamic}`;
}

function body(next: () => number, variable: string): string {
  const lines: string[] = [`  let total = ${variable};`];
  const steps = 6 + Math.floor(next() * 10);
  for (let step = 0; step < steps; step += 1) {
    const constant = (next() * 100).toFixed(2);
    lines.push(step % 3 === 0 ? `  if (total > ${constant}) total = total / 2;` : `  total = total * ${(next() * 2).toFixed(3)} + ${constant};`);
  }
  lines.push('  return total;');
  return `${lines.join('\n')}\n`;
}

// Run directly: `tsx bench/boundaries/generate.ts <directory> [files] [seed]`.
if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const directory = path.resolve(process.argv[2] ?? 'bench-monorepo');
  const repo = generateRepo({ directory, files: Number(process.argv[3] ?? 5000), seed: Number(process.argv[4] ?? 42) });
  linkWorkspaces(directory);
  process.stdout.write(`wrote ${repo.files.length} source files to ${directory}\n`);
}
