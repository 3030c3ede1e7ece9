import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Result } from '@npvguard/core';
import { runCli, spawnCli } from '../support/cli.js';
import { itemsProject, type ItemsProject } from './itemsProject.js';

/**
 * The items app behind an async factory, as services often write it: `export async function` or an async
 * arrow, awaiting its plugins before it returns the instance.
 */
let project: ItemsProject;
let syncSnapshot: string;

beforeEach(async () => {
  project = itemsProject();
  const update = await runCli(['contracts', 'update', '--cwd', project.root], { cwd: project.root });
  expect(update.code).toBe(0);
  syncSnapshot = readFileSync(path.join(project.root, 'contracts', 'openapi.json'), 'utf8');
});

afterEach(() => {
  project.remove();
});

function asyncVariant(form: 'function' | 'arrow'): string {
  const app = readFileSync(path.join(project.root, 'app.ts'), 'utf8');
  const header = 'export function buildItemsApp(options: ItemsAppOptions = {}) {\n';
  if (!app.includes(header) || !app.includes('  void app.register(async (instance) => {') || !app.includes('  return app;\n}')) throw new Error('the items fixture changed');
  const opening = form === 'function' ? 'export async function buildItemsApp(options: ItemsAppOptions = {}) {\n' : 'export const buildItemsApp = async (options: ItemsAppOptions = {}) => {\n';
  return app
    .replace(header, `${opening}  await Promise.resolve();\n`)
    .replace('  void app.register(async (instance) => {', '  await app.register(async (instance) => {')
    .replace('  return app;\n}', form === 'function' ? '  return app;\n}' : '  return app;\n};');
}

async function contractsCheck(): Promise<{ code: number; result: Result }> {
  const run = await runCli(['check', '--only', 'contracts', '--format', 'json', '--cwd', project.root], { cwd: project.root });
  return { code: run.code, result: JSON.parse(run.stdout) as Result };
}

describe('an async app factory', { timeout: 60_000 }, () => {
  for (const form of ['function', 'arrow'] as const) {
    it(`(${form}) whose plugins were awaited gives the same snapshot as the sync factory, and the property tests run on it`, async () => {
      project.write('app.ts', asyncVariant(form));
      const update = await runCli(['contracts', 'update', '--cwd', project.root], { cwd: project.root });
      expect(update.code, update.stderr).toBe(0);
      expect(readFileSync(path.join(project.root, 'contracts', 'openapi.json'), 'utf8')).toBe(syncSnapshot);
      const { code, result } = await contractsCheck();
      expect(result.findings).toEqual([]);
      expect(code).toBe(0);
    });
  }

  it('a handler returning a field its schema lacks is still caught by the property tests, at the line of the route', async () => {
    const variant = asyncVariant('function');
    project.write('app.ts', variant);
    project.configure("appOptions: { defect: 'extra-field' },");
    const { code, result } = await contractsCheck();
    expect(code).toBe(1);
    const line = variant.split('\n').findIndex((text) => text.includes("'/items/:id',")) + 1;
    expect(result.findings.map((finding) => `${finding.ruleId} ${finding.file}:${finding.line}`)).toEqual([`contracts/property-response-schema-mismatch app.ts:${line}`]);
  });

  it('a factory whose promise rejects is NPV2102 with what it rejected with', async () => {
    project.write('app.ts', asyncVariant('function').replace('  await Promise.resolve();\n', "  await Promise.resolve();\n  if (options.defect === 'rejects') throw new Error('the price list could not be read');\n"));
    project.configure("appOptions: { defect: 'rejects' },");
    const run = await spawnCli(['check', '--only', 'contracts'], { cwd: project.root });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('error NPV2102: The contracts check could not run: The app factory ./app.ts#buildItemsApp failed while building or booting the app: the price list could not be read');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
