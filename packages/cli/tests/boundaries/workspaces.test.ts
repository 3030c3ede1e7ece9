import fs from 'node:fs';
import path from 'node:path';
import type { BoundariesConfig } from '@npvguard/core';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeBoundaries } from '../../src/checks/boundaries/index.js';
import { copyFixture, listSourceFiles, summarize } from './fixtureProject.js';

const scratch: string[] = [];
afterAll(() => scratch.forEach((folder) => fs.rmSync(folder, { recursive: true, force: true })));

const config: BoundariesConfig = { layers: { app: 'packages/app/src/**', core: 'packages/core/src/**' }, allow: { app: ['core'] } };

function write(root: string, file: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), text);
}

/** The workspace fixture as npm installs it: packages symlinked under node_modules. */
function installedWorkspace(): string {
  const root = copyFixture('workspace-package');
  scratch.push(root);
  fs.mkdirSync(path.join(root, 'node_modules', '@fx'), { recursive: true });
  for (const name of ['core', 'app']) fs.symlinkSync(path.join('..', '..', 'packages', name), path.join(root, 'node_modules', '@fx', name), 'dir');
  return root;
}

function analyze(root: string, tsconfig?: string) {
  return analyzeBoundaries({ root, files: listSourceFiles(root, ['packages']), config, cache: false, ...(tsconfig === undefined ? {} : { tsconfig }) });
}

describe('workspace packages and project references', () => {
  it('follows the node_modules symlink and maps a built dist/index.d.ts back to src/index.ts', () => {
    const root = installedWorkspace();
    write(root, 'packages/core/dist/index.d.ts', "export { add } from './math.js';\n");
    write(root, 'packages/core/dist/math.d.ts', 'export declare function add(left: number, right: number): number;\n');
    write(root, 'packages/app/dist/index.d.ts', 'export declare const version: string;\n');
    // The compiler itself lands in the build output...
    const options: ts.CompilerOptions = { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext };
    const compiler = ts.resolveModuleName('@fx/core', path.join(root, 'packages/app/src/index.ts'), options, ts.sys, undefined, undefined, ts.ModuleKind.ESNext);
    expect(compiler.resolvedModule?.resolvedFileName).toBe(path.join(fs.realpathSync(root), 'packages/core/dist/index.d.ts'));
    // ...npvguard follows it back to the source.
    const { edges, findings } = analyze(root);
    expect(edges).toContainEqual({ from: 'packages/app/src/index.ts', to: 'packages/core/src/index.ts', kind: 'runtime', line: 1 });
    expect(summarize(findings)).toEqual(['boundaries/forbidden-import packages/core/src/debug.ts:1']);
    expect(findings[0]?.data).toMatchObject({ target: 'packages/app/src/index.ts' });
  });

  it('resolves a workspace package installed but not built, through its manifest, to its sources', () => {
    const root = installedWorkspace();
    const { edges } = analyze(root);
    expect(edges).toContainEqual({ from: 'packages/app/src/index.ts', to: 'packages/core/src/index.ts', kind: 'runtime', line: 1 });
  });

  it('resolves files with the options of the referenced project that owns them (solution-style root)', () => {
    const root = installedWorkspace();
    write(root, 'tsconfig.solution.json', JSON.stringify({ files: [], references: [{ path: './packages/core' }, { path: './packages/app' }] }));
    // Only the app project knows the alias.
    const appConfig = JSON.parse(fs.readFileSync(path.join(root, 'packages/app/tsconfig.json'), 'utf8'));
    appConfig.compilerOptions.paths = { '#core/*': ['../core/src/*'] };
    write(root, 'packages/app/tsconfig.json', JSON.stringify(appConfig));
    write(root, 'packages/app/src/extra.ts', "import { add } from '#core/math.js';\nexport const three = add(1, 2);\n");
    write(root, 'packages/core/src/extra.ts', "import { add } from '#core/math.js';\nexport const four = add(2, 2);\n");
    const { edges, findings } = analyze(root, 'tsconfig.solution.json');
    expect(edges).toContainEqual({ from: 'packages/app/src/extra.ts', to: 'packages/core/src/math.ts', kind: 'runtime', line: 1 });
    expect(summarize(findings)).toEqual(['boundaries/forbidden-import packages/core/src/debug.ts:1', 'boundaries/unresolved-import packages/core/src/extra.ts:1']);
  });

  it('treats a sibling workspace package outside the analysed project as an external package', () => {
    const monorepo = installedWorkspace();
    const root = path.join(monorepo, 'packages', 'app');
    const result = analyzeBoundaries({
      root,
      files: listSourceFiles(root),
      config: { layers: { app: 'src/**' }, allow: {}, externals: { '@fx/core': [] } },
      cache: false,
    });
    expect(summarize(result.findings)).toEqual(['boundaries/external-not-allowed src/index.ts:1']);
    expect(result.findings[0]?.data).toMatchObject({ package: '@fx/core' });
    expect(result.edges).toEqual([]);
  });
});
