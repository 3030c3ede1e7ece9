import { describe, expect, it } from 'vitest';
import { docsUrlFor, errorDocsLine, errorDocsPath, errorDocsUrl, pluginRuleDocsUrl } from '../src/index.js';

describe('docsUrlFor', () => {
  it('points at the rule\'s own page', () => {
    expect(docsUrlFor('boundaries/forbidden-import')).toBe('https://github.com/npvguard/npvguard/blob/main/docs/rules/boundaries/forbidden-import.md');
    expect(docsUrlFor('contracts/response-property-removed')).toBe('https://github.com/npvguard/npvguard/blob/main/docs/rules/contracts/response-property-removed.md');
    expect(docsUrlFor('baseline/stale-entry')).toBe('https://github.com/npvguard/npvguard/blob/main/docs/rules/baseline/stale-entry.md');
  });

  it('points an ESLint plugin rule at the plugin\'s page of it', () => {
    expect(docsUrlFor('lint/npvguard/require-timeout')).toBe('https://github.com/npvguard/npvguard/blob/main/packages/eslint-plugin/docs/rules/require-timeout.md');
    expect(pluginRuleDocsUrl('require-timeout')).toBe(docsUrlFor('lint/npvguard/require-timeout'));
  });

  it('points at the check doc alone for a bare check id', () => {
    expect(docsUrlFor('latency')).toBe('https://github.com/npvguard/npvguard/blob/main/docs/checks/latency.md');
  });

  it('builds error anchors in lowercase', () => {
    expect(errorDocsPath('NPV1003')).toBe('docs/errors.md#npv1003');
    expect(errorDocsUrl('NPV1003')).toBe('https://github.com/npvguard/npvguard/blob/main/docs/errors.md#npv1003');
    expect(errorDocsLine('NPV1003')).toBe('run `npvguard explain NPV1003`, or see https://github.com/npvguard/npvguard/blob/main/docs/errors.md#npv1003');
  });
});
