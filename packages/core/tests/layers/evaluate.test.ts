import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileLayers, evaluateImport, isAllowed, type ImportKind } from '../../src/layers/index.js';

const layerName = fc.stringMatching(/^[a-z][a-z0-9]{0,7}$/);
const kind = fc.constantFrom<ImportKind>('runtime', 'type');

/** A random policy: distinct folder layers and a random allow graph over them. */
const randomPolicy = fc
  .uniqueArray(layerName, { minLength: 2, maxLength: 6 })
  .chain((names) =>
    fc.record({
      names: fc.constant(names),
      allow: fc.array(fc.subarray(names), { minLength: names.length, maxLength: names.length }),
      allowTypes: fc.array(fc.subarray(names), { minLength: names.length, maxLength: names.length }),
      typeOnly: fc.constantFrom<'same-rules' | 'allowed'>('same-rules', 'allowed'),
      from: fc.nat({ max: names.length - 1 }),
      to: fc.nat({ max: names.length - 1 }),
    }),
  )
  .map(({ names, allow, allowTypes, typeOnly, from, to }) => ({
    config: {
      layers: Object.fromEntries(names.map((name) => [name, `src/${name}/**`])),
      allow: Object.fromEntries(names.map((name, index) => [name, allow[index] ?? []])),
      allowTypes: Object.fromEntries(names.map((name, index) => [name, allowTypes[index] ?? []])),
      typeOnly,
    },
    from: names[from] ?? '',
    to: names[to] ?? '',
  }));

describe('evaluateImport properties', () => {
  it('always allows an import inside one layer', () => {
    fc.assert(
      fc.property(randomPolicy, kind, ({ config, from }, importKind) => {
        const verdict = evaluateImport(compileLayers(config), { fromFile: `src/${from}/a.ts`, toFile: `src/${from}/b.ts`, kind: importKind });
        expect(verdict).toMatchObject({ allowed: true, fromLayer: from, toLayer: from });
      }),
    );
  });

  it("always allows type-only imports under typeOnly: 'allowed'", () => {
    fc.assert(
      fc.property(randomPolicy, ({ config, from, to }) => {
        const policy = compileLayers({ ...config, typeOnly: 'allowed' });
        expect(evaluateImport(policy, { fromFile: `src/${from}/a.ts`, toFile: `src/${to}/b.ts`, kind: 'type' }).allowed).toBe(true);
      }),
    );
  });

  it('denies a runtime import between layers unless allow lists the target', () => {
    fc.assert(
      fc.property(randomPolicy, ({ config, from, to }) => {
        fc.pre(from !== to);
        const verdict = evaluateImport(compileLayers(config), { fromFile: `src/${from}/a.ts`, toFile: `src/${to}/b.ts`, kind: 'runtime' });
        const listed = (config.allow[from] ?? []).includes(to);
        expect(verdict.allowed).toBe(listed);
        if (!listed) {
          expect(verdict.ruleId).toBe('boundaries/forbidden-import');
          expect(verdict.reason).toMatch(new RegExp(`^layer ${from} may import[: ]`));
          expect(verdict.allowedInstead).not.toBe('');
        }
      }),
    );
  });

  it('allows a type-only import under same-rules exactly when allow or allowTypes lists the target', () => {
    fc.assert(
      fc.property(randomPolicy, ({ config, from, to }) => {
        fc.pre(from !== to);
        const policy = compileLayers({ ...config, typeOnly: 'same-rules' });
        const listed = (config.allow[from] ?? []).includes(to) || (config.allowTypes[from] ?? []).includes(to);
        expect(evaluateImport(policy, { fromFile: `src/${from}/a.ts`, toFile: `src/${to}/b.ts`, kind: 'type' }).allowed).toBe(listed);
        expect(isAllowed(policy, from, to, 'type')).toBe(listed);
      }),
    );
  });

  it('never allows a runtime import that a type-only import of the same pair would be denied', () => {
    fc.assert(
      fc.property(randomPolicy, ({ config, from, to }) => {
        const policy = compileLayers(config);
        if (isAllowed(policy, from, to, 'runtime')) expect(isAllowed(policy, from, to, 'type')).toBe(true);
      }),
    );
  });
});

describe('evaluateImport verdicts', () => {
  const policy = compileLayers({
    layers: { server: 'src/server/**', pipeline: 'src/pipeline/**', domain: 'src/domain/**', clients: 'src/clients/**', experiments: 'src/experiments/**' },
    allow: { server: ['pipeline', 'domain'], clients: ['domain'] },
    allowTypes: { server: ['experiments'] },
    entryPoints: { pipeline: 'src/pipeline/index.ts' },
    externals: { 'node:*': ['clients'], fastify: ['server'] },
  });

  it('names the allowed layers when an import is forbidden', () => {
    expect(evaluateImport(policy, { fromFile: 'src/server/routes.ts', toFile: 'src/clients/model.ts', kind: 'runtime' })).toEqual({
      allowed: false,
      ruleId: 'boundaries/forbidden-import',
      reason: 'layer server may import: pipeline, domain plus, for types only, experiments',
      allowedInstead: 'depend on an interface from a layer server may import (pipeline, domain) and let a layer allowed to import clients pass the implementation in',
      fromLayer: 'server',
      toLayer: 'clients',
    });
  });

  it('suggests import type when only the runtime import is forbidden', () => {
    const verdict = evaluateImport(policy, { fromFile: 'src/server/routes.ts', toFile: 'src/experiments/assign.ts', kind: 'runtime' });
    expect(verdict.ruleId).toBe('boundaries/forbidden-import');
    expect(verdict.allowedInstead).toContain('use `import type`');
    expect(evaluateImport(policy, { fromFile: 'src/server/routes.ts', toFile: 'src/experiments/assign.ts', kind: 'type' }).allowed).toBe(true);
  });

  it('reports a private import that bypasses the entry point, and allows the entry point', () => {
    expect(evaluateImport(policy, { fromFile: 'src/server/routes.ts', toFile: 'src/pipeline/steps.ts', kind: 'runtime' })).toMatchObject({
      allowed: false,
      ruleId: 'boundaries/private-import',
      allowedInstead: 'import it from src/pipeline/index.ts, exporting it there if it is meant to be public',
    });
    expect(evaluateImport(policy, { fromFile: 'src/server/routes.ts', toFile: 'src/pipeline/index.ts', kind: 'runtime' }).allowed).toBe(true);
    expect(evaluateImport(policy, { fromFile: 'src/pipeline/index.ts', toFile: 'src/pipeline/steps.ts', kind: 'runtime' }).allowed).toBe(true);
  });

  it('denies imports into files of no layer', () => {
    expect(evaluateImport(policy, { fromFile: 'src/server/routes.ts', toFile: 'src/misc/util.ts', kind: 'type' })).toMatchObject({
      allowed: false,
      ruleId: 'boundaries/forbidden-import',
      reason: 'src/misc/util.ts is in no layer, and imports are denied unless a layer allows them',
    });
  });

  it('says plainly when a layer may import no other layer', () => {
    const verdict = evaluateImport(policy, { fromFile: 'src/domain/card.ts', toFile: 'src/clients/model.ts', kind: 'runtime' });
    expect(verdict.reason).toBe('layer domain may import no other layer');
    expect(verdict.allowedInstead).toBe(
      'keep layer domain independent of layer clients: take what it needs as a parameter or an interface declared in domain, and let a layer allowed to import clients pass it in',
    );
  });

  it('does not judge imports made by a file of no layer', () => {
    expect(evaluateImport(policy, { fromFile: 'src/misc/util.ts', toFile: 'src/clients/model.ts', kind: 'runtime' }).allowed).toBe(true);
  });

  it('applies externals rules to builtins written with or without node:', () => {
    for (const toPackage of ['fs', 'node:fs', 'fs/promises']) {
      expect(evaluateImport(policy, { fromFile: 'src/domain/card.ts', toPackage, kind: 'runtime' })).toMatchObject({
        allowed: false,
        ruleId: 'boundaries/external-not-allowed',
        packageName: 'node:fs',
        reason: 'boundaries.externals["node:*"] allows node:fs only in layer clients',
      });
    }
    expect(evaluateImport(policy, { fromFile: 'src/clients/store.ts', toPackage: 'node:fs', kind: 'runtime' }).allowed).toBe(true);
  });

  it('keeps type-only external imports under the same rules by default', () => {
    expect(evaluateImport(policy, { fromFile: 'src/domain/card.ts', toPackage: 'fastify', kind: 'type' }).ruleId).toBe('boundaries/external-not-allowed');
    const lenient = compileLayers({ layers: { domain: 'src/domain/**' }, allow: {}, externals: { fastify: [] }, typeOnly: 'allowed' });
    expect(evaluateImport(lenient, { fromFile: 'src/domain/card.ts', toPackage: 'fastify', kind: 'type' }).allowed).toBe(true);
  });

  it('allows packages no externals rule mentions', () => {
    expect(evaluateImport(policy, { fromFile: 'src/domain/card.ts', toPackage: 'typebox', kind: 'runtime' })).toMatchObject({ allowed: true, packageName: 'typebox' });
  });
});
