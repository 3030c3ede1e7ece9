import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Finding, Result } from '@npvguard/core';
import { captureConsole } from '../../src/checks/contracts/steps/appConsole.js';
import { REPO_ROOT, runCli, spawnCli } from '../support/cli.js';

const FIXTURE = path.join(REPO_ROOT, 'packages', 'cli', 'tests', 'contracts', 'fixtures', 'shelf');
const CONFIG = readFileSync(path.join(FIXTURE, 'npvguard.config.ts'), 'utf8');
const INVARIANTS = readFileSync(path.join(FIXTURE, 'invariants.ts'), 'utf8');
const PROPERTIES = "    properties: { runs: 30, invariants: './invariants.ts' },\n";

const lineOf = (text: string, needle: string): number => text.slice(0, text.indexOf(needle)).split('\n').length;
const ROUTE_LINE = lineOf(readFileSync(path.join(FIXTURE, 'app.ts'), 'utf8'), "'/books/:id'");

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

interface Shelf {
  root: string;
  /** Replaces the `properties` line of the contracts section (and may add keys before it). */
  configure(contracts: string): void;
  write(file: string, text: string): void;
}

/** A temporary copy of the shelf fixture, dependencies linked from the repo, its snapshot written. */
async function shelf(): Promise<Shelf> {
  const root = mkdtempSync(path.join(tmpdir(), 'npvguard-contracts-shelf-'));
  folders.push(root);
  cpSync(FIXTURE, root, { recursive: true });
  symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  const update = await runCli(['contracts', 'update', '--cwd', root], { cwd: root });
  expect(update.code).toBe(0);
  const write = (file: string, text: string): void => writeFileSync(path.join(root, file), text);
  return { root, write, configure: (contracts) => write('npvguard.config.ts', CONFIG.replace(PROPERTIES, contracts)) };
}

async function check(root: string): Promise<{ code: number; result: Result; stderr: string }> {
  const run = await runCli(['check', '--only', 'contracts', '--format', 'json', '--cwd', root], { cwd: root });
  return { code: run.code, result: JSON.parse(run.stdout === '' ? '{"findings":[],"checks":[]}' : run.stdout) as Result, stderr: run.stderr };
}

const summary = (findings: readonly Finding[]): string[] => findings.map((finding) => `${finding.ruleId} ${finding.file}:${finding.line}`);

describe('contracts property tests: payloads before serialization, invariants, scenarios', { timeout: 60_000 }, () => {
  it('a clean app passes, with its invariants and the default scenario counted in the data', async () => {
    const { root } = await shelf();
    const { code, result } = await check(root);
    expect(result.findings).toEqual([]);
    expect(code).toBe(0);
    expect(result.checks.find((run) => run.id === 'contracts')?.data?.['properties']).toMatchObject({ runsPerProperty: 30, properties: 2, scenarios: ['default'], invariants: 2 });
  });

  it('a field the handler returns but the schema lacks is caught although the default serializer drops it', async () => {
    const project = await shelf();
    project.configure(`    appOptions: { defect: 'undeclared' },\n${PROPERTIES}`);
    const { code, result } = await check(project.root);
    expect(summary(result.findings)).toEqual([`contracts/property-response-schema-mismatch app.ts:${ROUTE_LINE}`]);
    const finding = result.findings[0];
    expect(finding?.message.split('\n')[0]).toBe(
      "GET /books/{id}, valid requests get a documented answer: the payload the handler answered with has properties the 200 schema does not declare: /shelfNote (fastify's default serializer drops them silently; another serializer would send them undocumented)",
    );
    // What the client got has no such field: only the payload shows it.
    expect(JSON.stringify(finding?.data?.['response'])).not.toContain('shelfNote');
    expect(code).toBe(1);
  });

  it('a broken invariant is property-invariant-violated at its declaration, with the shrunk request and a replay', async () => {
    const project = await shelf();
    project.configure(`    appOptions: { defect: 'lends-last-copy' },\n${PROPERTIES}`);
    const { code, result } = await check(project.root);
    expect(summary(result.findings)).toEqual([`contracts/property-invariant-violated invariants.ts:${lineOf(INVARIANTS, "'a listed book has a copy on the shelf'")}`]);
    const finding = result.findings[0];
    expect(finding?.message).toContain('GET /books/{id}, valid requests get a documented answer: invariant "a listed book has a copy on the shelf" broken: book b2 is listed with 0 copies');
    expect(finding?.message).toMatch(/replay: set contracts.properties to \{ seed: 1, replayPath: '[\d:]+' \}/);
    expect(finding?.data).toMatchObject({ property: 'valid', method: 'GET', path: '/books/{id}', invariant: 'a listed book has a copy on the shelf', counterexample: { url: '/books/b2' } });
    expect(code).toBe(1);
  });

  it('each scenario builds the app with its own options and runs the valid-request property; its name is in the message and fingerprint', async () => {
    const project = await shelf();
    project.configure("    properties: { runs: 30, invariants: './invariants.ts', scenarios: { 'storage down': { appOptions: { storage: 'down' } } } },\n");
    const { code, result } = await check(project.root);
    expect(summary(result.findings)).toEqual([`contracts/property-server-error app.ts:${ROUTE_LINE}`]);
    expect(result.findings[0]?.message.split('\n')[0]).toBe('GET /books/{id} (scenario: storage down), valid requests get a documented answer: a valid request got 500');
    expect(result.findings[0]?.data).toMatchObject({ scenario: 'storage down', property: 'valid' });
    expect(result.checks.find((run) => run.id === 'contracts')?.data?.['properties']).toMatchObject({ properties: 3, scenarios: ['default', 'storage down'] });
    expect(code).toBe(1);

    // The same failure in the default scenario is another finding.
    project.configure("    appOptions: { storage: 'down' },\n    properties: { runs: 30, invariants: './invariants.ts', scenarios: { 'storage down': { appOptions: { storage: 'down' } } } },\n");
    const both = (await check(project.root)).result.findings;
    expect(both.map((finding) => finding.data?.['scenario'] ?? 'default').sort()).toEqual(['default', 'storage down']);
    expect(new Set(both.map((finding) => finding.fingerprint)).size).toBe(2);
  });

  it('a route the app does not serve, or example values the schema refuses, are property-definition-mismatch findings; the rest still runs', async () => {
    const project = await shelf();
    project.write(
      'invariants.ts',
      INVARIANTS.replace("examples: { 'GET /books/{id}': { path: { id: Object.keys(BOOKS) } } },", "examples: { 'GET /books/{id}': { path: { id: ['b1', 'far-too-long'] } } },").replace(
        "  routes: {\n",
        "  routes: {\n    'GET /book/{id}': { 'never checked': () => 'broken' },\n",
      ),
    );
    project.configure(`    appOptions: { defect: 'lends-last-copy' },\n${PROPERTIES}`);
    const { code, result } = await check(project.root);
    const module = readFileSync(path.join(project.root, 'invariants.ts'), 'utf8');
    expect(summary(result.findings).sort()).toEqual(
      [
        `contracts/property-definition-mismatch invariants.ts:${lineOf(module, "'GET /book/{id}'")}`,
        `contracts/property-definition-mismatch invariants.ts:${lineOf(module, "'GET /books/{id}': { path")}`,
      ].sort(),
    );
    expect(result.findings.map((finding) => finding.message).sort()).toEqual([
      'The invariants definition invariants.ts does not fit the contract: examples["GET /books/{id}"], path.id: the value "far-too-long" does not match its schema ((root) must NOT have more than 4 characters), so these values are not used.',
      'The invariants definition invariants.ts does not fit the contract: routes["GET /book/{id}"] is not a route of the app (its routes: GET /books/{id}), so its invariants are not checked.',
    ]);
    // Without the refused examples generated ids never name a book, so the broken invariant is not reached: the mismatch is what fails the run.
    expect(code).toBe(1);
  });

  it('what the app prints through console while the property tests run stays out of the report on stdout, counted in the data', async () => {
    const project = await shelf();
    project.configure(`    appOptions: { defect: 'chatty' },\n${PROPERTIES}`);
    const run = await spawnCli(['check', '--only', 'contracts', '--format', 'json'], { cwd: project.root });
    expect(run.stderr).toBe('');
    const result = JSON.parse(run.stdout) as Result;
    expect(result.findings).toEqual([]);
    const printed = result.checks.find((check) => check.id === 'contracts')?.data?.['appConsole'] as { lines: number; first: string[] };
    expect(printed.lines).toBeGreaterThan(0);
    expect(printed.first[0]).toMatch(/^served b[123]$/);
    expect(run.code).toBe(0);
  });
});

describe('an invariants module npvguard cannot use: coded error, exit 2, no stack trace', { timeout: 60_000 }, () => {
  const expectCodedError = (run: { code: number; stderr: string }, code: string, text: string): void => {
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`error ${code}: The contracts check could not run: `);
    expect(run.stderr).toContain(text);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  };

  it('a missing module is NPV1101, a missing export NPV1102 (listing the exports)', async () => {
    const project = await shelf();
    project.configure("    properties: { runs: 30, invariants: './contracts/invariants.ts' },\n");
    expectCodedError(await spawnCli(['check', '--only', 'contracts'], { cwd: project.root }), 'NPV1101', 'contracts.properties.invariants names the module ./contracts/invariants.ts');
    project.configure("    properties: { runs: 30, invariants: './invariants.ts#shelfInvariants' },\n");
    expectCodedError(await spawnCli(['check', '--only', 'contracts'], { cwd: project.root }), 'NPV1102', 'has no export named shelfInvariants. Its exports: default.');
  });

  it('a module that throws while loading is NPV1104', async () => {
    const project = await shelf();
    project.write('invariants.ts', "throw new Error('the fixture catalog is missing');\n");
    expectCodedError(await spawnCli(['check', '--only', 'contracts'], { cwd: project.root }), 'NPV1104', 'threw while loading: the fixture catalog is missing');
  });

  it('an invariant that is not a function is NPV1105, naming it', async () => {
    const project = await shelf();
    project.write('invariants.ts', "export default { routes: { 'GET /books/{id}': { 'has copies': 42 } } };\n");
    expectCodedError(await spawnCli(['check', '--only', 'contracts'], { cwd: project.root }), 'NPV1105', 'routes["GET /books/{id}"]["has copies"] is not a function (found number)');
  });

  it('an unknown key, a prepare that is not a function, examples that are not arrays: NPV1105 each', async () => {
    const project = await shelf();
    const messageFor = async (module: string): Promise<string> => {
      project.write('invariants.ts', module);
      const run = await runCli(['check', '--only', 'contracts', '--cwd', project.root], { cwd: project.root });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('NPV1105');
      return run.stderr;
    };
    expect(await messageFor('export default { routes: {}, invariants: {} };\n')).toContain('unknown key invariants (known: routes, examples, prepare)');
    expect(await messageFor('export default { routes: {}, prepare: true };\n')).toContain('`prepare` is not a function');
    expect(await messageFor("export default { routes: {}, examples: { 'GET /books/{id}': { path: { id: 'b1' } } } };\n")).toContain('examples["GET /books/{id}"].path.id is not a non-empty array of values');
    expect(await messageFor("export default { routes: {}, examples: { 'GET /books/{id}': { cookie: {} } } };\n")).toContain('examples["GET /books/{id}"].cookie is not a request part');
    expect(await messageFor('export default [];\n')).toContain('the export is an array, not an object');
  });
});

describe('captureConsole', () => {
  it('overlapping captures each count what is printed while they run, and the console is restored once the last stops', () => {
    const original = console.debug;
    const first = captureConsole();
    console.debug('one');
    const second = captureConsole();
    console.info('two\nthree');
    first.stop();
    console.log('four');
    expect(console.debug).not.toBe(original);
    second.stop();
    expect(console.debug).toBe(original);
    expect(first.output).toEqual({ lines: 3, first: ['one', 'two', 'three'] });
    expect(second.output).toEqual({ lines: 3, first: ['two', 'three', 'four'] });
  });
});
