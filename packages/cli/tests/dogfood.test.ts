import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Result } from '@npvguard/core';
import { describe, expect, it } from 'vitest';
import type { LayerEdgeCount } from '../src/checks/boundaries/types.js';
import { main } from '../src/main.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

async function checkJson(cwd: string): Promise<{ code: number; result: Result; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'npvguard', 'check', '--only', 'boundaries', '--format', 'json'], {
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    env: {},
    cwd,
  });
  return { code, result: JSON.parse(stdout) as Result, stderr };
}

describe('npvguard checks its own packages (root npvguard.config.ts)', () => {
  it('passes: every tool package builds on core and core depends on none of them', async () => {
    const { code, result, stderr } = await checkJson(repoRoot);
    expect(stderr).toBe('');
    // Only what the baseline file accepts, with its reason: a worker thread imports the module a check names, and
    // the lint check imports the ESLint the checked project has installed, contracts the zod it has installed.
    expect(result.findings.map((finding) => `${finding.ruleId} ${finding.file} ${finding.baseline ?? 'new'}`)).toEqual([
      'boundaries/unresolved-import packages/cli/src/checks/contracts/load/schemaConverter.ts file',
      'boundaries/unresolved-import packages/cli/src/checks/lint/createEslint.ts file',
      'boundaries/unresolved-import packages/cli/src/run/threads/serveChecks.ts file',
    ]);
    expect(code).toBe(0);
    const boundaries = result.checks.find((check) => check.id === 'boundaries');
    expect(boundaries?.status).toBe('pass');
    expect(result.summary.filesChecked).toBeGreaterThan(100);
    // The analysis really saw the architecture: the CLI and the ESLint plugin import core, nothing imports into cli.
    const edges = (boundaries?.data?.['layerEdges'] ?? []) as LayerEdgeCount[];
    const runtimeInto = (from: string, to: string) =>
      edges.filter((edge) => edge.from === from && edge.to === to).reduce((sum, edge) => sum + edge.runtime, 0);
    expect(runtimeInto('cli', 'core')).toBeGreaterThan(0);
    expect(runtimeInto('eslint-plugin', 'core')).toBeGreaterThan(0);
    expect(edges.filter((edge) => edge.from === 'core' && edge.to !== 'core')).toEqual([]);
    expect(edges.filter((edge) => edge.to === 'cli' && edge.from !== 'cli')).toEqual([]);
    // The CLI's floors: the runner runs checks it is given, checks never reach the runner, the reporters or git, and
    // reporters know only core.
    expect(runtimeInto('cli', 'run')).toBeGreaterThan(0);
    expect(runtimeInto('cli', 'checks')).toBeGreaterThan(0);
    for (const below of ['run', 'base', 'report', 'cli']) expect(edges.filter((edge) => edge.from === 'checks' && edge.to === below)).toEqual([]);
    expect(edges.filter((edge) => edge.from === 'report' && edge.to !== 'report' && edge.to !== 'core')).toEqual([]);
  });
});
