import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateConfig } from '@npvguard/core';
import { CHECKS } from '../../src/checks/index.js';
import { INTEGRITY_SECTION } from '../../src/checks/integrity/config.js';
import { LINT_SECTION } from '../../src/checks/lint/config.js';
import { REPO_ROOT } from '../support/cli.js';

const sections = CHECKS.flatMap((check) => (check.config === undefined ? [] : [check.config]));

const configurationDoc = readFileSync(path.join(REPO_ROOT, 'docs', 'configuration.md'), 'utf8');

describe('the lint and integrity config sections', () => {
  it('are documented key by key in docs/configuration.md', () => {
    for (const key of [...LINT_SECTION.keys, ...INTEGRITY_SECTION.keys]) expect(configurationDoc).toContain(`| \`${key}\` |`);
  });

  it('validate into exactly what was given', () => {
    const config = validateConfig(
      {
        lint: { config: 'eslint.config.js', rules: { 'no-console': 'error', eqeqeq: ['warn', 'always'], 'no-debugger': 0 } },
        integrity: { tests: 'tests/**', contractSnapshots: ['contracts/*.json'], routes: 'src/server/**', acknowledgements: 'suppressions.json', ignore: ['src/generated/**'] },
      },
      { file: 'npvguard.config.ts', sections },
    );
    expect(config.lint).toEqual({ config: 'eslint.config.js', rules: { 'no-console': 'error', eqeqeq: ['warn', 'always'], 'no-debugger': 0 } });
    expect(config.integrity).toEqual({ tests: 'tests/**', contractSnapshots: ['contracts/*.json'], routes: 'src/server/**', acknowledgements: 'suppressions.json', ignore: ['src/generated/**'] });
  });

  it('reject wrong values with the path', () => {
    const cases: [unknown, string, string][] = [
      [{ lint: [] }, 'NPV1003', 'lint'],
      [{ lint: { config: '' } }, 'NPV1003', 'lint.config'],
      [{ lint: { rules: { eqeqeq: [] } } }, 'NPV1003', 'lint.rules.eqeqeq'],
      [{ lint: { rules: { eqeqeq: 3 } } }, 'NPV1003', 'lint.rules.eqeqeq'],
      [{ integrity: { tests: [] } }, 'NPV1003', 'integrity.tests'],
      [{ integrity: { routes: '../elsewhere/**' } }, 'NPV1003', 'integrity.routes'],
      [{ integrity: { snapshots: 'x' } }, 'NPV1004', 'integrity.snapshots'],
    ];
    for (const [value, code, where] of cases) {
      expect(() => validateConfig(value, { file: 'c.ts', sections })).toThrow(expect.objectContaining({ code, details: expect.objectContaining({ path: where }) }));
    }
  });
});
