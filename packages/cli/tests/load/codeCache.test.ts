import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { requireWithCodeCache, saveCodeCaches } from '../../src/modules/codeCache.js';

const folder = mkdtempSync(path.join(tmpdir(), 'npvguard-code-cache-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const require = createRequire(import.meta.url);

function writeModule(file: string, text: string): string {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

const cacheFolder = path.join(folder, 'node_modules', '.cache', 'npvguard');
const cacheFiles = (): string[] => readdirSync(cacheFolder).filter((name) => name.endsWith('.v8cache'));

describe('requireWithCodeCache', () => {
  it('loads a module once per thread, shared with require, and keeps its compiled code next to node_modules', () => {
    const file = writeModule(path.join(folder, 'node_modules', 'big', 'index.js'), "exports.twice = (x) => x * 2;\nexports.loadedAt = Symbol('load');\n");
    const loaded = requireWithCodeCache(file) as { twice(x: number): number; loadedAt: symbol };
    expect(loaded.twice(21)).toBe(42);
    // The same instance for require and for a second call: registered in require's cache.
    expect(require(file)).toBe(loaded);
    expect(requireWithCodeCache(file)).toBe(loaded);
    saveCodeCaches();
    const [cache] = cacheFiles();
    expect(cache).toMatch(/^index-[0-9a-f]{16}-main\.v8cache$/);
    expect(statSync(path.join(cacheFolder, cache as string)).size).toBeGreaterThan(0);
  });

  it('uses that cache next time rather than writing it again', () => {
    const file = path.join(folder, 'node_modules', 'big', 'index.js');
    const cache = path.join(cacheFolder, cacheFiles()[0] as string);
    const past = new Date(Date.now() - 60_000);
    utimesSync(cache, past, past);
    Reflect.deleteProperty(require.cache, file);
    const again = requireWithCodeCache(file) as { twice(x: number): number };
    expect(again.twice(2)).toBe(4);
    saveCodeCaches();
    // Accepted by V8, so nothing was left to save.
    expect(Math.abs(statSync(cache).mtimeMs - past.getTime())).toBeLessThan(1000);
  });

  it('writes the cache again once a run has compiled a good deal more than it held', () => {
    // A light first run (only `light`), then a run that also calls the large `heavy`.
    const statements = Array.from({ length: 400 }, (_, index) => `  total += Math.sqrt(x + ${index}) * ${index};`).join('\n');
    const file = writeModule(path.join(folder, 'node_modules', 'grows', 'index.js'), `exports.light = () => 1;\nexports.heavy = (x) => {\n  let total = 0;\n${statements}\n  return total;\n};\n`);
    const before = new Set(cacheFiles());
    (requireWithCodeCache(file) as { light(): number }).light();
    saveCodeCaches();
    const [written] = cacheFiles().filter((name) => !before.has(name));
    const cache = path.join(cacheFolder, written as string);
    const thin = statSync(cache).size;
    Reflect.deleteProperty(require.cache, file);
    (requireWithCodeCache(file) as { heavy(x: number): number }).heavy(1);
    saveCodeCaches();
    expect(statSync(cache).size).toBeGreaterThan(thin * 1.1);
  });

  it('falls back to a plain require for a module outside node_modules', () => {
    const file = writeModule(path.join(folder, 'plain', 'index.js'), 'exports.value = 7;\n');
    expect((requireWithCodeCache(file) as { value: number }).value).toBe(7);
    expect(require(file)).toEqual({ value: 7 });
  });
});
