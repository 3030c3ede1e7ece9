import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { externalPackageName, isBuiltinSpecifier, isRelativeSpecifier } from '../../src/layers/index.js';

describe('externalPackageName', () => {
  it.each([
    ['fs', 'node:fs'],
    ['node:fs', 'node:fs'],
    ['fs/promises', 'node:fs'],
    ['node:fs/promises', 'node:fs'],
    ['node:test', 'node:test'],
    ['fastify', 'fastify'],
    ['@fastify/type-provider-typebox', '@fastify/type-provider-typebox'],
    ['@scope/name/deep/file.js', '@scope/name'],
    ['undici/types', 'undici'],
  ])('%s → %s', (specifier, name) => {
    expect(externalPackageName(specifier)).toBe(name);
  });

  it('drops any subpath of a scoped or plain package', () => {
    const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/).filter((value) => !isBuiltinSpecifier(value));
    fc.assert(
      fc.property(fc.option(name, { nil: undefined }), name, fc.array(name, { maxLength: 3 }), (scope, packageName, subpath) => {
        const base = scope === undefined ? packageName : `@${scope}/${packageName}`;
        expect(externalPackageName([base, ...subpath].join('/'))).toBe(base);
      }),
    );
  });
});

describe('specifier kinds', () => {
  it('tells relative specifiers from bare ones', () => {
    expect(isRelativeSpecifier('./a.js')).toBe(true);
    expect(isRelativeSpecifier('../a.js')).toBe(true);
    expect(isRelativeSpecifier('..')).toBe(true);
    expect(isRelativeSpecifier('a')).toBe(false);
    expect(isRelativeSpecifier('@a/b')).toBe(false);
  });

  it('knows bare and prefixed builtins', () => {
    expect(isBuiltinSpecifier('crypto')).toBe(true);
    expect(isBuiltinSpecifier('node:sqlite')).toBe(true);
    expect(isBuiltinSpecifier('crypto-js')).toBe(false);
  });
});
