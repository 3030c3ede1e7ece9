import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { cachedTransform, transformCacheFile } from '../../src/modules/transformCache.js';
import { loadModuleExport } from '../../src/checks/contracts/load/moduleExport.js';

const folders: string[] = [];
const entries: string[] = [];
afterAll(() => {
  folders.forEach((folder) => rmSync(folder, { recursive: true, force: true }));
  entries.forEach((file) => rmSync(file, { force: true }));
});

/** Options as jiti passes them for a TypeScript ES module; a fresh marker makes the source unseen. */
function optionsFor(filename: string, source = `export const marker: string = '${randomUUID()}';\n`) {
  return { source, filename, ts: true, async: true, interopDefault: true, retainLines: false };
}

function track(file: string | undefined): string {
  if (file === undefined) throw new Error('no transform cache folder');
  entries.push(file);
  return file;
}

describe('the transform cache', () => {
  it('keys a transform by content and options, not by where the file is', () => {
    const options = optionsFor('/head/src/a.ts');
    expect(transformCacheFile({ ...options, filename: '/tmp/base-worktree/src/a.ts' })).toBe(transformCacheFile(options));
    expect(transformCacheFile({ ...options, source: `${options.source}\n` })).not.toBe(transformCacheFile(options));
    expect(transformCacheFile({ ...options, filename: '/head/src/a.tsx' })).not.toBe(transformCacheFile(options));
    expect(transformCacheFile({ ...options, async: false })).not.toBe(transformCacheFile(options));
    // import.meta is written out as the file's path: such a source is keyed by its path too.
    const located = optionsFor('/head/src/a.ts', 'export const url = import.meta.url;\n');
    expect(transformCacheFile({ ...located, filename: '/base/src/a.ts' })).not.toBe(transformCacheFile(located));
  });

  it('stores what it transforms and answers from the store next time', () => {
    const options = optionsFor('/head/src/b.ts');
    const file = track(transformCacheFile(options));
    expect(existsSync(file)).toBe(false);
    const first = cachedTransform(options);
    expect(first.code).toMatch(/marker/);
    expect(first.code).not.toMatch(/: string/);
    expect(readFileSync(file, 'utf8')).toBe(first.code);
    // Read back, not transformed again: an edited entry is what comes back, from another path too.
    writeFileSync(file, `${first.code}\n// from the store\n`);
    expect(cachedTransform({ ...options, filename: '/elsewhere/b.ts' }).code).toMatch(/from the store/);
  });

  it('does not store a transform that failed (its code names the file)', () => {
    const options = optionsFor('/head/src/broken.ts', `export const = ${JSON.stringify(randomUUID())};\n`);
    const file = track(transformCacheFile(options));
    expect(cachedTransform(options).code).toMatch(/__JITI_ERROR__/);
    expect(existsSync(file)).toBe(false);
  });

  it('does not store code that holds its location under a key that ignores it', () => {
    const options = optionsFor('/head/src/c.ts', `export const c = ${JSON.stringify(`/head/src/${randomUUID()}`)};\n`);
    const file = track(transformCacheFile(options));
    expect(cachedTransform(options).code).toMatch(/\/head\/src\//);
    expect(existsSync(file)).toBe(false);
  });

  it('loads the same module from two checkouts, each with its own import.meta', async () => {
    const marker = randomUUID();
    const values: unknown[] = [];
    for (const name of ['head', 'base']) {
      const root = mkdtempSync(path.join(tmpdir(), `npvguard-transform-${name}-`));
      folders.push(root);
      mkdirSync(path.join(root, 'src'));
      writeFileSync(path.join(root, 'src/where.ts'), `export const where = (): string => ${JSON.stringify(marker)} + import.meta.url;\n`);
      const { value } = await loadModuleExport(root, './src/where.ts#where', 'test');
      values.push((value as () => string)());
      expect(values.at(-1)).toBe(`${marker}file://${path.join(root, 'src/where.ts')}`);
    }
    expect(values[0]).not.toBe(values[1]);
  });
});
