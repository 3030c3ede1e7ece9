import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeBoundaries } from '../../src/checks/boundaries/index.js';
import { listSourceFiles } from './fixtureProject.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
const CHECK = 'packages/cli/src/checks/boundaries';

describe('the boundaries check\'s own stages', () => {
  it('import the shared types and support code, never each other; only the runner composes them', () => {
    const stage = ['types', 'support', 'core'];
    const analysis = analyzeBoundaries({
      root: REPO_ROOT,
      files: listSourceFiles(REPO_ROOT, [CHECK, 'packages/cli/src/modules', 'packages/cli/src/shared', 'packages/core/src']),
      config: {
        layers: {
          runner: `${CHECK}/*.ts`,
          types: `${CHECK}/types.ts`,
          extract: `${CHECK}/extract/**`,
          resolve: `${CHECK}/resolve/**`,
          decorators: `${CHECK}/decorators/**`,
          judge: [`${CHECK}/judge/**`, `${CHECK}/graph/**`],
          cache: `${CHECK}/cache/**`,
          support: ['packages/cli/src/modules/**', 'packages/cli/src/shared/**'],
          core: 'packages/core/src/**',
        },
        allow: { extract: stage, resolve: stage, decorators: stage, judge: stage, cache: stage, runner: ['extract', 'resolve', 'decorators', 'judge', 'cache', ...stage], types: ['core'], support: ['core'], core: [] },
        cycles: 'all',
      },
      cache: false,
    });
    const misplaced = analysis.findings.filter((finding) => finding.file.startsWith(`${CHECK}/`));
    expect(misplaced.map((finding) => `${finding.ruleId} ${finding.file}:${finding.line}`)).toEqual([]);
  });
});
