import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Result } from '@npvguard/core';
import { exportPosition } from '../../src/checks/contracts/load/exportPosition.js';
import { REPO_ROOT, runCli } from '../support/cli.js';

const FIXTURE = path.join(REPO_ROOT, 'packages', 'cli', 'tests', 'contracts', 'fixtures', 'items');
const APP = readFileSync(path.join(FIXTURE, 'app.ts'), 'utf8');
const FACTORY = 'export function buildItemsApp(options: ItemsAppOptions = {}) {\n';
const FACTORY_LINE = APP.split('\n').findIndex((line) => `${line}\n` === FACTORY) + 1;

/** The items app with a statement added at the top of its factory (or, with `atEnd`, just before it returns the app). */
function appWith(statement: string, atEnd = false): string {
  return atEnd ? APP.replace('  return app;\n}', `  ${statement}\n  return app;\n}`) : APP.replace(FACTORY, `${FACTORY}  ${statement}\n`);
}

function git(args: readonly string[], cwd: string): void {
  execFileSync('git', ['-c', 'user.email=ci@npvguard.test', '-c', 'user.name=npvguard tests', ...args], { cwd, encoding: 'utf8' });
}

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/**
 * A git repository holding the items project: the base commit has `baseApp` as app.ts and the snapshot of the
 * working app; the working tree then gets `headApp` (uncommitted, as an agent's edit would be).
 */
async function repository(baseApp: string, headApp: string): Promise<string> {
  const folder = mkdtempSync(path.join(tmpdir(), 'npvguard-app-build-'));
  folders.push(folder);
  cpSync(FIXTURE, folder, { recursive: true });
  symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(folder, 'node_modules'), 'dir');
  writeFileSync(path.join(folder, '.gitignore'), 'node_modules\n');
  const update = await runCli(['contracts', 'update', '--cwd', folder], { cwd: folder });
  expect(update.code).toBe(0);
  writeFileSync(path.join(folder, 'app.ts'), baseApp);
  git(['init', '--quiet', '--initial-branch=main'], folder);
  git(['add', '.'], folder);
  git(['commit', '--quiet', '-m', 'base'], folder);
  writeFileSync(path.join(folder, 'app.ts'), headApp);
  return folder;
}

async function check(folder: string, base?: string): Promise<{ code: number; result: Result | undefined; stderr: string }> {
  const run = await runCli(['check', '--only', 'contracts', '--format', 'json', ...(base === undefined ? [] : ['--base', base]), '--cwd', folder], { cwd: folder });
  return { code: run.code, result: run.stdout === '' ? undefined : (JSON.parse(run.stdout) as Result), stderr: run.stderr };
}

describe('an app factory that throws, under --base', { timeout: 60_000 }, () => {
  it('is the finding contracts/app-build-failed at the factory export when the base builds: exit 1, app steps skipped', async () => {
    const folder = await repository(APP, appWith("throw new RangeError('the price list is empty\\nsee the catalog settings');"));
    const { code, result } = await check(folder, 'HEAD');
    expect(code).toBe(1);
    const finding = result?.findings.find((candidate) => candidate.ruleId === 'contracts/app-build-failed');
    expect(result?.findings.map((candidate) => `${candidate.ruleId} ${candidate.file}:${candidate.line}:${candidate.column} ${candidate.baseline ?? 'new'}`)).toEqual([
      `contracts/app-build-failed app.ts:${FACTORY_LINE}:17 new`,
    ]);
    expect(finding?.severity).toBe('error');
    expect(finding?.message).toBe(
      'The app factory ./app.ts#buildItemsApp threw while building the app: RangeError: the price list is empty. The contract snapshot, the diff against HEAD and the property tests need the app, so they did not run.',
    );
    expect(finding?.hint).toMatch(/^Call the factory/);
    expect(finding?.docsUrl).toBe('https://github.com/npvguard/npvguard/blob/main/docs/rules/contracts/app-build-failed.md');
    expect(finding?.data).toEqual({ app: './app.ts#buildItemsApp', stage: 'build', error: 'RangeError: the price list is empty' });
    const run = result?.checks.find((candidate) => candidate.id === 'contracts');
    expect(run?.status).toBe('fail');
    expect(run?.data).toMatchObject({ skipped: ['snapshot', 'diff', 'properties'], appBuildFailed: { stage: 'build' }, base: { status: 'compared', findingsAtBase: 0 } });
  });

  it('is baseline when the base does not build either, so the run does not fail on it', async () => {
    const folder = await repository(appWith("throw new Error('no catalog database configured');"), appWith("throw new Error('the catalog database URL is missing');"));
    const { code, result } = await check(folder, 'HEAD');
    expect(code).toBe(0);
    expect(result?.findings.map((candidate) => `${candidate.ruleId} ${candidate.baseline ?? 'new'}`)).toEqual(['contracts/app-build-failed base']);
    expect(result?.checks.find((candidate) => candidate.id === 'contracts')?.data).toMatchObject({ base: { status: 'compared', findingsAtBase: 1 } });
  });

  it('an app that fails to boot (a plugin throws in ready()) is the same finding, stage boot', async () => {
    const folder = await repository(APP, appWith("void app.register(async () => { throw new Error('the search plugin needs an index'); });", true));
    const { code, result } = await check(folder, 'HEAD');
    expect(code).toBe(1);
    expect(result?.findings.map((candidate) => `${candidate.ruleId} ${candidate.line}`)).toEqual([`contracts/app-build-failed ${FACTORY_LINE}`]);
    expect(result?.findings[0]?.message).toContain('built an app that failed to boot (ready() rejected): the search plugin needs an index.');
    expect(result?.findings[0]?.data).toMatchObject({ stage: 'boot' });
  });

  it('without --base the same factory is still NPV2102, exit 2', async () => {
    const folder = await repository(APP, appWith("throw new RangeError('the price list is empty');"));
    const { code, stderr } = await check(folder);
    expect(code).toBe(2);
    expect(stderr).toContain('error NPV2102: The contracts check could not run: The app factory ./app.ts#buildItemsApp failed while building or booting the app: RangeError: the price list is empty');
  });

  it('a module that throws while loading, a missing export or a non-function stay coded errors under --base', async () => {
    const folder = await repository(APP, `throw new Error('top-level failure');\n${APP}`);
    const loading = await check(folder, 'HEAD');
    expect(loading.code).toBe(2);
    expect(loading.stderr).toContain('NPV2102: The contracts check could not run: The module ./app.ts (contracts.app) threw while loading: top-level failure');
    writeFileSync(path.join(folder, 'app.ts'), APP);
    writeFileSync(path.join(folder, 'npvguard.config.ts'), "export default { include: ['app.ts'], contracts: { app: './app.ts#notAFactory' } };\n");
    const notFunction = await check(folder, 'HEAD');
    expect(notFunction.code).toBe(2);
    expect(notFunction.stderr).toContain('NPV1102');
    writeFileSync(path.join(folder, 'npvguard.config.ts'), "export default { include: ['app.ts'], contracts: { app: './app.ts#buildApp' } };\n");
    const missing = await check(folder, 'HEAD');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('has no export named buildApp');
  });
});

describe('exportPosition', () => {
  const module = (text: string): string => {
    const folder = mkdtempSync(path.join(tmpdir(), 'npvguard-export-'));
    folders.push(folder);
    writeFileSync(path.join(folder, 'app.ts'), text);
    return path.join(folder, 'app.ts');
  };

  it('finds function, const, renamed and default exports with the TypeScript parser', () => {
    const file = module(
      [
        '// buildApp is mentioned here first, in a comment',
        'import Fastify from "fastify";',
        'export async function buildApp() { return Fastify(); }',
        'export const buildOther = () => Fastify();',
        'function local() { return Fastify(); }',
        'export { local as renamed };',
        'export default buildApp;',
      ].join('\n'),
    );
    expect(exportPosition(file, 'buildApp')).toEqual({ line: 3, column: 23 });
    expect(exportPosition(file, 'buildOther')).toEqual({ line: 4, column: 14 });
    expect(exportPosition(file, 'renamed')).toEqual({ line: 5, column: 10 });
    expect(exportPosition(file, 'default')).toEqual({ line: 7, column: 1 });
  });

  it('is undefined for an export the module does not declare, or a file that does not exist', () => {
    const file = module('export const other = 1;\n');
    expect(exportPosition(file, 'buildApp')).toBeUndefined();
    expect(exportPosition(path.join(path.dirname(file), 'missing.ts'), 'buildApp')).toBeUndefined();
  });
});
