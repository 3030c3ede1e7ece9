import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NpvError } from '@npvguard/core';
import { validateGitRef } from '../../src/base/ref.js';

function rejection(ref: string): string | undefined {
  try {
    validateGitRef(ref);
    return undefined;
  } catch (error) {
    if (error instanceof NpvError) return error.code;
    throw error;
  }
}

describe('validateGitRef', () => {
  it('accepts branch, tag, remote, commit and relative revisions', () => {
    for (const ref of ['main', 'origin/main', 'v1.2.3', 'feature/x-y_z', 'HEAD~1', 'HEAD^2', 'main@{1}', '4b825dc642cb6eb9a060e54bf8d69288fbee4904']) {
      expect(rejection(ref)).toBeUndefined();
    }
  });

  it('rejects shell metacharacters, options and ranges with NPV2004', () => {
    for (const ref of ['main; rm -rf /', '$(touch x)', '`id`', 'a|b', 'a&b', 'a b', "it's", '-p', '--output=x', '..', 'a..b', 'main...dev', '', 'x.lock', 'a\nb']) {
      expect(rejection(ref)).toBe('NPV2004');
    }
  });

  it('rejects every string holding a character outside the safe set', () => {
    const unsafe = fc.constantFrom(' ', ';', '&', '|', '$', '`', '(', ')', '<', '>', '"', "'", '\\', '\n', '*', '?', '[', '!', '#', '=', ':');
    fc.assert(
      fc.property(fc.string(), unsafe, fc.string(), (before, character, after) => {
        expect(rejection(`${before}${character}${after}`)).toBe('NPV2004');
      }),
    );
  });

  it('never throws anything but NPV2004', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (ref) => {
        expect([undefined, 'NPV2004']).toContain(rejection(ref));
      }),
    );
  });
});
