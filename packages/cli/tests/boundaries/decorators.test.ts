import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeBoundaries } from '../../src/checks/boundaries/index.js';
import { REPO_ROOT } from '../support/cli.js';
import { copyFixture, listSourceFiles, loadFixtureConfig, runFixture, summarize } from './fixtureProject.js';

const scratch: string[] = [];
/** Building the program is the slow part: the fixture is analysed once for the tests that only read the result. */
let fixtureRun: ReturnType<typeof runFixture> | undefined;
const decoratorLayers = (): ReturnType<typeof runFixture> => (fixtureRun ??= runFixture('decorator-layers'));
afterAll(() => scratch.forEach((folder) => fs.rmSync(folder, { recursive: true, force: true })));

/**
 * tests/boundaries/fixtures/decorator-layers: routes → repositories → db, wired through fastify decorators
 * (`fastify-plugin` and two plugin packages are small declarations in the fixture's node_modules).
 */
describe('boundaries through fastify decorators', () => {
  it('reports each route that reaches the db layer through the instance, however the use is written, and nothing else', async () => {
    const { summary } = await decoratorLayers();
    expect(summary).toEqual([
      'boundaries/unresolved-decorator src/plugins/support/dynamic.ts:4',
      'boundaries/forbidden-import src/routes/bypass/constantKey.ts:6',
      'boundaries/forbidden-import src/routes/bypass/destructured.ts:4',
      'boundaries/forbidden-import src/routes/bypass/direct.ts:5',
      'boundaries/forbidden-import src/routes/bypass/viaRequest.ts:4',
      'boundaries/forbidden-import src/routes/bypass/viaThis.ts:5',
      'boundaries/external-not-allowed src/routes/clock.ts:4',
      'boundaries/external-not-allowed src/routes/clock.ts:4',
      'boundaries/unresolved-decorator src/routes/flags.ts:4',
    ]);
  });

  it('places the finding on the use, names the provider and its layer, and keeps the import hint', async () => {
    const { analysis } = await decoratorLayers();
    const direct = analysis.findings.find((finding) => finding.file === 'src/routes/bypass/direct.ts');
    expect(direct).toMatchObject({
      ruleId: 'boundaries/forbidden-import',
      line: 5,
      column: 24,
      endLine: 5,
      endColumn: 36,
      message:
        'src/routes/bypass/direct.ts:5 uses decorator `knex` of the fastify instance, provided by src/plugins/db/database.ts (layer db): `fastify.knex` (used again on line 6). Rule: layer routes may import: repositories, auth.',
      hint: 'Depend on an interface from a layer routes may import (repositories, auth) and let a layer allowed to import db pass the implementation in.',
      fingerprintParts: ['boundaries/forbidden-import', 'src/routes/bypass/direct.ts', 'decorator', 'instance', 'knex', 'src/plugins/db/database.ts'],
      data: { kind: 'decorator', decorator: 'knex', decorates: 'instance', uses: 2, target: 'src/plugins/db/database.ts', fromLayer: 'routes', toLayer: 'db' },
    });
  });

  it('sees request.server, destructuring, `this` in a handler and a constant key as uses of the same decorator', async () => {
    const { analysis } = await decoratorLayers();
    const byFile = new Map(analysis.findings.map((finding) => [finding.file, finding]));
    expect(byFile.get('src/routes/bypass/viaRequest.ts')).toMatchObject({ line: 4, column: 22, message: expect.stringContaining('`request.server.knex`') });
    expect(byFile.get('src/routes/bypass/destructured.ts')).toMatchObject({ line: 4, column: 11, message: expect.stringContaining('`knex: database`') });
    expect(byFile.get('src/routes/bypass/viaThis.ts')).toMatchObject({ line: 5, column: 12, message: expect.stringContaining('`this.knex`') });
    expect(byFile.get('src/routes/bypass/constantKey.ts')).toMatchObject({ line: 6, column: 34, message: expect.stringContaining('`server[CONNECTION]`') });
    // The provider names its decorator through a constant too: every use above found it.
    for (const file of ['viaRequest', 'destructured', 'viaThis', 'constantKey']) {
      expect(byFile.get(`src/routes/bypass/${file}.ts`)?.data).toMatchObject({ kind: 'decorator', target: 'src/plugins/db/database.ts' });
    }
  });

  it('lets a route use the repository and request decorators its layer may use, as decorator edges', async () => {
    const { analysis } = await decoratorLayers();
    expect(analysis.findings.filter((finding) => finding.file.startsWith('src/routes/notes/') || finding.file.startsWith('src/repositories/'))).toEqual([]);
    const decoratorEdges = analysis.edges.filter((edge) => edge.kind === 'decorator').map((edge) => `${edge.from}:${edge.line} → ${edge.to}`);
    expect(decoratorEdges).toEqual(
      expect.arrayContaining([
        'src/repositories/notes.ts:13 → src/plugins/db/database.ts',
        'src/routes/notes/index.ts:5 → src/plugins/auth/user.ts',
        'src/routes/notes/index.ts:6 → src/repositories/notes.ts',
      ]),
    );
    // The provider's own uses (an onClose hook reading instance.knex) are no edge to itself.
    expect(decoratorEdges.filter((edge) => edge.startsWith('src/plugins/db/'))).toEqual([]);
  });

  it('is no edge for a local object called fastify, or a parameter of another type, with a knex property', async () => {
    const { analysis } = await decoratorLayers();
    expect(analysis.findings.filter((finding) => finding.file === 'src/routes/lookalike.ts')).toEqual([]);
    expect(analysis.edges.filter((edge) => edge.from === 'src/routes/lookalike.ts')).toEqual([]);
  });

  it('attributes plugin-provided decorators to their package, so externals apply', async () => {
    const { analysis } = await decoratorLayers();
    const clock = analysis.findings.filter((finding) => finding.file === 'src/routes/clock.ts');
    expect(clock.map((finding) => [finding.column, finding.data?.package])).toEqual([
      [44, '@acme/fastify-clock'],
      [89, '@acme/fastify-settings'],
    ]);
    expect(clock[0]?.message).toBe(
      'src/routes/clock.ts:4 uses decorator `clock` of the fastify instance, provided by package @acme/fastify-clock (@acme/fastify-clock declares it in its types): `fastify.clock`. Rule: boundaries.externals["@acme/fastify-clock"] allows @acme/fastify-clock only in layer support.',
    );
    expect(clock[1]?.message).toContain('provided by package @acme/fastify-settings (src/plugins/support/settings.ts declares it and hands the instance to plugin @acme/fastify-settings)');
  });

  it('reports a decorator nobody provides, and a decorate call whose name is not a constant, as info with the reason', async () => {
    const { analysis } = await decoratorLayers();
    const unresolved = analysis.findings.filter((finding) => finding.ruleId === 'boundaries/unresolved-decorator');
    expect(unresolved.map((finding) => finding.message)).toEqual([
      'src/plugins/support/dynamic.ts:4 decorates with a name that is not a constant string: `app.decorate(name, value)`. Rule: every decorator must be known by name, so the files that use it can be checked against the layers.',
      'src/routes/flags.ts:4 uses decorator `featureFlags` of the fastify instance, whose provider is unknown: src/plugins/support/flags.ts declares `featureFlags` but no project file decorates it, and src/plugins/support/flags.ts registers no plugin package: `fastify.featureFlags`. Rule: every capability a file takes from fastify must come from a known file or package, so the layer rules can judge it.',
    ]);
    expect(unresolved[1]?.hint).toBe(
      "Decorate `featureFlags` in a project file with `decorate('featureFlags', …)`, or register the plugin package that provides it from the file that declares it, so the dependency can be traced.",
    );
  });

  it('counts decorator uses in the layer graph, apart from imports', async () => {
    const { analysis } = await decoratorLayers();
    expect(analysis.graph.layerEdges.find((edge) => edge.from === 'routes' && edge.to === 'db')).toEqual({ from: 'routes', to: 'db', runtime: 0, typeOnly: 0, decorator: 5, forbidden: 5 });
    expect(analysis.graph.layerEdges.find((edge) => edge.from === 'repositories' && edge.to === 'db')).toEqual({ from: 'repositories', to: 'db', runtime: 0, typeOnly: 0, decorator: 1, forbidden: 0 });
  });

  it('with decorators off, the same bypasses pass: only imports are seen', async () => {
    const root = path.join(path.dirname(new URL(import.meta.url).pathname), 'fixtures', 'decorator-layers');
    const config = (await loadFixtureConfig(root)).boundaries;
    if (config === undefined) throw new Error('no config');
    const analysis = analyzeBoundaries({ root, files: listSourceFiles(root), config, cache: false, decorators: false });
    expect(summarize(analysis.findings)).toEqual([]);
    expect(analysis.edges.some((edge) => edge.kind === 'decorator')).toBe(false);
    expect(analysis.stats.decorators).toBe('off');
  });

  it('reuses the decorator analysis while no file changes, and redoes it when one does', async () => {
    const root = copyFixture('decorator-layers');
    scratch.push(root);
    // The copy lives outside the repository: give it fastify's types as an installed package.
    fs.symlinkSync(path.join(REPO_ROOT, 'node_modules', 'fastify'), path.join(root, 'node_modules', 'fastify'), 'dir');
    const config = (await loadFixtureConfig(path.join(REPO_ROOT, 'packages/cli/tests/boundaries/fixtures/decorator-layers'))).boundaries;
    if (config === undefined) throw new Error('no config');
    const cache = { directory: path.join(root, '.cache-for-test') };
    const run = () => analyzeBoundaries({ root, files: listSourceFiles(root), config, cache });

    const cold = run();
    expect(cold.stats).toMatchObject({ cache: 'cold', decorators: 'built' });
    expect(summarize(cold.findings)).toContain('boundaries/forbidden-import src/routes/bypass/direct.ts:5');
    const warm = run();
    expect(warm.stats).toMatchObject({ cache: 'warm', decorators: 'cached' });
    expect(warm.findings).toEqual(cold.findings);

    const direct = path.join(root, 'src/routes/bypass/direct.ts');
    fs.writeFileSync(direct, fs.readFileSync(direct, 'utf8').replaceAll('fastify.knex.query', 'fastify.notesRepository.list'));
    const edited = run();
    expect(edited.stats.decorators).toBe('built');
    expect(summarize(edited.findings)).not.toContain('boundaries/forbidden-import src/routes/bypass/direct.ts:5');
    expect(summarize(edited.findings)).toHaveLength(summarize(cold.findings).length - 1);
  });

  it('says so, rather than passing, when fastify\'s types cannot be found', async () => {
    const root = copyFixture('decorator-layers');
    scratch.push(root);
    const config = (await loadFixtureConfig(path.join(REPO_ROOT, 'packages/cli/tests/boundaries/fixtures/decorator-layers'))).boundaries;
    if (config === undefined) throw new Error('no config');
    // Outside the repository nothing installs fastify: only the fixture's own plugin declarations are there.
    const analysis = analyzeBoundaries({ root, files: listSourceFiles(root), config, cache: false });
    const untyped = analysis.findings.filter((finding) => finding.ruleId === 'boundaries/unresolved-decorator' && finding.data?.untyped === true);
    expect(untyped.map((finding) => finding.file)).toContain('src/routes/bypass/direct.ts');
    expect(untyped[0]?.message).toMatch(/imports fastify, but fastify's type declarations cannot be found from it/);
    expect(summarize(analysis.findings)).not.toContain('boundaries/forbidden-import src/routes/bypass/direct.ts:5');
  });
});
