import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ContractsConfig } from '@npvguard/core';
import { cacheRouteTable, KEPT_TABLES, readCachedRouteTable, routeTableKey } from '../../src/checks/routeTableCache.js';
import { defaultCacheDirectory } from '../../src/modules/cacheDirectory.js';
import type { RouteTable } from '../../src/checks/routeTable.js';

const folders: string[] = [];

afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** A project folder with its own node_modules (so its cache is its own) and these files. */
function project(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'npvguard-route-cache-'));
  folders.push(root);
  mkdirSync(path.join(root, 'node_modules'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

const SOURCES = {
  'src/app.ts': "export default async function app(fastify) { fastify.register(autoload, { dir: 'routes', options: { prefix: process.env.API_PREFIX } }) }\n",
  'src/routes/items.ts': "export default async function (fastify) { fastify.get('/items', async () => []) }\n",
  'npvguard.app.ts': "export async function buildApp() {}\n",
  'package.json': '{ "name": "svc", "dependencies": { "fastify": "^5.0.0" } }\n',
};
const FILES = ['src/app.ts', 'src/routes/items.ts'];
const CONFIG: ContractsConfig = { app: './npvguard.app.ts#buildApp' };
const ENV = { PATH: '/usr/bin', HOME: '/home/someone' };

const TABLE: RouteTable = {
  origin: 'app',
  routes: [{ method: 'GET', url: '/v1/items', key: 'GET /v1/items', source: { file: 'src/routes/items.ts', line: 1, column: 52 }, hasSchema: false, hasResponseSchema: false }],
};

describe('the key of a booted app\'s route table', () => {
  it('is the same for the same files at another path (a base checkout), whatever variables the sources do not name', () => {
    const head = project(SOURCES);
    const base = project(SOURCES);
    expect(routeTableKey(head, FILES, CONFIG, ENV)).toBe(routeTableKey(base, FILES, CONFIG, { ...ENV, TERM: 'xterm', OLDPWD: '/tmp' }));
  });

  it('changes with any source, the app module, package.json, a lockfile or an .env file', () => {
    const root = project(SOURCES);
    const before = routeTableKey(root, FILES, CONFIG, ENV);
    const edits: Array<[string, string]> = [
      ['src/routes/items.ts', "export default async function (fastify) { fastify.get('/things', async () => []) }\n"],
      ['npvguard.app.ts', 'export async function buildApp() { return 1 }\n'],
      ['package.json', '{ "name": "svc", "dependencies": { "fastify": "^5.1.0" } }\n'],
      ['package-lock.json', '{ "lockfileVersion": 3 }\n'],
      ['.env', 'API_PREFIX=/v2\n'],
    ];
    const keys = new Set([before]);
    for (const [file, text] of edits) {
      writeFileSync(path.join(root, file), text);
      keys.add(routeTableKey(root, FILES, CONFIG, ENV) ?? 'undefined');
    }
    expect(keys.size).toBe(edits.length + 1);
  });

  it('changes with a variable the sources name, and with NODE_ENV; not with one they do not name', () => {
    const root = project(SOURCES);
    const plain = routeTableKey(root, FILES, CONFIG, ENV);
    expect(routeTableKey(root, FILES, CONFIG, { ...ENV, API_PREFIX: '/v1' })).not.toBe(plain);
    expect(routeTableKey(root, FILES, CONFIG, { ...ENV, NODE_ENV: 'production' })).not.toBe(plain);
    expect(routeTableKey(root, FILES, CONFIG, { ...ENV, UNRELATED_SETTING: 'x' })).toBe(plain);
  });

  it('changes with the contracts settings the boot reads, and sees contracts.env as the boot does', () => {
    const root = project({ ...SOURCES, '.env.example': 'API_PREFIX=/v1\n' });
    const plain = routeTableKey(root, FILES, CONFIG, ENV);
    expect(routeTableKey(root, FILES, { ...CONFIG, app: './npvguard.app.ts#other' }, ENV)).not.toBe(plain);
    expect(routeTableKey(root, FILES, { ...CONFIG, appOptions: { logger: false } }, ENV)).not.toBe(plain);
    const withEnv: ContractsConfig = { ...CONFIG, env: '.env.example' };
    // Before the boot sets API_PREFIX from .env.example, and while it is set: one key.
    expect(routeTableKey(root, FILES, withEnv, ENV)).toBe(routeTableKey(root, FILES, withEnv, { ...ENV, API_PREFIX: '/v1' }));
    // The environment wins over contracts.env, as in the boot.
    expect(routeTableKey(root, FILES, withEnv, { ...ENV, API_PREFIX: '/v9' })).not.toBe(routeTableKey(root, FILES, withEnv, ENV));
    // contracts.env that cannot be read: no key (nothing cached; the boot says why).
    expect(routeTableKey(root, FILES, { ...CONFIG, env: '.env.missing' }, ENV)).toBeUndefined();
  });
});

describe('the cached route table', () => {
  it('is read back as written, under the nearest node_modules', () => {
    const root = project(SOURCES);
    const key = routeTableKey(root, FILES, CONFIG, ENV) ?? '';
    expect(readCachedRouteTable(root, key)).toBeUndefined();
    cacheRouteTable(root, key, TABLE);
    expect(readCachedRouteTable(root, key)).toEqual(TABLE);
    expect(defaultCacheDirectory(root)).toBe(path.join(root, 'node_modules', '.cache', 'npvguard'));
  });

  it('is not used when the file is damaged or not a table', () => {
    const root = project(SOURCES);
    const key = routeTableKey(root, FILES, CONFIG, ENV) ?? '';
    const file = path.join(defaultCacheDirectory(root), 'routes', `${key}.json`);
    mkdirSync(path.dirname(file), { recursive: true });
    for (const text of ['{"routes": [', '{"routes": [{"method": "GET"}]}', '[]', 'null']) {
      writeFileSync(file, text);
      expect(readCachedRouteTable(root, key)).toBeUndefined();
    }
  });

  it('keeps only tables recorded from a booted app', () => {
    const root = project(SOURCES);
    const key = routeTableKey(root, FILES, CONFIG, ENV) ?? '';
    cacheRouteTable(root, key, { ...TABLE, origin: 'static' });
    expect(readCachedRouteTable(root, key)).toBeUndefined();
  });

  it('keeps the newest tables when there are too many', () => {
    const root = project(SOURCES);
    const directory = path.join(defaultCacheDirectory(root), 'routes');
    mkdirSync(directory, { recursive: true });
    // Older tables, oldest first in time.
    for (let index = 0; index < KEPT_TABLES; index += 1) {
      const file = path.join(directory, `old${index}.json`);
      writeFileSync(file, JSON.stringify({ routes: TABLE.routes }));
      const when = new Date(Date.UTC(2020, 0, 1) + index * 1000);
      utimesSync(file, when, when);
    }
    cacheRouteTable(root, 'newest', TABLE);
    const kept = readdirSync(directory);
    expect(kept).toHaveLength(KEPT_TABLES);
    expect(kept).toContain('newest.json');
    expect(kept).not.toContain('old0.json');
    expect(kept).toContain(`old${KEPT_TABLES - 1}.json`);
  });
});
