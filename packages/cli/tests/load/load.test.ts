import { mkdirSync, mkdtempSync, rmSync, writeFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NpvError } from '@npvguard/core';
import { CONFIG_FILE_NAMES, findConfigFile } from '../../src/load/findConfig.js';
import { listProjectFiles, walkFiles } from '../../src/load/listFiles.js';
import { loadConfigFile } from '../../src/modules/loadConfigFile.js';
import { resolvePathArguments } from '../../src/load/resolvePaths.js';

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    if (error instanceof NpvError) return error.code;
    throw error;
  }
  return undefined;
}

describe('loading a project', () => {
  let root: string;
  const write = (file: string, text = ''): void => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  };

  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'npvguard-load-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('walks files sorted, skipping node_modules, dist and .git and not following links', () => {
    for (const file of ['src/b.ts', 'src/a/x.ts', 'node_modules/p/index.ts', 'dist/a.js', '.git/HEAD', 'src/dist/c.ts', 'README.md']) write(file);
    symlinkSync(path.join(root, 'src'), path.join(root, 'link'), 'dir');
    expect(walkFiles(root)).toEqual(['README.md', 'src/a/x.ts', 'src/b.ts']);
  });

  it('lists include minus exclude, with the default include', () => {
    for (const file of ['src/a.ts', 'src/a.test.ts', 'src/b.tsx', 'src/c.js', 'scripts/x.ts', 'src/deep/d.mts']) write(file);
    expect(listProjectFiles(root, {}, 'c.ts')).toEqual(['src/a.test.ts', 'src/a.ts', 'src/b.tsx', 'src/deep/d.mts']);
    expect(listProjectFiles(root, { include: ['src/**/*.ts', 'scripts/*.ts'], exclude: '**/*.test.ts' }, 'c.ts')).toEqual(['scripts/x.ts', 'src/a.ts']);
  });

  it('throws NPV1007 for an include glob that matches nothing', () => {
    write('src/a.ts');
    expect(codeOf(() => listProjectFiles(root, { include: ['src/**/*.ts', 'lib/**'] }, 'c.ts'))).toBe('NPV1007');
    expect(codeOf(() => listProjectFiles(mkdtempSync(path.join(root, 'empty-')), {}, 'c.ts'))).toBe('NPV1007');
  });

  it('discovers the config in the folder or the nearest parent, in the documented order', () => {
    write('npvguard.config.json', '{}');
    write('npvguard.config.mjs', 'export default {};');
    write('service/src/a.ts');
    expect(findConfigFile(path.join(root, 'service', 'src'), undefined)).toBe(path.join(root, 'npvguard.config.mjs'));
    write('service/npvguard.config.ts', 'export default {};');
    expect(findConfigFile(path.join(root, 'service', 'src'), undefined)).toBe(path.join(root, 'service', 'npvguard.config.ts'));
    expect(CONFIG_FILE_NAMES).toEqual(['npvguard.config.ts', 'npvguard.config.mts', 'npvguard.config.js', 'npvguard.config.mjs', 'npvguard.config.json']);
  });

  it('loads TypeScript configs importing defineConfig from npvguard, even outside the repository', async () => {
    write('npvguard.config.ts', "import { defineConfig } from 'npvguard';\nconst layers: Record<string, string> = { core: 'src/**' };\nexport default defineConfig({ boundaries: { layers, allow: {} } });\n");
    await expect(loadConfigFile(path.join(root, 'npvguard.config.ts'))).resolves.toEqual({ boundaries: { layers: { core: 'src/**' }, allow: {} } });
  });

  it('reads a TypeScript config afresh after it changes', async () => {
    write('npvguard.config.ts', 'export default { include: "a/**" };');
    await expect(loadConfigFile(path.join(root, 'npvguard.config.ts'))).resolves.toEqual({ include: 'a/**' });
    write('npvguard.config.ts', 'export default { include: "b/**" };');
    await expect(loadConfigFile(path.join(root, 'npvguard.config.ts'))).resolves.toEqual({ include: 'b/**' });
  });

  it('turns a config that throws or is not valid JSON into NPV1002', async () => {
    write('throws.config.ts', 'throw new Error("no database in a config");\nexport default {};\n');
    await expect(loadConfigFile(path.join(root, 'throws.config.ts'))).rejects.toMatchObject({ code: 'NPV1002', message: expect.stringContaining('no database in a config') });
    write('bad.config.json', '{ "include": }');
    await expect(loadConfigFile(path.join(root, 'bad.config.json'))).rejects.toMatchObject({ code: 'NPV1002' });
  });

  it('resolves path arguments to project paths and refuses missing or outside ones', () => {
    write('src/a.ts');
    write('src/sub/b.ts');
    expect(resolvePathArguments(['src/a.ts', './src/sub', '.', 'src/a.ts'], root, root)).toEqual(['src/a.ts', 'src/sub']);
    expect(resolvePathArguments(['a.ts'], path.join(root, 'src'), root)).toEqual(['src/a.ts']);
    expect(codeOf(() => resolvePathArguments(['src/none.ts'], root, root))).toBe('NPV2007');
    expect(codeOf(() => resolvePathArguments([tmpdir()], root, root))).toBe('NPV2007');
  });
});
