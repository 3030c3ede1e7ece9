import { describe, expect, it } from 'vitest';
import { CHECKS } from '../../src/checks/index.js';
import { boundariesCheck } from '../../src/checks/boundaries/index.js';

describe('the check registry', () => {
  it('registers checks with unique ids and rule ids prefixed by their check', () => {
    const ids = CHECKS.map((check) => check.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const check of CHECKS) {
      for (const rule of check.meta.rules) expect(rule.id.startsWith(`${check.id}/`)).toBe(true);
    }
  });

  it('describes the boundaries check exactly as the check itself does, though it loads it lazily', () => {
    const registered = CHECKS.find((check) => check.id === 'boundaries');
    expect(registered?.meta).toBe(boundariesCheck.meta);
    const configs = [{}, { boundaries: { layers: { a: 'a/**' }, allow: {} } }];
    for (const config of configs) {
      expect(registered?.isConfigured?.(config)).toBe(boundariesCheck.isConfigured?.(config) ?? config.boundaries !== undefined);
    }
  });
});
