import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { fixtureProject, type FixtureProject } from './fixtureProject.js';

/** init, then (committed, as init says) check: what a new user does first. */
async function initAndCommit(project: FixtureProject, args: readonly string[] = []) {
  const init = await runCli(['init', ...args], { cwd: project.root });
  project.commit('npvguard init');
  return init;
}

describe('init on an app built by `export const build = async () => …`, without ESLint', () => {
  let project: FixtureProject;
  let init: Awaited<ReturnType<typeof runCli>>;
  let config: string;

  beforeAll(async () => {
    project = fixtureProject('arrow-factory');
    init = await initAndCommit(project);
    config = project.read('npvguard.config.ts');
  }, 60_000);
  afterAll(() => project.remove());

  it('points contracts at the arrow factory and says why', () => {
    expect(init.code).toBe(0);
    expect(config).toContain("  contracts: { app: './src/app.ts#build', snapshot: 'contracts/openapi.json' },");
    expect(init.stdout).toMatch(/^note: the app: src\/app\.ts:4 \(build\) — async-factory: build returns the instance created by Fastify\(\)/m);
    expect(config).not.toContain('src/server/app.ts');
  });

  it('proposes budgets for the routes it has, with the register prefix, and no route it does not have', () => {
    expect(config).toContain("      'GET /v1/items': { p99Ms: 200 }, // src/routes/items.ts:5");
    expect(config).toContain("      'GET /v1/items': { p99Ms: 200 }, // src/routes/items.ts:5; static bound today 0 ms");
    // The stock call waits up to 500 ms for headers or body: over the starting 200 ms, the budget is the bound today.
    expect(config).toContain("      'GET /v1/items/:sku': { p99Ms: 500 }, // src/routes/items.ts:8; static bound today 500 ms");
    expect(init.stdout).toContain('note: latency: the budget of GET /v1/items/:sku is the static bound the route has today');
    expect(config).not.toContain('/healthz');
  });

  it('accepts what the first check finds on the existing code into the baseline file, and says what', () => {
    // The stock service is not there when the contract's property tests call GET /v1/items/:sku: it answers 500.
    const baseline = JSON.parse(project.read('npvguard.baseline.json')) as { findings: { ruleId: string; file: string; reason: string }[] };
    expect(baseline.findings.map((entry) => `${entry.ruleId} ${entry.file}`)).toEqual(['contracts/property-server-error src/routes/items.ts']);
    expect(baseline.findings[0]?.reason).toMatch(/^in the code when npvguard was adopted \(npvguard init, \d{4}-\d\d-\d\d\)/);
    expect(init.stdout).toContain('note: the first check found 1 finding (1 contracts/property-server-error) on the existing code. They are accepted in npvguard.baseline.json');
  });

  it('follows package.json imports (#lib/*) into layers and allows the driver only where it is used', () => {
    expect(config).toContain("      routes: ['services'],");
    expect(config).toContain("      services: ['lib'],");
    expect(config).toContain("      entry: ['routes'],");
    expect(config).toMatch(/externals: \{\n\s+undici: \['services'\],\n\s+\},/);
  });

  it('writes no ESLint config into a project without ESLint, and says the lint check uses its own rules', () => {
    expect(existsSync(path.join(project.root, 'eslint.config.js'))).toBe(false);
    expect(init.stdout).toContain('the project has no ESLint: no ESLint config was written');
  });

  it('the first check, every check, exits 0; a route importing the HTTP client directly makes boundaries fail', async () => {
    const clean = await runCli(['check', '--format', 'stylish'], { cwd: project.root });
    expect(clean.stderr).toBe('');
    expect(clean.code, clean.stdout).toBe(0);
    expect(clean.stdout).toMatch(/0 problems .*, 1 already accepted \(baseline, not shown\) .*checks: boundaries, lint, integrity, contracts, latency/);
    project.write('src/routes/items.ts', `import { request } from 'undici';\nexport const probe = request;\n${project.read('src/routes/items.ts')}`);
    const bypass = await runCli(['check', '--format', 'compact', '--only', 'boundaries'], { cwd: project.root });
    expect(bypass.code).toBe(1);
    expect(bypass.stdout).toMatch(/^src\/routes\/items\.ts:1:\d+ error boundaries\/external-not-allowed .*undici/m);
  }, 120_000);
});

describe('init on a fastify-cli / autoload layout: a plugin app that server.ts registers with fastify-plugin and listens', () => {
  let project: FixtureProject;
  let init: Awaited<ReturnType<typeof runCli>>;
  let config: string;
  let factory: string;

  beforeAll(async () => {
    project = fixtureProject('autoload-plugin');
    init = await initAndCommit(project);
    config = project.read('npvguard.config.ts');
    factory = project.read('npvguard.app.ts');
  }, 60_000);
  afterAll(() => project.remove());

  it('writes a factory module that builds the plugin as the entry does, without listening', () => {
    expect(init.code).toBe(0);
    expect(init.stdout).toMatch(/^created\s+npvguard\.app\.ts$/m);
    // The fixture's plugin packages are declaration stubs that cannot run: init could not boot the app, so it
    // names the app but leaves contracts off with the reason.
    expect(config).toContain("  // contracts: { app: './npvguard.app.ts#buildApp', snapshot: 'contracts/openapi.json' },");
    expect(config).toContain('  // API contract: not enabled, because `npvguard contracts update` failed (');
    expect(factory).toContain("import fp from 'fastify-plugin';");
    expect(factory).toContain("import app from './src/app.js';");
    expect(factory).toContain('instance.register(fp(app), { ...options });');
    // the entry's literal options are kept; its logger and values computed from names are not
    expect(factory).toContain('    bodyLimit: 1048576,');
    expect(factory).toContain("    ajv: { customOptions: { removeAdditional: 'all' } },");
    expect(factory).not.toMatch(/logger|requestTimeout|\.listen\(/);
    expect(init.stdout).toContain('src/server.ts registers it with fastify-plugin on the instance it creates with fastify(); it loads folders with @fastify/autoload');
  });

  it('gives routes their autoload folder prefixes', () => {
    for (const route of ['GET /health/live', 'GET /users', 'GET /users/:id']) expect(config).toContain(`'${route}': { p99Ms: 200 }`);
  });

  it('allows the database driver only in the plugins layer', () => {
    expect(config).toMatch(/externals: \{\n\s+knex: \['plugins'\],\n\s+\},/);
  });

  it('with ESLint in the project and its packages installed, writes eslint.config.js; the first check exits 0', async () => {
    expect(init.stdout).toMatch(/^created\s+eslint\.config\.js$/m);
    const clean = await runCli(['check', '--format', 'compact'], { cwd: project.root });
    expect(clean.stderr).toBe('');
    expect(clean.code).toBe(0);
  }, 120_000);

  it('a route that imports the database driver instead of using the decorator fails boundaries', async () => {
    project.write('src/routes/users/direct.ts', "import knex from 'knex';\n\nexport const db = knex({ client: 'pg' });\n");
    const bypass = await runCli(['check', '--format', 'compact', '--only', 'boundaries'], { cwd: project.root });
    expect(bypass.code).toBe(1);
    expect(bypass.stdout).toMatch(/^src\/routes\/users\/direct\.ts:1:\d+ error boundaries\/external-not-allowed .*knex/m);
  }, 120_000);
});

describe('init on an entry that builds the app at the top of a module and listens', () => {
  let project: FixtureProject;
  let init: Awaited<ReturnType<typeof runCli>>;

  beforeAll(async () => {
    project = fixtureProject('listen-entry');
    init = await initAndCommit(project);
  }, 60_000);
  afterAll(() => project.remove());

  it('writes a factory module repeating the setup without listening, and points contracts at it', () => {
    expect(init.code).toBe(0);
    const config = project.read('npvguard.config.ts');
    expect(config).toContain("  contracts: { app: './npvguard.app.ts#buildApp', snapshot: 'contracts/openapi.json' },");
    expect(config).toContain("      'GET /ping': { p99Ms: 200 },");
    const factory = project.read('npvguard.app.ts');
    expect(factory).toContain(`import fastify from 'fastify';
import { pong } from './src/handlers/pong.js';

export function buildApp() {
  const server = fastify();
  server.get('/ping', { schema: { response: { 200: { type: 'object', properties: { pong: { type: 'boolean' } } } } } }, pong);
  return server;
}
`);
    expect(factory).not.toMatch(/\.listen\(/);
    expect(init.stdout).toMatch(/^note: the app: src\/main\.ts:4 — listen-entry: .*every step between them \(lines 4–5\) is a call on the instance/m);
  });

  it('contracts update builds the app from it; the first check exits 0', async () => {
    const config = project.read('npvguard.config.ts');
    project.write('npvguard.config.ts', config.replace("  // contracts: { app: './npvguard.app.ts#buildApp'", "  contracts: { app: './npvguard.app.ts#buildApp'"));
    const update = await runCli(['contracts', 'update'], { cwd: project.root });
    expect(update.code, update.stderr + update.stdout).toBe(0);
    expect(project.read('contracts/openapi.json')).toContain('/ping');
    project.commit('contracts');
    const clean = await runCli(['check', '--format', 'compact'], { cwd: project.root });
    expect(clean.stderr).toBe('');
    expect(clean.code).toBe(0);
  }, 120_000);
});

describe('init on an entry whose setup uses values computed in the module', () => {
  let project: FixtureProject;
  let init: Awaited<ReturnType<typeof runCli>>;

  beforeAll(async () => {
    project = fixtureProject('listen-entry');
    project.write('src/main.ts', `import fastify from 'fastify';
import { pong } from './handlers/pong.js';

const server = fastify();
const limits = { max: Number('5') };
server.decorate('limits', limits);
server.get('/ping', { schema: { response: { 200: { type: 'object', properties: { pong: { type: 'boolean' } } } } } }, pong);
server.listen({ port: 3000 }).catch(() => process.exit(1));
`);
    project.commit('computed setup');
    init = await initAndCommit(project);
  }, 60_000);
  afterAll(() => project.remove());

  it('leaves contracts commented out, saying which line stops it, and writes no factory', () => {
    expect(init.code).toBe(0);
    const config = project.read('npvguard.config.ts');
    expect(config).toContain('  // contracts: not set up, because src/main.ts builds the app and calls listen, with nothing exported to reuse, and its setup cannot be repeated without running it (line 5 is not a call on `server`');
    expect(config).toContain("  // contracts: { app: './<module>.ts#<export>'");
    expect(existsSync(path.join(project.root, 'npvguard.app.ts'))).toBe(false);
    expect(init.stdout).toContain('note: contracts is left commented out: src/main.ts builds the app and calls listen');
  });

  it('the first check exits 0', async () => {
    const clean = await runCli(['check', '--format', 'compact'], { cwd: project.root });
    expect(clean.stderr).toBe('');
    expect(clean.code, clean.stdout).toBe(0);
  }, 120_000);
});

describe('init on a plugin app that only a test helper build() registers', () => {
  let project: FixtureProject;
  let init: Awaited<ReturnType<typeof runCli>>;

  beforeAll(async () => {
    project = fixtureProject('test-helper');
    init = await initAndCommit(project);
  }, 60_000);
  afterAll(() => project.remove());

  it('prefers the plugin (with the helper\'s options) over the async helper that boots it', () => {
    expect(init.code).toBe(0);
    const factory = project.read('npvguard.app.ts');
    expect(factory).toContain("import app from './src/app.js';");
    expect(factory).toContain("instance.register(app, { greeting: 'hi', ...options });");
    expect(factory).not.toContain('fastify-plugin');
    expect(init.stdout).toMatch(/other ways the app is built, ranked lower:\n\s+test\/helper\.ts:\d+ \(build\) — async-factory/);
    expect(project.read('npvguard.config.ts')).toContain("      'GET /notes': { p99Ms: 200 },");
  });

  it('the first check exits 0, and the factory module it wrote builds the app for contracts', async () => {
    const clean = await runCli(['check', '--format', 'compact'], { cwd: project.root });
    expect(clean.stderr).toBe('');
    expect(clean.code).toBe(0);
    project.write('npvguard.config.ts', project.read('npvguard.config.ts').replace('  // contracts: {', '  contracts: {'));
    const update = await runCli(['contracts', 'update'], { cwd: project.root });
    expect(update.stderr).toBe('');
    expect(update.code).toBe(0);
    const snapshot = JSON.parse(project.read('contracts/openapi.json')) as { paths: Record<string, unknown> };
    expect(Object.keys(snapshot.paths).some((route) => route.startsWith('/notes'))).toBe(true);
  }, 120_000);
});

describe('init on a project with ESLint but without the packages the ESLint config it would write imports', () => {
  const missing = ['typescript-eslint', 'eslint-plugin-npvguard'];
  let project: FixtureProject;

  beforeAll(() => {
    project = fixtureProject('arrow-factory', { withoutPackages: missing });
    const manifest = JSON.parse(project.read('package.json')) as Record<string, unknown>;
    project.write('package.json', `${JSON.stringify({ ...manifest, devDependencies: { eslint: '^9.0.0' } }, null, 2)}\n`);
    project.commit('eslint');
  });
  afterAll(() => project.remove());

  it('writes no ESLint config, prints the npm command, and the first check exits 0', async () => {
    const init = await initAndCommit(project);
    expect(init.code).toBe(0);
    expect(existsSync(path.join(project.root, 'eslint.config.js'))).toBe(false);
    expect(init.stdout).toContain('the ESLint config init would write imports typescript-eslint and eslint-plugin-npvguard, not installed: run `npm i -D typescript-eslint eslint-plugin-npvguard`, then `npvguard init` again (or `npvguard init --install`).');
    const check = await runCli(['check', '--format', 'compact', '--only', 'boundaries,lint,integrity'], { cwd: project.root });
    expect(check.stderr).toBe('');
    expect(check.code).toBe(0);
  }, 120_000);

  it('with --install, runs npm for them, then writes the config and a workflow that installs them', async () => {
    // An npm of the test's own on PATH: it records its arguments and links the packages it is asked for.
    const bin = path.join(project.root, '..', 'bin');
    const log = path.join(project.root, '..', 'npm-args.txt');
    const linked = missing.map((name) => `ln -s "$(readlink -f "${path.join(project.root, 'node_modules', 'fastify')}")/../${name}" "node_modules/${name}"`).join('\n');
    project.write('../bin/npm', `#!/bin/sh\necho "$@" > "${log}"\n${linked}\n`);
    execFileSync('chmod', ['+x', path.join(bin, 'npm')]);
    const previous = process.env.PATH;
    process.env.PATH = `${bin}${path.delimiter}${previous ?? ''}`;
    try {
      const init = await runCli(['init', '--install', '--force'], { cwd: project.root });
      expect(init.code).toBe(0);
      expect(init.stdout).toMatch(/^running\s+npm i -D typescript-eslint eslint-plugin-npvguard$/m);
    } finally {
      process.env.PATH = previous;
    }
    expect(readFileSync(log, 'utf8').trim()).toBe('install --save-dev typescript-eslint eslint-plugin-npvguard');
    expect(project.read('eslint.config.js')).toContain("import tseslint from 'typescript-eslint';");
    expect(project.read('.github/workflows/npvguard.yml')).toContain('# npm ci installs what `npvguard init` added to devDependencies: typescript-eslint, eslint-plugin-npvguard');
    project.commit('eslint config');
    const check = await runCli(['check', '--format', 'compact', '--only', 'boundaries,lint,integrity'], { cwd: project.root });
    expect(check.stdout).toBe('');
    expect(check.stderr).toBe('');
    expect(check.code).toBe(0);
  }, 120_000);
});
