import path from 'node:path';
import type { CheckContext, FindingInput, NpvConfig } from '@npvguard/core';
import { NpvError } from '@npvguard/core';
import { describe, expect, it } from 'vitest';
import { boundariesCheck } from '../../src/checks/boundaries/check.js';
import { createChangeSource } from '../../src/base/changeSource.js';
import { isConfigured } from '../../src/run/selectChecks.js';
import { FIXTURES, listSourceFiles, loadFixtureConfig, summarize } from './fixtureProject.js';

interface Captured {
  findings: FindingInput[];
  data: Record<string, unknown>[];
}

async function runCheck(fixture: string, overrides: Partial<CheckContext> = {}): Promise<Captured> {
  const root = path.join(FIXTURES, fixture);
  const captured: Captured = { findings: [], data: [] };
  const context: CheckContext = {
    root,
    config: await loadFixtureConfig(root),
    files: listSourceFiles(root),
    paths: [],
    rules: boundariesCheck.meta.rules,
    change: createChangeSource(root, undefined),
    signal: new AbortController().signal,
    report: (finding) => captured.findings.push(finding),
    setData: (data) => captured.data.push(data),
    ...overrides,
  };
  await boundariesCheck.run(context);
  return captured;
}

describe('boundariesCheck.run', () => {
  it('reports the findings of the analysis through the context', async () => {
    const { findings } = await runCheck('forbidden-import');
    expect(summarize(findings)).toEqual(['boundaries/forbidden-import src/server/routes.ts:3']);
  });

  it('gives the layer graph for the report: files per layer, runtime / type-only / forbidden counts per layer pair', async () => {
    const { data } = await runCheck('forbidden-import');
    expect(data).toHaveLength(1);
    expect(data[0]?.layers).toEqual([
      { name: 'server', files: ['src/server/routes.ts'] },
      { name: 'pipeline', files: ['src/pipeline/rank.ts'] },
      { name: 'domain', files: ['src/domain/card.ts'] },
      { name: 'clients', files: ['src/clients/modelClient.ts'] },
    ]);
    expect(data[0]?.layerEdges).toEqual([
      { from: 'clients', to: 'domain', runtime: 0, typeOnly: 1, decorator: 0, forbidden: 0 },
      { from: 'pipeline', to: 'domain', runtime: 0, typeOnly: 1, decorator: 0, forbidden: 0 },
      { from: 'server', to: 'clients', runtime: 1, typeOnly: 0, decorator: 0, forbidden: 1 },
      { from: 'server', to: 'domain', runtime: 0, typeOnly: 1, decorator: 0, forbidden: 0 },
      { from: 'server', to: 'pipeline', runtime: 1, typeOnly: 0, decorator: 0, forbidden: 0 },
    ]);
  });

  it('restricts reported findings to ctx.paths (files or folders)', async () => {
    const fine = await runCheck('parse-error', { paths: ['src/server/fine.ts'] });
    expect(summarize(fine.findings)).toEqual(['boundaries/forbidden-import src/server/fine.ts:1']);
    const folder = await runCheck('parse-error', { paths: ['src/server/'] });
    expect(folder.findings).toHaveLength(3);
    const elsewhere = await runCheck('parse-error', { paths: ['src/clients'] });
    expect(elsewhere.findings).toEqual([]);
  });

  it('uses ctx.config.tsconfig for resolution', async () => {
    const root = path.join(FIXTURES, 'type-usage');
    const config: NpvConfig = { ...(await loadFixtureConfig(root)), tsconfig: 'tsconfig.verbatim.json' };
    const { findings } = await runCheck('type-usage', { config });
    expect(findings).toHaveLength(3);
  });

  it('fails with NPV1008 rather than passing when the config has no boundaries section', async () => {
    await expect(runCheck('forbidden-import', { config: {} })).rejects.toSatisfy((error: unknown) => error instanceof NpvError && error.code === 'NPV1008');
  });

  it('declares every rule it reports, with a description and the docs page', () => {
    expect(boundariesCheck.id).toBe('boundaries');
    expect(boundariesCheck.meta.docs).toBe('checks/boundaries.md');
    expect(boundariesCheck.meta.rules.map((rule) => rule.id)).toEqual([
      'boundaries/forbidden-import',
      'boundaries/private-import',
      'boundaries/external-not-allowed',
      'boundaries/cycle',
      'boundaries/unresolved-import',
      'boundaries/unassigned-file',
      'boundaries/parse-error',
      'boundaries/unresolved-decorator',
    ]);
    expect(boundariesCheck.config?.key).toBe('boundaries');
    expect(isConfigured(boundariesCheck, { boundaries: { layers: {}, allow: {} } })).toBe(true);
    expect(isConfigured(boundariesCheck, {})).toBe(false);
  });
});
