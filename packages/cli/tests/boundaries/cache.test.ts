import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeBoundaries, type BoundariesAnalysis } from '../../src/checks/boundaries/index.js';
import { copyFixture, listSourceFiles, loadFixtureConfig } from './fixtureProject.js';

const scratch: string[] = [];
afterAll(() => scratch.forEach((folder) => fs.rmSync(folder, { recursive: true, force: true })));

/** A scratch copy of a fixture and a function that analyses it with the cache on. */
async function project(name: string, cache: 'default' | 'separate' = 'separate') {
  const root = copyFixture(name);
  scratch.push(root);
  const config = await loadFixtureConfig(root);
  const boundaries = config.boundaries;
  if (boundaries === undefined) throw new Error('fixture without boundaries config');
  const cacheDirectory = path.join(root, '.cache-for-test');
  const analyze = (): BoundariesAnalysis =>
    analyzeBoundaries({ root, files: listSourceFiles(root), config: boundaries, cache: cache === 'default' ? true : { directory: cacheDirectory } });
  return { root, analyze };
}

/** Moves a file's modification time back, so the cache's size-and-time shortcut would trust it. */
function age(file: string, seconds = 60): void {
  const past = new Date(Date.now() - seconds * 1000);
  fs.utimesSync(file, past, past);
}

function ageAll(root: string): void {
  for (const file of listSourceFiles(root)) age(path.join(root, file));
}

describe('boundaries cache', () => {
  it('gives identical findings on a second run, read from the cache', async () => {
    const { analyze } = await project('runtime-cycle');
    const first = analyze();
    const second = analyze();
    expect(first.stats).toMatchObject({ cache: 'cold', files: 4, filesParsed: 4, filesFromCache: 0, resolutionsComputed: 5, resolutionsFromCache: 0 });
    // Nothing changed: every file reuses its whole analysis, so not even a resolution is looked up.
    expect(second.stats).toMatchObject({ cache: 'warm', files: 4, filesAnalysed: 0, filesParsed: 0, filesFromCache: 4, resolutionsComputed: 0, resolutionsFromCache: 0 });
    expect(second.findings).toEqual(first.findings);
    expect(second.edges).toEqual(first.edges);
  });

  it('skips reading files whose size and modification time are unchanged (and old enough to trust)', async () => {
    const { root, analyze } = await project('runtime-cycle');
    ageAll(root);
    analyze();
    expect(analyze().stats).toMatchObject({ filesRead: 0, filesFromCache: 4 });
  });

  it('re-reads a file changed within the time stamp margin even if its size and time match', async () => {
    const { root, analyze } = await project('runtime-cycle');
    analyze();
    const file = path.join(root, 'src/components/leaf.ts');
    const { mtime, size } = fs.statSync(file);
    // Same length, same time stamp, different content: only a content hash can tell.
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('fallback()', 'fallbacc()'));
    fs.utimesSync(file, mtime, mtime);
    expect(fs.statSync(file).size).toBe(size);
    const second = analyze();
    expect(second.stats.filesRead).toBe(4);
    expect(second.stats.filesParsed).toBe(1);
  });

  it('an edited file invalidates only itself', async () => {
    const { root, analyze } = await project('forbidden-import');
    ageAll(root);
    const first = analyze();
    expect(first.findings.map((finding) => finding.line)).toEqual([3]);
    const routes = path.join(root, 'src/server/routes.ts');
    fs.writeFileSync(routes, `// handlers for the NPV route\n${fs.readFileSync(routes, 'utf8')}`);
    const second = analyze();
    expect(second.stats).toMatchObject({ cache: 'warm', filesRead: 1, filesAnalysed: 1, filesParsed: 1, filesFromCache: 3, resolutionsComputed: 0 });
    expect(second.findings.map((finding) => `${finding.file}:${finding.line}`)).toEqual(['src/server/routes.ts:4']);
  });

  it('resolves a new specifier of an edited file and keeps the other resolutions', async () => {
    const { root, analyze } = await project('forbidden-import');
    analyze();
    const rank = path.join(root, 'src/pipeline/rank.ts');
    fs.writeFileSync(rank, `import { ModelClient } from '../clients/modelClient.js';\n${fs.readFileSync(rank, 'utf8')}\nexport const client = new ModelClient();\n`);
    const second = analyze();
    expect(second.stats).toMatchObject({ filesAnalysed: 1, filesParsed: 1, resolutionsComputed: 1, resolutionsFromCache: 1 });
    expect(second.findings.map((finding) => `${finding.file}:${finding.line}`)).toEqual(['src/pipeline/rank.ts:1', 'src/server/routes.ts:3']);
  });

  it('re-judges every file, without parsing any, when the boundaries config changes', async () => {
    const { root } = await project('forbidden-import');
    const config = (await loadFixtureConfig(root)).boundaries;
    if (config === undefined) throw new Error('no config');
    const run = (boundaries: typeof config) => analyzeBoundaries({ root, files: listSourceFiles(root), config: boundaries, cache: { directory: path.join(root, '.cache-for-test') } });
    expect(run(config).findings).toHaveLength(1);
    const widened = run({ ...config, allow: { ...config.allow, server: ['pipeline', 'domain', 'clients'] } });
    expect(widened.stats).toMatchObject({ cache: 'warm', filesAnalysed: 4, filesParsed: 0, resolutionsComputed: 0 });
    expect(widened.findings).toEqual([]);
    expect(run(config).findings).toHaveLength(1);
  });

  it('drops every cached resolution when a file is added or removed, but keeps extractions', async () => {
    const { root, analyze } = await project('unresolved-import');
    analyze();
    fs.writeFileSync(path.join(root, 'src/server/missing.ts'), 'export const missing = 1;\n');
    const second = analyze();
    expect(second.stats).toMatchObject({ cache: 'warm', filesParsed: 1, filesFromCache: 2, resolutionsFromCache: 0, resolutionsComputed: 3 });
    expect(second.findings.map((finding) => finding.line)).toEqual([3, 6]);
  });

  it('starts over when the tsconfig changes', async () => {
    const { root, analyze } = await project('type-usage');
    expect(analyze().findings).toHaveLength(1);
    const tsconfig = path.join(root, 'tsconfig.json');
    const parsed = JSON.parse(fs.readFileSync(tsconfig, 'utf8'));
    parsed.compilerOptions.verbatimModuleSyntax = true;
    fs.writeFileSync(tsconfig, JSON.stringify(parsed));
    const second = analyze();
    expect(second.stats).toMatchObject({ cache: 'invalidated', filesParsed: 4, resolutionsFromCache: 0 });
    expect(second.findings).toHaveLength(3);
  });

  it('starts over when a package.json changes', async () => {
    const { root } = await project('workspace-package');
    const run = () => analyzeBoundaries({ root, files: listSourceFiles(root, ['packages']), config: { layers: { app: 'packages/app/src/**', core: 'packages/core/src/**' }, allow: { app: ['core'] } }, cache: { directory: path.join(root, '.cache-for-test') } });
    expect(run().stats.cache).toBe('cold');
    expect(run().stats.cache).toBe('warm');
    const manifest = path.join(root, 'packages/core/package.json');
    fs.writeFileSync(manifest, fs.readFileSync(manifest, 'utf8').replace('"1.0.0"', '"1.1.0"'));
    expect(run().stats.cache).toBe('invalidated');
  });

  it('writes an edit to a small delta file and leaves the cache file alone', async () => {
    const { root, analyze } = await project('forbidden-import');
    analyze();
    const folder = path.join(root, '.cache-for-test');
    const [cacheFile = ''] = fs.readdirSync(folder);
    const before = fs.readFileSync(path.join(folder, cacheFile), 'utf8');
    const routes = path.join(root, 'src/server/routes.ts');
    fs.writeFileSync(routes, `// edited\n${fs.readFileSync(routes, 'utf8')}`);
    expect(analyze().stats.filesParsed).toBe(1);
    expect(fs.readdirSync(folder).sort()).toEqual([cacheFile, cacheFile.replace('.json', '.delta.json')].sort());
    expect(fs.readFileSync(path.join(folder, cacheFile), 'utf8')).toBe(before);
    // The next run reads both: nothing is parsed again, findings moved with the edit.
    const third = analyze();
    expect(third.stats).toMatchObject({ cache: 'warm', filesParsed: 0, filesFromCache: 4 });
    expect(third.findings.map((finding) => finding.line)).toEqual([4]);
  });

  it('folds the delta into a rewritten cache file when resolutions must be redone', async () => {
    const { root, analyze } = await project('forbidden-import');
    analyze();
    const folder = path.join(root, '.cache-for-test');
    const routes = path.join(root, 'src/server/routes.ts');
    fs.writeFileSync(routes, `// edited\n${fs.readFileSync(routes, 'utf8')}`);
    analyze();
    expect(fs.readdirSync(folder)).toHaveLength(2);
    fs.writeFileSync(path.join(root, 'src/domain/market.ts'), 'export const market = "SE";\n');
    const third = analyze();
    expect(third.stats).toMatchObject({ filesParsed: 1, resolutionsFromCache: 0 });
    expect(fs.readdirSync(folder)).toHaveLength(1);
    expect(analyze().stats).toMatchObject({ filesParsed: 0, resolutionsComputed: 0 });
  });

  it('ignores a delta file written against an older cache file', async () => {
    const { root, analyze } = await project('forbidden-import');
    analyze();
    const folder = path.join(root, '.cache-for-test');
    const routes = path.join(root, 'src/server/routes.ts');
    fs.writeFileSync(routes, `// edited\n${fs.readFileSync(routes, 'utf8')}`);
    analyze();
    const [cacheFile = ''] = fs.readdirSync(folder).filter((name) => !name.includes('.delta.'));
    const content = JSON.parse(fs.readFileSync(path.join(folder, cacheFile), 'utf8'));
    fs.writeFileSync(path.join(folder, cacheFile), JSON.stringify({ ...content, writtenAt: content.writtenAt + 1 }));
    // Without the delta, the edited file is unknown to the cache and parsed again.
    expect(analyze().stats.filesParsed).toBe(1);
  });

  it('treats an unreadable cache file as no cache', async () => {
    const { root, analyze } = await project('barrel');
    const first = analyze();
    const [cacheFile] = fs.readdirSync(path.join(root, '.cache-for-test'));
    fs.writeFileSync(path.join(root, '.cache-for-test', cacheFile ?? ''), '{"format": 4, "key": tru');
    const second = analyze();
    expect(second.stats.cache).toBe('cold');
    expect(second.findings).toEqual(first.findings);
  });

  it('fails with NPV9001 rather than reporting a wrong graph when a cached snapshot points at no file', async () => {
    const { root, analyze } = await project('forbidden-import');
    analyze();
    const folder = path.join(root, '.cache-for-test');
    const [cacheFile = ''] = fs.readdirSync(folder);
    const content = JSON.parse(fs.readFileSync(path.join(folder, cacheFile), 'utf8'));
    content.snapshots['src/server/routes.ts'].e[0][0] = 999;
    fs.writeFileSync(path.join(folder, cacheFile), JSON.stringify(content));
    expect(() => analyze()).toThrow(expect.objectContaining({ code: 'NPV9001' }));
  });

  it('lives under node_modules/.cache/npvguard, creating it when the project has no node_modules', async () => {
    const { root, analyze } = await project('barrel', 'default');
    // The scratch copy sits in the temp folder, outside any node_modules.
    const result = analyze();
    expect(path.dirname(result.stats.cacheFile ?? '')).toBe(path.join(root, 'node_modules', '.cache', 'npvguard'));
    expect(fs.existsSync(result.stats.cacheFile ?? '')).toBe(true);
    expect(path.basename(result.stats.cacheFile ?? '')).toMatch(/^boundaries-[0-9a-f]{16}\.json$/);
  });

  it('can be turned off', async () => {
    const { root } = await project('barrel');
    const config = (await loadFixtureConfig(root)).boundaries;
    if (config === undefined) throw new Error('no config');
    const result = analyzeBoundaries({ root, files: listSourceFiles(root), config, cache: false });
    expect(result.stats.cache).toBe('off');
    expect(result.stats.cacheFile).toBeUndefined();
    expect(fs.existsSync(path.join(root, 'node_modules'))).toBe(false);
  });
});
