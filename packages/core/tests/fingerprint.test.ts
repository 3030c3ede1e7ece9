import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FINGERPRINT_LENGTH, fingerprint } from '../src/index.js';

describe('fingerprint', () => {
  it('is a short lowercase hex string', () => {
    expect(fingerprint('boundaries/forbidden-import', 'src/a.ts', ['server', 'clients'])).toMatch(/^[0-9a-f]{16}$/);
    expect(FINGERPRINT_LENGTH).toBe(16);
  });

  it('is stable across calls (it is stored in baselines)', () => {
    expect(fingerprint('r/x', 'a.ts', ['m'])).toBe(fingerprint('r/x', 'a.ts', ['m']));
  });

  it('separates rule, file and parts unambiguously', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.array(fc.string()), fc.array(fc.string()), (rule, file, left, right) => {
        fc.pre(JSON.stringify(left) !== JSON.stringify(right));
        expect(fingerprint(rule, file, left)).not.toBe(fingerprint(rule, file, right));
      }),
    );
    expect(fingerprint('r/x', 'a.ts', ['a b'])).not.toBe(fingerprint('r/x', 'a.ts', ['a', 'b']));
    expect(fingerprint('r/x', 'a.ts', [])).not.toBe(fingerprint('r/x', 'b.ts', []));
    expect(fingerprint('r/x', 'a.ts', [])).not.toBe(fingerprint('r/y', 'a.ts', []));
  });
});
