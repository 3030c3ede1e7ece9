import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BoundariesConfig } from '../../src/config.js';
import { NpvError } from '../../src/errors.js';
import { compileLayers, externalRuleFor, isEntryPoint, isIgnored, layerOf } from '../../src/layers/index.js';

const layerName = fc.stringMatching(/^[a-z][a-z0-9]{0,7}$/);
const segment = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/);

function expectNpvError(action: () => unknown, code: string, text: string): void {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(NpvError);
    expect((error as NpvError).code).toBe(code);
    expect((error as NpvError).message).toContain(text);
    return;
  }
  expect.unreachable(`expected ${code}`);
}

describe('layerOf', () => {
  it('maps a file under a layer folder to that layer', () => {
    fc.assert(
      fc.property(fc.uniqueArray(layerName, { minLength: 1, maxLength: 6 }), fc.nat(), fc.array(segment, { maxLength: 3 }), segment, (names, pick, inner, file) => {
        const layers = Object.fromEntries(names.map((name) => [name, `src/${name}/**`]));
        const policy = compileLayers({ layers, allow: {} });
        const chosen = names[pick % names.length] ?? '';
        expect(layerOf(policy, ['src', chosen, ...inner, `${file}.ts`].join('/'))?.layer).toBe(chosen);
      }),
    );
  });

  it('lets a single-file layer win over the folder layer around it, whatever the declaration order', () => {
    for (const layers of [
      { server: 'src/server/**', composition: 'src/server/app.ts' },
      { composition: 'src/server/app.ts', server: 'src/server/**' },
    ]) {
      const policy = compileLayers({ layers, allow: {} });
      expect(layerOf(policy, 'src/server/app.ts')).toMatchObject({ layer: 'composition', glob: 'src/server/app.ts', ambiguousWith: [] });
      expect(layerOf(policy, 'src/server/routes.ts')?.layer).toBe('server');
    }
  });

  it('picks the first declared layer when two match equally specifically, and says so', () => {
    const policy = compileLayers({ layers: { first: 'src/a/*.ts', second: 'src/a/*.ts' }, allow: {} });
    expect(layerOf(policy, 'src/a/x.ts')).toMatchObject({ layer: 'first', ambiguousWith: ['second'] });
  });

  it('returns undefined for a file in no layer', () => {
    const policy = compileLayers({ layers: { core: 'src/core/**' }, allow: {} });
    expect(layerOf(policy, 'src/other/x.ts')).toBeUndefined();
    expect(layerOf(policy, '../outside/x.ts')).toBeUndefined();
  });

  it('accepts several globs per layer', () => {
    const policy = compileLayers({ layers: { infra: ['src/clients/**', 'src/resilience/**'] }, allow: {} });
    expect(layerOf(policy, 'src/resilience/breaker.ts')?.layer).toBe('infra');
  });
});

describe('compileLayers validation', () => {
  const base: BoundariesConfig = { layers: { core: 'src/core/**', server: 'src/server/**' }, allow: {} };

  it.each([
    [{ ...base, allow: { server: ['pipeline'] } }, 'boundaries.allow.server[0] refers to unknown layer "pipeline"'],
    [{ ...base, allow: { web: ['core'] } }, 'boundaries.allow.web refers to unknown layer "web"'],
    [{ ...base, allowTypes: { server: ['domain'] } }, 'boundaries.allowTypes.server[0] refers to unknown layer "domain"'],
    [{ ...base, entryPoints: { clients: 'src/clients/index.ts' } }, 'boundaries.entryPoints.clients refers to unknown layer "clients"'],
    [{ ...base, externals: { 'node:*': ['clients'] } }, 'boundaries.externals["node:*"][0] refers to unknown layer "clients"'],
  ])('rejects unknown layer names with NPV1006 (%#)', (config, message) => {
    expectNpvError(() => compileLayers(config), 'NPV1006', message);
  });

  it('rejects an empty layer glob list with NPV1003', () => {
    expectNpvError(() => compileLayers({ layers: { core: [] }, allow: {} }), 'NPV1003', 'boundaries.layers.core');
  });

  it('defaults cycles to runtime and typeOnly to same-rules', () => {
    const policy = compileLayers(base);
    expect(policy.cycles).toBe('runtime');
    expect(policy.typeOnly).toBe('same-rules');
  });
});

describe('entry points, ignore and externals', () => {
  const policy = compileLayers({
    layers: { clients: 'src/clients/**', server: 'src/server/**' },
    allow: { server: ['clients'] },
    entryPoints: { clients: 'src/clients/index.ts' },
    externals: { 'node:*': ['clients'], 'node:crypto': ['server', 'clients'], '@fastify/*': ['server'], fastify: ['server'] },
    ignore: 'src/**/*.generated.ts',
  });

  it('treats only the declared files of a layer as its entry points', () => {
    expect(isEntryPoint(policy, 'clients', 'src/clients/index.ts')).toBe(true);
    expect(isEntryPoint(policy, 'clients', 'src/clients/model.ts')).toBe(false);
    expect(isEntryPoint(policy, 'server', 'src/server/anything.ts')).toBe(true);
  });

  it('matches ignore globs', () => {
    expect(isIgnored(policy, 'src/server/schema.generated.ts')).toBe(true);
    expect(isIgnored(policy, 'src/server/schema.ts')).toBe(false);
  });

  it('prefers an exact externals key over a glob, whatever the order', () => {
    expect(externalRuleFor(policy, 'node:crypto')?.pattern).toBe('node:crypto');
    expect(externalRuleFor(policy, 'node:fs')?.pattern).toBe('node:*');
    expect(externalRuleFor(policy, '@fastify/cors')?.pattern).toBe('@fastify/*');
    expect(externalRuleFor(policy, 'fastify')?.pattern).toBe('fastify');
    expect(externalRuleFor(policy, 'undici')).toBeUndefined();
  });
});
