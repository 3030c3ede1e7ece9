import { describe, expect, it } from 'vitest';
import { runFixture } from './fixtureProject.js';

/** One fixture folder per scenario (tests/boundaries/fixtures/<scenario>), run as it is on disk. */
describe('boundaries scenarios', () => {
  it('forbidden-import: a route imports a client; the allowed imports pass', async () => {
    const { analysis, summary } = await runFixture('forbidden-import');
    expect(summary).toEqual(['boundaries/forbidden-import src/server/routes.ts:3']);
    const [finding] = analysis.findings;
    expect(finding).toMatchObject({
      column: 1,
      endLine: 3,
      endColumn: 57,
      message:
        "src/server/routes.ts:3 imports src/clients/modelClient.ts (layer clients) at runtime: `import { ModelClient } from '../clients/modelClient.js';`. Rule: layer server may import: pipeline, domain.",
      hint: 'Depend on an interface from a layer server may import (pipeline, domain) and let a layer allowed to import clients pass the implementation in.',
      fingerprintParts: ['boundaries/forbidden-import', 'src/server/routes.ts', 'import', '../clients/modelClient.js'],
      data: { specifier: '../clients/modelClient.js', form: 'import', kind: 'runtime', target: 'src/clients/modelClient.ts', fromLayer: 'server', toLayer: 'clients' },
    });
  });

  it('private-import: bypassing the entry point of a layer with entryPoints', async () => {
    const { analysis, summary } = await runFixture('private-import');
    expect(summary).toEqual(['boundaries/private-import src/server/route.ts:2']);
    expect(analysis.findings[0]?.message).toBe(
      "src/server/route.ts:2 imports src/pipeline/steps.ts, a private file of layer pipeline, at runtime: `import { dedupe } from '../pipeline/steps.js';`. Rule: layer pipeline is imported only through its entry point src/pipeline/index.ts (boundaries.entryPoints.pipeline).",
    );
    expect(analysis.findings[0]?.hint).toBe('Import it from src/pipeline/index.ts, exporting it there if it is meant to be public.');
  });

  it('external-not-allowed: builtins with and without node:, an exact key beating node:*', async () => {
    const { analysis, summary } = await runFixture('external-not-allowed');
    expect(summary).toEqual(['boundaries/external-not-allowed src/domain/query.ts:1', 'boundaries/external-not-allowed src/experiments/bucket.ts:2']);
    expect(analysis.findings.map((finding) => finding.data?.package)).toEqual(['node:fs', 'node:timers']);
    expect(analysis.findings[0]?.message).toBe(
      "src/domain/query.ts:1 imports package node:fs at runtime: `import { readFileSync } from 'fs';`. Rule: boundaries.externals[\"node:*\"] allows node:fs only in layer clients.",
    );
  });

  it('cycle: one finding per strongly connected group, every edge listed, the fewest edges to cut marked', async () => {
    const { analysis, summary } = await runFixture('runtime-cycle');
    expect(summary).toEqual(['boundaries/cycle src/components/a.ts:2']);
    const [finding] = analysis.findings;
    expect(finding?.message).toBe(
      'Import cycle of runtime imports through 3 files: src/components/a.ts:2 → src/components/b.ts (cut here), src/components/b.ts:1 → src/components/a.ts, ' +
        "src/components/b.ts:2 → src/components/c.ts, src/components/c.ts:1 → src/components/a.ts. Rule: boundaries.cycles: 'runtime' forbids cycles of runtime imports.",
    );
    expect(finding?.hint).toBe(
      'Break the cycle at the edge marked "cut here" (src/components/a.ts:2 → src/components/b.ts): move what both sides need into a module they can both import, or make the import type-only.',
    );
    expect(finding?.data?.files).toEqual(['src/components/a.ts', 'src/components/b.ts', 'src/components/c.ts']);
    expect(finding?.fingerprintParts).toEqual(['boundaries/cycle', 'src/components/a.ts', 'src/components/b.ts', 'src/components/c.ts']);
  });

  it("cycle: a cycle closed only by a type-only import is not reported under cycles: 'runtime'", async () => {
    const { summary } = await runFixture('type-only-cycle');
    expect(summary).toEqual([]);
  });

  it("cycle: the same type-only cycle is reported under cycles: 'all', its type edge marked", async () => {
    const { analysis, summary } = await runFixture('type-only-cycle', { config: { cycles: 'all' } });
    expect(summary).toEqual(['boundaries/cycle src/core/component.ts:1']);
    expect(analysis.findings[0]?.message).toContain('src/core/component.ts:1 → src/core/runner.ts (type-only)');
  });

  it("cycle: cycles: 'off' reports none", async () => {
    const { summary } = await runFixture('runtime-cycle', { config: { cycles: 'off' } });
    expect(summary).toEqual([]);
  });

  it('type-only edges: a value import used only as a type, and inline type specifiers, pass allowTypes', async () => {
    const { analysis, summary } = await runFixture('type-usage');
    expect(summary).toEqual(['boundaries/forbidden-import src/components/filter.ts:1']);
    const kinds = Object.fromEntries(analysis.edges.map((edge) => [edge.from, edge.kind]));
    expect(kinds).toEqual({ 'src/components/filter.ts': 'runtime', 'src/components/scorer.ts': 'type', 'src/components/selector.ts': 'type' });
    expect(analysis.findings[0]?.hint).toBe('Layer components may import layer experiments for types only: use `import type` and no runtime value from it.');
  });

  it('type-only edges: under verbatimModuleSyntax those imports stay in the output, so they are runtime', async () => {
    const { analysis, summary } = await runFixture('type-usage', { tsconfig: 'tsconfig.verbatim.json' });
    expect(summary).toEqual([
      'boundaries/forbidden-import src/components/filter.ts:1',
      'boundaries/forbidden-import src/components/scorer.ts:1',
      'boundaries/forbidden-import src/components/selector.ts:1',
    ]);
    expect(analysis.edges.every((edge) => edge.kind === 'runtime')).toBe(true);
  });

  it('unresolved-import: a missing relative file, a package not installed, a non-literal dynamic import', async () => {
    const { analysis, summary } = await runFixture('unresolved-import');
    expect(summary).toEqual([
      'boundaries/unresolved-import src/server/app.ts:2',
      'boundaries/unresolved-import src/server/app.ts:3',
      'boundaries/unresolved-import src/server/app.ts:6',
    ]);
    expect(analysis.findings.map((finding) => finding.message)).toEqual([
      "src/server/app.ts:2 imports './missing.js', which does not resolve: no file found for './missing.js' next to app.ts (tried the TypeScript and JavaScript extensions and index files): `import { missing } from './missing.js';`. Rule: every import must resolve, so no dependency escapes the layer rules.",
      "src/server/app.ts:3 imports 'npvguard-package-that-is-not-installed', which does not resolve: 'npvguard-package-that-is-not-installed' matches no tsconfig paths entry, no workspace package and no installed package: `import { helper } from 'npvguard-package-that-is-not-installed';`. Rule: every import must resolve, so no dependency escapes the layer rules.",
      'src/server/app.ts:6 imports a module named by an expression, which is not statically resolvable: `import(`./plugins/${name}.js`)`. Rule: every import must resolve, so no dependency escapes the layer rules.',
    ]);
    expect(analysis.findings[2]).toMatchObject({ column: 33, hint: 'Import string literals (one `import()` per module) so each dependency can be checked.' });
  });

  it('unassigned-file: a file in no layer is reported, and importing it is forbidden', async () => {
    const { analysis, summary } = await runFixture('unassigned-file');
    expect(summary).toEqual(['boundaries/forbidden-import src/server/view.ts:2', 'boundaries/unassigned-file src/utils/format.ts:1']);
    expect(analysis.findings[1]?.message).toBe(
      'src/utils/format.ts is in no layer. Rule: every analysed file must match a glob under boundaries.layers, so its imports can be checked.',
    );
    expect(analysis.findings[0]?.message).toContain('src/utils/format.ts is in no layer, and imports are denied unless a layer allows them');
  });

  it('unassigned-file: boundaries.ignore takes a file out of the analysis and out of the rules', async () => {
    const { summary } = await runFixture('unassigned-file', { config: { ignore: 'src/utils/**' } });
    expect(summary).toEqual([]);
  });

  it('parse-error: reported at the first syntax error; the run goes on and other findings stay', async () => {
    const { analysis, summary } = await runFixture('parse-error');
    expect(summary).toEqual([
      'boundaries/forbidden-import src/server/broken.ts:1',
      'boundaries/parse-error src/server/broken.ts:4',
      'boundaries/forbidden-import src/server/fine.ts:1',
    ]);
    const parseError = analysis.findings[1];
    expect(parseError?.message).toMatch(/^src\/server\/broken\.ts:4 does not parse: .+\(\d+ syntax errors in the file\)\. Rule: files must parse/);
    // An import of a file that does not parse is read as runtime: its uses cannot be trusted.
    expect(analysis.findings[0]?.data?.kind).toBe('runtime');
  });

  it('tsconfig paths: aliases resolve to the files they map to', async () => {
    const { analysis, summary } = await runFixture('paths-alias');
    expect(summary).toEqual(['boundaries/forbidden-import src/components/hydrator.ts:2']);
    expect(analysis.findings[0]?.data).toMatchObject({ specifier: '@clients/catalog.js', target: 'src/clients/catalog.ts' });
    expect(analysis.edges).toContainEqual({ from: 'src/components/hydrator.ts', to: 'src/domain/card.ts', kind: 'type', line: 1 });
  });

  it('workspace package: an import by package name resolves to the package source, not to its unbuilt dist', async () => {
    const { analysis, summary } = await runFixture('workspace-package', { folders: ['packages'] });
    expect(summary).toEqual(['boundaries/forbidden-import packages/core/src/debug.ts:1']);
    expect(analysis.findings[0]?.data).toMatchObject({ specifier: '@fx/app', target: 'packages/app/src/index.ts', fromLayer: 'core', toLayer: 'app' });
    expect(analysis.edges).toContainEqual({ from: 'packages/app/src/index.ts', to: 'packages/core/src/index.ts', kind: 'runtime', line: 1 });
  });

  it('dynamic import() and require() with literals are edges like any other', async () => {
    const { analysis, summary } = await runFixture('dynamic-require');
    expect(summary).toEqual(['boundaries/forbidden-import src/components/scorer.ts:6', 'boundaries/forbidden-import src/components/scorer.ts:7']);
    expect(analysis.findings.map((finding) => finding.data?.form)).toEqual(['dynamic-import', 'require']);
    expect(analysis.findings.map((finding) => finding.column)).toEqual([27, 27]);
  });

  it('barrel: export * from forwards an edge, judged at the re-export line; importing the barrel passes', async () => {
    const { analysis, summary } = await runFixture('barrel');
    expect(summary).toEqual(['boundaries/forbidden-import src/api/index.ts:2']);
    expect(analysis.findings[0]?.message).toContain("`export * from '../db/queries.js';`");
    expect(analysis.edges).toContainEqual({ from: 'src/ui/page.ts', to: 'src/api/index.ts', kind: 'runtime', line: 1 });
  });

  it('paths restrict the reported findings, not the analysis', async () => {
    const { analysis, summary } = await runFixture('parse-error', { paths: ['src/server/fine.ts'] });
    expect(summary).toEqual(['boundaries/forbidden-import src/server/fine.ts:1']);
    expect(analysis.edges).toHaveLength(2);
  });

  it('a cycle is reported when any of its files is among the paths, at that file\'s first edge', async () => {
    const { summary } = await runFixture('runtime-cycle', { paths: ['src/components/c.ts'] });
    expect(summary).toEqual(['boundaries/cycle src/components/c.ts:1']);
    expect((await runFixture('runtime-cycle', { paths: ['src/components/leaf.ts'] })).summary).toEqual([]);
  });
});
