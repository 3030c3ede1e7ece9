import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALIASES, coverageRows, OASDIFF_LEVELS } from '../../../../scripts/lib/contractCoverage.js';
import { CHANGE_KINDS, isChangeId } from '../../src/checks/contracts/diff/catalogue.js';
import { REPO_ROOT } from '../support/cli.js';

describe('coverage of oasdiff\'s check ids', () => {
  it('the rule pages, the change-id list and the coverage table are what scripts/contract-pages.ts writes', () => {
    const run = (): string => execFileSync(process.execPath, [path.join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/contract-pages.ts', '--check'], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(run()).toMatch(/^checked \d+ rule pages/);
  });

  it('lists every oasdiff id once, and every alias names an id npvguard reports', () => {
    const rows = coverageRows();
    expect(rows.map((row) => row.id)).toEqual([...OASDIFF_LEVELS.keys()]);
    expect(rows.length).toBeGreaterThan(500);
    for (const [id, alias] of Object.entries(ALIASES)) {
      expect(OASDIFF_LEVELS.has(id), id).toBe(true);
      expect(isChangeId(alias.id), alias.id).toBe(true);
      expect(isChangeId(id), `${id} is reported with its own id, so it needs no alias`).toBe(false);
    }
  });

  it('an id npvguard shares with oasdiff is in the catalogue with a level', () => {
    const levels = new Map(CHANGE_KINDS.map((kind) => [kind.id, kind.level]));
    for (const row of coverageRows().filter((candidate) => candidate.status === 'same id')) expect(levels.get(row.id), row.id).toMatch(/^(error|warning|info)$/);
  });
});
