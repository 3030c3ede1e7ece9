import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BOUNDARIES_RULES } from '@npvguard/core';
import { describe, expect, it } from 'vitest';
import { analyzeBoundaries } from '../../src/checks/boundaries/index.js';
import { listSourceFiles } from './fixtureProject.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');

describe('the CLI\'s own sources', () => {
  it('import each other in no cycle, type-only imports included', () => {
    const analysis = analyzeBoundaries({
      root: REPO_ROOT,
      files: listSourceFiles(REPO_ROOT, ['packages/cli/src']),
      config: { layers: { cli: 'packages/cli/src/**' }, allow: { cli: [] }, cycles: 'all' },
      cache: false,
    });
    // Type-only edges are counted: the graph must have them for this test to mean anything.
    expect(analysis.edges.some((edge) => edge.kind === 'type')).toBe(true);
    const cycles = analysis.findings.filter((finding) => finding.ruleId === BOUNDARIES_RULES.cycle);
    expect(cycles.map((finding) => finding.message)).toEqual([]);
  });
});
