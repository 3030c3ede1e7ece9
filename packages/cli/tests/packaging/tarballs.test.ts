// The four published packages as `npm pack` would ship them: what each tarball holds and how they depend on each
// other. `npm run try-install` goes further (a real install in a new project); this runs in CI without a registry.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/cli.js';

const run = promisify(execFile);

const PUBLISHABLE = [
  { name: '@npvguard/core', folder: 'packages/core' },
  { name: '@npvguard/harness', folder: 'packages/harness' },
  { name: 'eslint-plugin-npvguard', folder: 'packages/eslint-plugin' },
  { name: 'npvguard', folder: 'packages/cli' },
] as const;
const INTERNAL = new Set<string>(PUBLISHABLE.map(({ name }) => name));

interface Manifest {
  name: string;
  version: string;
  main?: string;
  types?: string;
  bin?: Record<string, string>;
  exports?: unknown;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

interface PackEntry {
  name: string;
  version: string;
  files: { path: string }[];
}

function manifest(folder: string): Manifest {
  return JSON.parse(readFileSync(path.join(REPO_ROOT, folder, 'package.json'), 'utf8')) as Manifest;
}

/** Every file path an `exports` map points at. */
function exportTargets(exports: unknown): string[] {
  if (typeof exports === 'string') return [exports];
  if (exports === null || typeof exports !== 'object') return [];
  return Object.values(exports).flatMap(exportTargets);
}

function normalized(file: string): string {
  return path.posix.normalize(file.replace(/^\.\//, ''));
}

/** Whether `version` satisfies a caret range `^x.y.z` (0.x: the same minor). */
function satisfiesCaret(range: string, version: string): boolean {
  const wanted = /^\^(\d+)\.(\d+)\.(\d+)$/.exec(range);
  const found = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
  if (wanted === null || found === null) return false;
  const [w0, w1, w2] = wanted.slice(1).map(Number) as [number, number, number];
  const [f0, f1, f2] = found.slice(1).map(Number) as [number, number, number];
  if (f0 !== w0) return false;
  if (w0 === 0) return f1 === w1 && f2 >= w2;
  return f1 > w1 || (f1 === w1 && f2 >= w2);
}

let packed: Map<string, PackEntry>;
beforeAll(async () => {
  // --ignore-scripts: list what the built dist holds (`npm ci` builds it) without rebuilding or writing anything.
  const workspaces = PUBLISHABLE.flatMap(({ name }) => ['-w', name]);
  const { stdout } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts', ...workspaces], { cwd: REPO_ROOT, maxBuffer: 64 * 1024 * 1024 });
  const entries = JSON.parse(stdout.slice(stdout.indexOf('['))) as PackEntry[];
  packed = new Map(entries.map((entry) => [entry.name, entry]));
}, 120_000);

describe.each(PUBLISHABLE)('the $name tarball', ({ name, folder }) => {
  const pkg = manifest(folder);
  const files = (): Set<string> => new Set((packed.get(name)?.files ?? []).map((file) => file.path));

  it('is packed at the version of its package.json', () => {
    expect(packed.get(name)?.version).toBe(pkg.version);
  });

  it('holds its entry points, bin, README and LICENSE', () => {
    const wanted = [pkg.main, pkg.types, ...exportTargets(pkg.exports), ...Object.values(pkg.bin ?? {})]
      .filter((file): file is string => file !== undefined)
      .map(normalized);
    expect(wanted.length).toBeGreaterThan(2);
    const shipped = files();
    for (const file of [...wanted, 'README.md', 'LICENSE']) expect(shipped, `${name} ships ${file}`).toContain(file);
    expect([...shipped].filter((file) => file.endsWith('.tsbuildinfo'))).toEqual([]);
  });

  it('depends on published versions only: no workspace, file, link or unbounded ranges', () => {
    const all = { ...pkg.dependencies, ...pkg.peerDependencies, ...pkg.optionalDependencies };
    expect(Object.keys(all).length).toBeGreaterThan(0);
    for (const [dependency, range] of Object.entries(all)) {
      expect(range, `${name} → ${dependency}`).not.toMatch(/^(workspace:|file:|link:|git|github:|https?:)|^\*?$|^latest$/);
    }
  });

  it('names its sibling packages by ranges their current versions satisfy', () => {
    for (const [dependency, range] of Object.entries({ ...pkg.dependencies, ...pkg.peerDependencies })) {
      if (!INTERNAL.has(dependency)) continue;
      const sibling = PUBLISHABLE.find((candidate) => candidate.name === dependency);
      const version = manifest(sibling?.folder ?? '').version;
      expect(satisfiesCaret(range, version), `${name} → ${dependency}@${range} (is ${version})`).toBe(true);
    }
  });
});

describe('peers real projects have', () => {
  it('the ESLint plugin accepts ESLint 9 and 10 and TypeScript 5.x', () => {
    const peers = manifest('packages/eslint-plugin').peerDependencies;
    expect(peers?.eslint).toBe('^9.0.0 || ^10.0.0');
    expect(peers?.typescript).toBe('>=5.0.0 <6.1.0');
  });

  it('the harness accepts vitest 2, 3 and 4 (optional) and fast-check 3.22+ and 4', () => {
    const pkg = manifest('packages/harness');
    expect(pkg.peerDependencies).toEqual({ 'fast-check': '^3.22.0 || ^4.0.0', vitest: '^2.0.0 || ^3.0.0 || ^4.0.0' });
    expect(pkg.peerDependenciesMeta?.vitest?.optional).toBe(true);
  });

  it('npvguard loads the harness only through modules that never import vitest', () => {
    // A project without vitest installs npvguard (vitest is an optional peer): nothing npvguard loads may import it.
    const start = path.join(REPO_ROOT, 'packages/harness/dist/contracts/index.js');
    const seen = new Set<string>();
    const queue = [start];
    const bare = new Set<string>();
    while (queue.length > 0) {
      const file = queue.pop() ?? '';
      if (seen.has(file)) continue;
      seen.add(file);
      for (const match of readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)) {
        const specifier = match[1] ?? '';
        if (specifier.startsWith('.')) queue.push(path.resolve(path.dirname(file), specifier));
        else bare.add(specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/'));
      }
    }
    expect(seen.size).toBeGreaterThan(10);
    expect(bare).toContain('fast-check');
    expect(bare).not.toContain('vitest');
  });
});

describe('files npvguard loads outside dist', () => {
  it('the OpenAPI validators compiled ahead of time are in the tarball', () => {
    const shipped = new Set((packed.get('npvguard')?.files ?? []).map((file) => file.path));
    for (const file of ['generated/openapi/oas30.js', 'generated/openapi/oas31.js']) expect(shipped, file).toContain(file);
  });
});
