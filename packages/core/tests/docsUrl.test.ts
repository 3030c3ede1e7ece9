import { describe, expect, it } from 'vitest';
import { docsUrlFor, errorDocsPath } from '../src/index.js';

describe('docsUrlFor', () => {
  it('points at the check doc and the rule anchor', () => {
    expect(docsUrlFor('boundaries/forbidden-import')).toBe(
      'https://github.com/npvguard/npvguard/blob/main/docs/checks/boundaries.md#forbidden-import',
    );
  });

  it('points at the check doc alone for a bare check id', () => {
    expect(docsUrlFor('latency')).toBe('https://github.com/npvguard/npvguard/blob/main/docs/checks/latency.md');
  });

  it('builds error anchors in lowercase', () => {
    expect(errorDocsPath('NPV1003')).toBe('docs/errors.md#npv1003');
  });
});
