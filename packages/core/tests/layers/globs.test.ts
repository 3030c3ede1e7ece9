import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareSpecificity, compileGlob, globSpecificity, normalizeGlob } from '../../src/layers/index.js';

const segment = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/);

describe('compileGlob', () => {
  it('matches files under a folder glob and nothing outside it', () => {
    const glob = compileGlob('src/server/**');
    expect(glob.matches('src/server/app.ts')).toBe(true);
    expect(glob.matches('src/server/routes/npv.ts')).toBe(true);
    expect(glob.matches('src/serverless/app.ts')).toBe(false);
    expect(glob.matches('lib/server/app.ts')).toBe(false);
  });

  it('treats ./ prefixes and trailing slashes as folder globs', () => {
    expect(normalizeGlob('./src/core/')).toBe('src/core/**');
    expect(compileGlob('./src/core/').matches('src/core/deadline.ts')).toBe(true);
  });

  it('matches dot files, so no file silently escapes a layer', () => {
    expect(compileGlob('src/**').matches('src/.generated/x.ts')).toBe(true);
  });

  it('any file generated under a folder matches that folder glob', () => {
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 3 }), fc.array(segment, { maxLength: 4 }), segment, (folder, inner, name) => {
        const glob = compileGlob(`${folder.join('/')}/**`);
        expect(glob.matches([...folder, ...inner, `${name}.ts`].join('/'))).toBe(true);
      }),
    );
  });
});

describe('globSpecificity', () => {
  it('counts leading literal segments first', () => {
    expect(globSpecificity('src/server/**')).toEqual([2, 2, 9]);
    expect(globSpecificity('src/server/app.ts')).toEqual([3, 3, 15]);
    expect(globSpecificity('src/**/app.ts')).toEqual([1, 2, 9]);
  });

  it('ranks a file inside a folder glob above the folder glob', () => {
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 3 }), fc.array(segment, { maxLength: 3 }), segment, (folder, inner, name) => {
        const folderGlob = `${folder.join('/')}/**`;
        const fileGlob = [...folder, ...inner, `${name}.ts`].join('/');
        expect(compareSpecificity(globSpecificity(fileGlob), globSpecificity(folderGlob))).toBeGreaterThan(0);
      }),
    );
  });

  it('is antisymmetric', () => {
    const glob = fc.array(fc.oneof(segment, fc.constant('*'), fc.constant('**')), { minLength: 1, maxLength: 5 }).map((parts) => parts.join('/'));
    fc.assert(
      fc.property(glob, glob, (left, right) => {
        const forward = Math.sign(compareSpecificity(globSpecificity(left), globSpecificity(right)));
        const backward = Math.sign(compareSpecificity(globSpecificity(right), globSpecificity(left)));
        expect(forward + backward).toBe(0);
      }),
    );
  });
});

describe('compileGlob agrees with picomatch', () => {
  const part = fc.oneof(fc.stringMatching(/^[a-z]{1,4}$/), fc.constantFrom('*', '**', '?x', '{a,b}', '[ab]', '.hidden', '@(a|b)', '!(a)'));
  const glob = fc.array(part, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('/'));
  const path = fc.array(fc.oneof(fc.stringMatching(/^[a-z]{1,4}$/), fc.constantFrom('a', 'b', '.hidden', 'ax', 'bx')), { minLength: 1, maxLength: 5 }).map((parts) => parts.join('/'));

  it('matches exactly the paths picomatch matches (dot files included)', async () => {
    const { default: picomatch } = await import('picomatch');
    fc.assert(
      fc.property(glob, path, (pattern, file) => {
        expect(compileGlob(pattern).matches(file)).toBe(picomatch(pattern, { dot: true })(file));
      }),
      { numRuns: 500 },
    );
  });
});
