import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { absolutePath, isInside, relativePath } from '../../src/checks/boundaries/resolve/paths.js';

const segment = fc.oneof(fc.stringMatching(/^[a-zA-Z0-9_-]{1,8}(\.[a-z]{1,3})?$/), fc.constantFrom('.', '..', '.hidden', 'a.b.ts', ''));
const relative = fc.array(segment, { minLength: 1, maxLength: 6 }).map((parts) => parts.join('/'));
const root = fc.array(fc.stringMatching(/^[a-z0-9-]{1,6}$/), { minLength: 1, maxLength: 4 }).map((parts) => `/${parts.join('/')}`);

describe('path helpers (fast paths agree with node:path)', () => {
  it('absolutePath equals path.resolve', () => {
    fc.assert(
      fc.property(root, relative, (base, file) => {
        expect(absolutePath(base, file)).toBe(path.posix.resolve(base, file));
      }),
    );
  });

  it('relativePath equals path.relative and inverts absolutePath', () => {
    fc.assert(
      fc.property(root, relative, (base, file) => {
        const absolute = path.posix.resolve(base, file);
        expect(relativePath(base, absolute)).toBe(path.posix.relative(base, absolute));
        expect(path.posix.resolve(base, relativePath(base, absolute))).toBe(absolute);
      }),
    );
  });

  it('isInside holds exactly for paths strictly below the folder', () => {
    fc.assert(
      fc.property(root, relative, (base, file) => {
        const absolute = path.posix.resolve(base, file);
        const below = path.posix.relative(base, absolute);
        expect(isInside(base, absolute)).toBe(below !== '' && !below.startsWith('..'));
      }),
    );
  });
});
