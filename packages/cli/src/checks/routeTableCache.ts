import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ContractsConfig } from '@npvguard/core';
import { cliVersion } from '../shared/version.js';
import { contractsEnv } from './contracts/load/appEnv.js';
import { defaultCacheDirectory, writeFileAtomically } from '../modules/cacheDirectory.js';
import type { RouteEntry, RouteTable } from './routeTable.js';

/**
 * The route table of a booted app, kept between checks and runs: booting an app costs seconds, and the contracts
 * check, the latency check and the base side of `--base` each need the same table. It is keyed by everything the
 * boot reads that npvguard can name: the project's files and the app factory, package.json, tsconfig.json, the
 * lockfiles and npm's record of what is installed, the `.env*` files at the root, the `contracts` config, and the
 * values of the environment variables the sources name (NODE_ENV always). A change to any of them is another key,
 * so a table is never reused for code that could register other routes. The table holds urls and the
 * root-relative lines that register them, so a base checkout with the same files finds the head's table.
 */

/** Bumped whenever the meaning of a cached table or of its key changes. */
const FORMAT = 1;

const ROOT_INPUTS = ['package.json', 'tsconfig.json', 'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock', 'node_modules/.package-lock.json'];
const ENV_NAME = /\b[A-Z][A-Z0-9_]{1,}\b/g;

function readOrUndefined(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** The `.env*` files at the root: an app's env plugin may read them while it boots. */
function envFiles(root: string): string[] {
  try {
    return fs.readdirSync(root).filter((name) => name.startsWith('.env'));
  } catch {
    return [];
  }
}

/** The module the `contracts.app` reference names (`./npvguard.app.ts#buildApp` → npvguard.app.ts), root-relative. */
function appModule(app: string): string {
  const hash = app.lastIndexOf('#');
  return path.normalize(hash === -1 ? app : app.slice(0, hash));
}

/** The settings of `contracts` the boot reads, as text (an option that is not plain data: its text as JavaScript gives it). */
function settingsOf(config: ContractsConfig): string {
  try {
    return JSON.stringify({ app: config.app, appOptions: config.appOptions ?? null, env: config.env ?? null });
  } catch {
    return `${config.app}\0${String(config.appOptions)}\0${JSON.stringify(config.env ?? null)}`;
  }
}

/**
 * The key of the route table `config.app` builds from the project as it is on disk under `root`. The variables
 * are those the boot sees: the environment's, and `contracts.env`'s where the environment has none (so the key is
 * the same whether it is computed before or while they are set). Undefined when `contracts.env` cannot be read: the
 * boot then says why, and nothing is cached.
 */
// eslint-disable-next-line npvguard/no-process-env-outside-config -- the environment the user's app boots in, which the key must cover; not a setting of ours
export function routeTableKey(root: string, files: readonly string[], config: ContractsConfig, environment: NodeJS.ProcessEnv = process.env): string | undefined {
  let configured: Record<string, string>;
  try {
    configured = contractsEnv(root, config);
  } catch {
    return undefined;
  }
  const env: Record<string, string | undefined> = { ...configured, ...definedOnly(environment) };
  const hash = createHash('sha256');
  const names = new Set<string>(['NODE_ENV']);
  const add = (label: string, text: string | undefined): void => {
    hash.update(`${label}\0${text === undefined ? '\u0001absent' : text}\0`);
    if (text !== undefined) for (const match of text.matchAll(ENV_NAME)) names.add(match[0]);
  };
  hash.update(`${FORMAT}\0${cliVersion()}\0${settingsOf(config)}\0`);
  const inputs = new Set([...files, appModule(config.app), ...ROOT_INPUTS]);
  for (const name of envFiles(root)) inputs.add(name);
  for (const file of [...inputs].sort()) add(file, readOrUndefined(path.join(root, file)));
  for (const name of [...names].sort()) {
    const value = env[name];
    if (value !== undefined) hash.update(`env\0${name}\0${value}\0`);
  }
  return hash.digest('hex').slice(0, 32);
}

function definedOnly(environment: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(environment).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

function cacheFile(root: string, key: string): string {
  return path.join(defaultCacheDirectory(root), 'routes', `${key}.json`);
}

function isRouteEntry(value: unknown): value is RouteEntry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return typeof entry['method'] === 'string' && typeof entry['url'] === 'string' && typeof entry['key'] === 'string' && typeof entry['hasSchema'] === 'boolean';
}

/** The table cached under `key`, or undefined (none, or unreadable: then the app is booted as if there were none). */
export function readCachedRouteTable(root: string, key: string): RouteTable | undefined {
  const text = readOrUndefined(cacheFile(root, key));
  if (text === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const routes = (parsed as Record<string, unknown>)['routes'];
    if (!Array.isArray(routes) || !routes.every(isRouteEntry)) return undefined;
    return { origin: 'app', routes };
  } catch {
    return undefined;
  }
}

/** Keeps a booted app's table under `key`, written whole or not at all. Best effort. */
export function cacheRouteTable(root: string, key: string, table: RouteTable): void {
  if (table.origin !== 'app') return;
  const file = cacheFile(root, key);
  try {
    writeFileAtomically(file, JSON.stringify({ routes: table.routes }));
    prune(path.dirname(file));
  } catch {
    // A cache that cannot be written only costs the next run a boot.
  }
}

/** Tables kept at most: one per state of the project's files that was checked, so the newest are kept. */
export const KEPT_TABLES = 200;

/** Removes the tables written longest ago once there are more than {@link KEPT_TABLES}. */
function prune(directory: string): void {
  const names = fs.readdirSync(directory).filter((name) => name.endsWith('.json'));
  if (names.length <= KEPT_TABLES) return;
  const byAge = names
    .map((name) => ({ name, written: fs.statSync(path.join(directory, name), { throwIfNoEntry: false })?.mtimeMs ?? 0 }))
    .sort((left, right) => right.written - left.written);
  for (const { name } of byAge.slice(KEPT_TABLES)) fs.rmSync(path.join(directory, name), { force: true });
}
