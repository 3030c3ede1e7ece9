import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeBoundaries } from '../../src/checks/boundaries/index.js';
import { conditionalTarget, matchKey } from '../../src/checks/boundaries/resolve/packageImports.js';
import { copyFixture, listSourceFiles, loadFixtureConfig, runFixture, summarize } from './fixtureProject.js';

const scratch: string[] = [];
afterAll(() => scratch.forEach((folder) => fs.rmSync(folder, { recursive: true, force: true })));

/** The one real violation of the package-imports fixture: lib reads settings through `#settings`. */
const EXPECTED = ['boundaries/forbidden-import src/lib/versioned.ts:1'];

/** tests/boundaries/fixtures/package-imports: `#lib/*`, `#settings` and `#package.json` through package.json `imports`. */
describe('package.json imports', () => {
  it('nodenext: `#lib/*` and `#settings` land in their layers; `#package.json` is data, not a file in no layer', async () => {
    const { analysis, summary } = await runFixture('package-imports');
    expect(summary).toEqual(EXPECTED);
    // Nothing here imports fastify: no program is built for decorators.
    expect(analysis.stats.decorators).toBe('skipped');
    expect(analysis.findings[0]?.data).toMatchObject({ specifier: '#settings', target: 'src/settings/index.ts', fromLayer: 'lib', toLayer: 'settings' });
    const edges = analysis.edges.map((edge) => `${edge.from} → ${edge.to}`);
    expect(edges).toEqual(
      expect.arrayContaining(['src/routes/articles.ts → src/lib/slug.ts', 'src/routes/articles.ts → src/settings/index.ts', 'src/settings/index.ts → package.json']),
    );
  });

  it('node10, which ignores `imports`: the same targets, resolved by package.json as Node does', async () => {
    const { analysis, summary } = await runFixture('package-imports', { tsconfig: 'tsconfig.node10.json' });
    expect(summary).toEqual(EXPECTED);
    expect(analysis.edges.map((edge) => `${edge.from} → ${edge.to}`)).toEqual(
      expect.arrayContaining(['src/routes/articles.ts → src/lib/slug.ts', 'src/lib/versioned.ts → src/settings/index.ts']),
    );
  });

  it('built output without rootDir maps back to the sources, as the compiler takes its common folder', async () => {
    const root = copyFixture('package-imports');
    scratch.push(root);
    const tsconfig = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.json'), 'utf8')) as { compilerOptions: Record<string, unknown> };
    delete tsconfig.compilerOptions.rootDir;
    fs.writeFileSync(path.join(root, 'tsconfig.json'), JSON.stringify(tsconfig));
    // What `tsc` leaves in dist/: the compiler now resolves `#lib/slug` to dist/lib/slug.js.
    for (const file of ['dist/lib/slug.js', 'dist/lib/slug.d.ts', 'dist/settings/index.js', 'dist/settings/index.d.ts', 'dist/lib/versioned.js']) {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.writeFileSync(path.join(root, file), file.endsWith('.d.ts') ? 'export declare const x: string;\n' : 'export const x = "";\n');
    }
    const config = (await loadFixtureConfig(root)).boundaries;
    if (config === undefined) throw new Error('no config');
    const analysis = analyzeBoundaries({ root, files: listSourceFiles(root), config, cache: false });
    expect(summarize(analysis.findings)).toEqual(EXPECTED);
    expect(analysis.edges.map((edge) => edge.to)).not.toContain('dist/lib/slug.js');
  });

  it('a key that matches nothing is an unresolved import that says which package.json was read', async () => {
    const root = copyFixture('package-imports');
    scratch.push(root);
    fs.appendFileSync(path.join(root, 'src/routes/articles.ts'), "export { missing } from '#nowhere/thing';\n");
    const config = (await loadFixtureConfig(root)).boundaries;
    if (config === undefined) throw new Error('no config');
    const analysis = analyzeBoundaries({ root, files: listSourceFiles(root), config, cache: false, tsconfig: 'tsconfig.node10.json' });
    const unresolved = analysis.findings.filter((finding) => finding.ruleId === 'boundaries/unresolved-import');
    expect(unresolved).toHaveLength(1);
    expect(unresolved[0]?.message).toContain(`'#nowhere/thing' does not resolve through package.json \`imports\`: no key of \`imports\` in ${root}/package.json matches '#nowhere/thing'`);
  });
});

describe('package.json imports: key matching and conditions', () => {
  const segment = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/);

  it('an exact key wins over any pattern; a pattern gives back what its star matched', () => {
    fc.assert(
      fc.property(segment, segment, fc.array(segment, { minLength: 1, maxLength: 3 }), (scope, other, rest) => {
        const specifier = `#${scope}/${rest.join('/')}`;
        const keys = [`#${scope}/*`, `#${other}x/*`, specifier];
        expect(matchKey(specifier, keys)).toEqual({ key: specifier });
        expect(matchKey(specifier, keys.slice(0, 2))).toEqual({ key: `#${scope}/*`, wildcard: rest.join('/') });
      }),
    );
  });

  it('the pattern with the longest prefix wins, whatever the key order', () => {
    fc.assert(
      fc.property(segment, segment, segment, fc.boolean(), (first, second, leaf, reversed) => {
        const specifier = `#${first}/${second}/${leaf}`;
        const keys = [`#${first}/*`, `#${first}/${second}/*`];
        const match = matchKey(specifier, reversed ? [...keys].reverse() : keys);
        expect(match).toEqual({ key: `#${first}/${second}/*`, wildcard: leaf });
      }),
    );
  });

  it('a pattern with a suffix matches only specifiers ending with it', () => {
    expect(matchKey('#lib/slug.js', ['#lib/*.js'])).toEqual({ key: '#lib/*.js', wildcard: 'slug' });
    expect(matchKey('#lib/slug', ['#lib/*.js'])).toBeUndefined();
    expect(matchKey('#lib/', ['#lib/*'])).toBeUndefined();
  });

  it('conditions are taken in the target\'s order, nested and in arrays; unknown ones are skipped', () => {
    const conditions = new Set(['import', 'node', 'default']);
    expect(conditionalTarget({ require: './a.cjs', import: './a.js', default: './b.js' }, conditions)).toBe('./a.js');
    expect(conditionalTarget({ node: { require: './n.cjs' }, default: './d.js' }, conditions)).toBe('./d.js');
    expect(conditionalTarget([{ browser: './x.js' }, './y.js'], conditions)).toBe('./y.js');
    expect(conditionalTarget({ browser: './x.js' }, conditions)).toBeUndefined();
  });
});
