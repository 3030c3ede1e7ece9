import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Result } from '@npvguard/core';
import { runCli, spawnCli } from '../support/cli.js';
import { itemsProject, type ItemsProject } from './itemsProject.js';

let project: ItemsProject;

beforeEach(async () => {
  project = itemsProject();
  const update = await runCli(['contracts', 'update', '--cwd', project.root], { cwd: project.root });
  expect(update.code).toBe(0);
  expect(update.stdout).toContain('wrote contracts/openapi.json (2 paths from app.ts)');
});

afterEach(() => {
  project.remove();
});

async function check(): Promise<{ code: number; result: Result; stderr: string }> {
  const run = await runCli(['check', '--only', 'contracts', '--format', 'json', '--cwd', project.root], { cwd: project.root });
  return { code: run.code, result: JSON.parse(run.stdout) as Result, stderr: run.stderr };
}

const summary = (result: Result): string[] => result.findings.map((finding) => `${finding.ruleId} ${finding.file}:${finding.line}`);

describe('contracts check on a small fastify app', { timeout: 30_000 }, () => {
  it('passes when the app keeps its contract and the snapshot is current', async () => {
    const { code, result } = await check();
    expect(result.findings).toEqual([]);
    expect(code).toBe(0);
    expect(result.checks.find((run) => run.id === 'contracts')?.data?.['properties']).toMatchObject({ runsPerProperty: 30, properties: 4 });
  });

  it('a handler that starts returning a field the schema lacks is caught by the property tests', async () => {
    project.configure("appOptions: { defect: 'extra-field' },");
    const { code, result } = await check();
    expect(summary(result)).toEqual(['contracts/property-response-schema-mismatch app.ts:42']);
    const finding = result.findings[0];
    expect(finding?.message).toContain('must NOT have additional properties');
    expect(finding?.message).toContain('"internalCost":3');
    expect(finding?.data).toMatchObject({ property: 'valid', method: 'GET', path: '/items/{id}' });
    expect(finding?.data?.['seed']).toEqual(expect.any(Number));
    expect(finding?.message).toMatch(/replay: set contracts.properties to \{ seed: 1, replayPath: '[\d:]+' \}/);
    expect(code).toBe(1);
  });

  it('a status the schema does not document is caught by the property tests', async () => {
    project.configure("appOptions: { defect: 'undocumented-status' },");
    const { code, result } = await check();
    expect(summary(result)).toEqual(['contracts/property-undocumented-status app.ts:52']);
    expect(result.findings[0]?.message).toContain('status 202 is not documented (documented: 201, 400)');
    expect(code).toBe(1);
  });

  it('a 5xx for a valid request is a server error with the shrunk request', async () => {
    project.configure("appOptions: { defect: 'server-error' },");
    const { result } = await check();
    expect(summary(result)).toEqual(['contracts/property-server-error app.ts:42']);
    const counterexample = result.findings[0]?.data?.['counterexample'] as { url: string };
    // Shrunk to the shortest id that fails: four characters.
    expect(decodeURIComponent(counterexample.url.slice('/items/'.length))).toHaveLength(4);
  });

  it('a route without a response schema is reported, as is the snapshot drift it causes', async () => {
    project.configure("appOptions: { defect: 'no-response-schema' },");
    const { code, result } = await check();
    expect(summary(result)).toEqual([
      // The route finding points at the registering call (`get`), the property finding at the path literal after it.
      'contracts/route-without-response-schema app.ts:57',
      'contracts/property-undocumented-status app.ts:57',
      'contracts/snapshot-drift contracts/openapi.json:8',
    ]);
    expect(result.findings.find((finding) => finding.ruleId === 'contracts/snapshot-drift')?.message).toContain('+     "/health": {');
    expect(code).toBe(1);
  });

  it('an unsupported schema keyword is a warning that names it, never a crash', async () => {
    project.configure("appOptions: { defect: 'unsupported-keyword' },");
    await runCli(['contracts', 'update', '--cwd', project.root], { cwd: project.root });
    const { result } = await check();
    const warnings = result.findings.filter((finding) => finding.ruleId === 'contracts/unsupported-schema-keyword');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.severity).toBe('warning');
    expect(warnings[0]?.message).toContain('Schema keyword propertyNames');
  });
});

describe('contracts check on bad input: coded error, exit 2, no stack trace', { timeout: 30_000 }, () => {
  it('an app module that throws while building is NPV2102', async () => {
    project.configure("appOptions: { defect: 'throws' },");
    const run = await spawnCli(['check', '--only', 'contracts'], { cwd: project.root });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('error NPV2102: The contracts check could not run: The app factory ./app.ts#buildItemsApp failed while building or booting the app: the catalog database is not configured');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('an unknown export name is NPV1102 and lists the exports', async () => {
    project.write('npvguard.config.ts', "export default { include: ['app.ts'], contracts: { app: './app.ts#buildApp' } };\n");
    const run = await runCli(['check', '--only', 'contracts', '--cwd', project.root], { cwd: project.root });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('NPV1102');
    expect(run.stderr).toContain('has no export named buildApp. Its exports: buildItemsApp, notAFactory.');
  });

  it('an export that is not a function is NPV1102, a missing module NPV1101', async () => {
    project.write('npvguard.config.ts', "export default { include: ['app.ts'], contracts: { app: './app.ts#notAFactory' } };\n");
    expect((await runCli(['check', '--cwd', project.root], { cwd: project.root })).stderr).toContain('which is not a function (found number)');
    project.write('npvguard.config.ts', "export default { include: ['app.ts'], contracts: { app: './server.ts#buildApp' } };\n");
    const run = await runCli(['check', '--cwd', project.root], { cwd: project.root });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('NPV1101');
  });

  it('malformed snapshot JSON is NPV2101', async () => {
    project.write('contracts/openapi.json', '{ "openapi": "3.1.0", "paths": { ');
    const run = await runCli(['check', '--only', 'contracts', '--cwd', project.root], { cwd: project.root });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('error NPV2101: The contracts check could not run: The contract snapshot contracts/openapi.json is malformed');
  });

  it('a contracts section without app is a config error (NPV1003)', async () => {
    project.write('npvguard.config.ts', "export default { include: ['app.ts'], contracts: { snapshot: 'x.json' } };\n");
    const run = await runCli(['check', '--cwd', project.root], { cwd: project.root });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('NPV1003');
    expect(run.stderr).toContain('contracts.app');
  });
});
