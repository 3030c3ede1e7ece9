import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '@npvguard/core';
import { REPO_ROOT, runCli } from '../support/cli.js';
import { buildContractApp } from '../../src/checks/contracts/load/buildApp.js';
import { createModuleLoader } from '../../src/checks/contracts/load/moduleExport.js';
import { routeTableFromRecording, type RouteTable } from '../../src/checks/routeTable.js';
import { cacheRouteTable, readCachedRouteTable, routeTableKey } from '../../src/checks/routeTableCache.js';
import { defaultCacheDirectory } from '../../src/modules/cacheDirectory.js';

const FIXTURE = path.join(REPO_ROOT, 'packages', 'cli', 'tests', 'fixtures', 'apps', 'autoload-app');

let root: string;
const copies: string[] = [];

/** A copy of the fixture at a fresh path: the route files load through Node's own module cache, keyed by path. */
function copy(): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'npvguard-autoload-app-'));
  cpSync(FIXTURE, folder, { recursive: true });
  symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(folder, 'node_modules'), 'dir');
  copies.push(folder);
  return folder;
}

/** Every file under a folder. */
function walk(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(path.join(folder, entry.name)) : [path.join(folder, entry.name)]));
}

beforeAll(() => {
  root = copy();
});

afterAll(() => {
  for (const folder of copies) rmSync(folder, { recursive: true, force: true });
});

async function routeTable(): Promise<RouteTable> {
  const modules = createModuleLoader(root);
  try {
    const handle = await buildContractApp(modules, { app: './npvguard.app.ts#buildApp' }, 'autoload app');
    try {
      expect(handle.unrecorded).toEqual([]);
      return routeTableFromRecording(root, handle.routes);
    } finally {
      await handle.app.close();
    }
  } finally {
    modules.close();
  }
}

async function check(only: string, cwd = root): Promise<{ code: number; result: Result }> {
  const run = await runCli(['check', '--only', only, '--format', 'json', '--cwd', cwd], { cwd });
  return { code: run.code, result: JSON.parse(run.stdout) as Result };
}

describe('an autoload app: plugins and routes loaded from folders of TypeScript files', { timeout: 90_000 }, () => {
  it('records every route with its prefix and the source line that registered it; plugin routes and HEAD twins marked', async () => {
    const table = await routeTable();
    expect(table.origin).toBe('app');
    const own = table.routes.filter((route) => route.auto === undefined && route.plugin === undefined).map((route) => `${route.key} ${route.source?.file}:${route.source?.line}`);
    expect(own).toEqual([
      'GET /labels/status src/plugins/app/labels.ts:13',
      'GET / src/routes/home.ts:5',
      'GET /api src/routes/api/index.ts:5',
      'GET /api/items src/routes/api/items/index.ts:7',
      'GET /api/items/:id src/routes/api/items/index.ts:9',
      'GET /api/items/:name/image src/routes/api/items/index.ts:19',
      'GET /api/items/files/* src/routes/api/items/index.ts:25',
      'GET /api/items/recent/ src/routes/api/items/index.ts:27',
    ]);
    // Every GET has a HEAD twin from the same call, the trailing-slash twin of a prefixed `/` included.
    const twins = table.routes.filter((route) => route.auto === 'head' && route.plugin === undefined).map((route) => route.key);
    expect(twins).toEqual(expect.arrayContaining(['HEAD /api', 'HEAD /api/', 'HEAD /api/items/:id', 'HEAD /api/items/files/*']));
    expect(twins).toHaveLength(10);
    const plugins = table.routes.filter((route) => route.plugin !== undefined);
    expect(plugins.find((route) => route.key === 'OPTIONS *')?.plugin).toBe('@fastify/cors');
    expect(plugins.find((route) => route.key === 'GET /api/docs/json')?.plugin).toBe('@fastify/swagger-ui');
    expect(plugins.find((route) => route.key === 'GET /public/*')?.plugin).toBe('@fastify/static');
    expect(plugins.every((route) => route.source === undefined)).toBe(true);
  });

  it('contracts: no unrecorded routes, no HEAD duplicates, no schema demanded of plugin routes; a missing schema is reported where the route is', async () => {
    const update = await runCli(['contracts', 'update', '--cwd', root], { cwd: root });
    expect(update.code).toBe(0);
    const snapshot = JSON.parse(readFileSync(path.join(root, 'contracts', 'openapi.json'), 'utf8')) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(snapshot.paths)).toEqual(['/', '/api', '/api/items', '/api/items/files/{wildcard}', '/api/items/recent/', '/api/items/{id}', '/api/items/{name}/image', '/labels/status']);
    expect(Object.values(snapshot.paths).flatMap((item) => Object.keys(item))).not.toContain('head');
    const clean = await check('contracts');
    expect(clean.result.findings.map((finding) => finding.ruleId)).toEqual([]);
    expect(clean.code).toBe(0);
    expect(clean.result.checks.find((run) => run.id === 'contracts')?.data?.['routes']).toEqual({ origin: 'app', own: 8, plugins: ['@fastify/cors', '@fastify/static', '@fastify/swagger-ui'] });

    const edited = copy();
    const routes = path.join(edited, 'src', 'routes', 'api', 'items', 'index.ts');
    const original = readFileSync(routes, 'utf8');
    writeFileSync(routes, original.replace("  fastify.get('/recent/', { schema: { response: { 200: Type.Array(Item) } } }, async () => []);", "  fastify.get('/recent/', async () => []);"));
    {
      const planted = await check('contracts', edited);
      const missing = planted.result.findings.filter((finding) => finding.ruleId === 'contracts/route-without-response-schema');
      expect(missing.map((finding) => `${finding.message.split(' declares')[0]} ${finding.file}:${finding.line}:${finding.column}`)).toEqual(['GET /api/items/recent/ src/routes/api/items/index.ts:27:11']);
      expect(planted.result.findings.map((finding) => finding.ruleId)).not.toContain('contracts/route-not-recorded');
    }
  });

  it('latency: route keys carry the autoload prefixes, from the booted app and from the sources alike', async () => {
    const fromApp = await check('latency');
    const appData = fromApp.result.checks.find((run) => run.id === 'latency')?.data as { routes: Array<{ route: string }>; routeOrigin: { origin: string; table?: string } };
    expect(appData.routeOrigin.origin).toBe('app');
    expect(['booted', 'cached']).toContain(appData.routeOrigin.table);
    const keys = appData.routes.map((route) => route.route);
    expect(keys).toEqual(['GET /', 'GET /api', 'GET /api/items', 'GET /api/items/:id', 'GET /api/items/:name/image', 'GET /api/items/files/*', 'GET /api/items/recent/', 'GET /labels/status']);

    const config = path.join(root, 'npvguard.config.ts');
    const original = readFileSync(config, 'utf8');
    writeFileSync(config, original.replace(/ {2}contracts: \{[\s\S]*?\n {2}\},\n/, ''));
    try {
      const fromSources = await check('latency');
      const staticData = fromSources.result.checks.find((run) => run.id === 'latency')?.data as { routes: Array<{ route: string }>; routeOrigin: { origin: string; reason: string } };
      expect(staticData.routeOrigin.origin).toBe('static');
      expect(staticData.routeOrigin.reason).toContain('no app factory is configured');
      expect(staticData.routes.map((route) => route.route)).toEqual(keys);
    } finally {
      writeFileSync(config, original);
    }
  });

  it('latency: the booted table is kept for the same files, read back on the next run, and never used for other files', async () => {
    const folder = copy();
    const latencyData = async (cwd = folder): Promise<{ routes: string[]; table: string | undefined }> => {
      const run = await check('latency', cwd);
      const data = run.result.checks.find((entry) => entry.id === 'latency')?.data as { routes: Array<{ route: string }>; routeOrigin: { origin: string; table?: string } };
      expect(data.routeOrigin.origin).toBe('app');
      return { routes: data.routes.map((route) => route.route), table: data.routeOrigin.table };
    };
    const config = { app: './npvguard.app.ts#buildApp' };
    const files = ['npvguard.app.ts', ...walk(path.join(folder, 'src')).map((file) => path.relative(folder, file).split(path.sep).join('/'))].sort();
    const key = routeTableKey(folder, files, config);
    expect(key).toBeDefined();
    rmSync(path.join(defaultCacheDirectory(folder), 'routes', `${key}.json`), { force: true });

    const booted = await latencyData();
    expect(booted.table).toBe('booted');
    expect(readCachedRouteTable(folder, key ?? '')?.routes.map((route) => route.key)).toEqual(expect.arrayContaining(booted.routes));
    const again = await latencyData();
    expect(again).toEqual({ routes: booted.routes, table: 'cached' });

    // What is read is the table under the key: a table written there is what the route keys come from.
    const kept = readCachedRouteTable(folder, key ?? '');
    cacheRouteTable(folder, key ?? '', { origin: 'app', routes: (kept?.routes ?? []).map((route) => (route.key === 'GET /api/items' ? { ...route, url: '/api/goods', key: 'GET /api/goods' } : route)) });
    expect((await latencyData()).routes).toContain('GET /api/goods');

    // Another url in a route file is another key: the app is booted again, and the table is the new one. (A copy
    // at a fresh path: this process's module cache would give the old route file at the same path.)
    const changed = copy();
    const routes = path.join(changed, 'src', 'routes', 'api', 'items', 'index.ts');
    writeFileSync(routes, readFileSync(routes, 'utf8').replace("fastify.get('/recent/'", "fastify.get('/latest/'"));
    const changedKey = routeTableKey(changed, files, config);
    expect(changedKey).not.toBe(key);
    rmSync(path.join(defaultCacheDirectory(changed), 'routes', `${changedKey}.json`), { force: true });
    const edited = await latencyData(changed);
    expect(edited.table).toBe('booted');
    expect(edited.routes).toContain('GET /api/items/latest/');
    expect(edited.routes).not.toContain('GET /api/items/recent/');
    expect(edited.routes).not.toContain('GET /api/goods');

    // The contracts check boots the same app: it leaves its table for the latency check, which then boots nothing.
    rmSync(path.join(defaultCacheDirectory(folder), 'routes', `${key}.json`), { force: true });
    const contracts = await check('contracts', folder);
    expect(contracts.result.checks.find((entry) => entry.id === 'contracts')?.status).not.toBe('error');
    expect(readCachedRouteTable(folder, key ?? '')?.routes.map((route) => route.key)).toEqual(expect.arrayContaining(booted.routes));
    expect(await latencyData()).toEqual({ routes: booted.routes, table: 'cached' });
  });
});
