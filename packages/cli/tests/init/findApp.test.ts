import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { discoverApp } from '../../src/init/findApp.js';

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** Writes the files into a fresh folder and runs the discovery over them. */
function discover(files: Record<string, string>) {
  const root = mkdtempSync(path.join(tmpdir(), 'npvguard-find-app-'));
  folders.push(root);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return discoverApp(root, Object.keys(files));
}

const best = (files: Record<string, string>) => {
  const [first] = discover(files).candidates;
  return first === undefined ? undefined : { kind: first.kind, file: first.file, exportName: first.exportName };
};

describe('discoverApp: the factory export in any form', () => {
  it.each([
    ['a function declaration', "import Fastify from 'fastify';\nexport function createServer() {\n  const server = Fastify();\n  return server;\n}\n", 'factory', 'createServer'],
    ['an arrow returning the call itself', "import { fastify } from 'fastify';\nexport const make = () => fastify({ logger: false });\n", 'factory', 'make'],
    ['an async arrow', "import Fastify from 'fastify';\nexport const build = async () => {\n  const app = Fastify();\n  return app;\n};\n", 'async-factory', 'build'],
    ['a default export', "import Fastify from 'fastify';\nexport default function () {\n  return Fastify();\n}\n", 'factory', 'default'],
    ['a chain of instance methods', "import Fastify from 'fastify';\nexport function app() {\n  const instance = Fastify().withTypeProvider<never>().setErrorHandler(() => undefined);\n  return instance;\n}\n", 'factory', 'app'],
    ['a name re-exported from a local', "import Fastify from 'fastify';\nfunction assemble() {\n  const a = Fastify();\n  return a;\n}\nexport { assemble as buildApp };\n", 'factory', 'buildApp'],
  ])('%s', (_form, source, kind, exportName) => {
    expect(best({ 'src/app.ts': source })).toEqual({ kind, file: 'src/app.ts', exportName });
  });

  it('does not take a function that returns something else, whatever its name', () => {
    expect(best({ 'src/app.ts': "import Fastify from 'fastify';\nexport function buildApp() {\n  Fastify();\n  return { ok: true };\n}\n" })).toBeUndefined();
  });

  it('prefers a factory in the sources to one in a test helper', () => {
    const helper = "import Fastify from 'fastify';\nexport function build() {\n  return Fastify();\n}\n";
    expect(best({ 'src/app.ts': helper.replace('build', 'makeApp'), 'test/helper.ts': helper })).toEqual({ kind: 'factory', file: 'src/app.ts', exportName: 'makeApp' });
  });

  it('takes a fastify-cli plugin that loads folders with autoload, and gives its routes their folder prefixes', () => {
    const found = discover({
      'src/app.ts': "import path from 'node:path';\nimport AutoLoad from '@fastify/autoload';\nexport default async function app(fastify, opts) {\n  fastify.register(AutoLoad, { dir: path.join(import.meta.dirname, 'routes'), options: opts });\n}\n",
      'src/routes/accounts/_accountId/index.ts': "import type { FastifyInstance } from 'fastify';\nexport default async function (fastify: FastifyInstance) {\n  fastify.get('/', async () => ({}));\n  fastify.delete('/', async () => ({}));\n}\n",
      'src/routes/root.ts': "import type { FastifyInstance } from 'fastify';\nexport default async function (fastify: FastifyInstance) {\n  fastify.get('/', async () => ({}));\n}\n",
    });
    expect(found.candidates[0]).toMatchObject({ kind: 'plugin', file: 'src/app.ts', exportName: 'default' });
    // the route plugins autoload loads are part of the app, not candidates
    expect(found.candidates.map((candidate) => candidate.file)).toEqual(['src/app.ts']);
    expect(found.autoloadDirs).toEqual(['src/routes']);
    expect(found.routes.map((route) => `${route.method} ${route.url}`).sort()).toEqual(['DELETE /accounts/:accountId', 'GET /', 'GET /accounts/:accountId']);
  });

  it('a function that creates the instance, returns it and listens is an entry, not a factory', () => {
    const found = discover({
      'src/server.ts': "import Fastify from 'fastify';\nexport async function startServer(port: number) {\n  const app = Fastify();\n  await app.listen({ port });\n  return app;\n}\n",
    });
    expect(found.candidates.map((candidate) => candidate.kind)).toEqual(['listen-entry']);
  });

  it('a factory whose module imports a test runner is test support: listed after an entry whose setup can be repeated', () => {
    const found = discover({
      'src/support/server.ts': "import Fastify from 'fastify';\nimport { afterAll } from 'vitest';\nexport function setup() {\n  const app = Fastify();\n  return app;\n}\nafterAll(() => undefined);\n",
      'src/main.ts': "import Fastify from 'fastify';\nimport cors from '@fastify/cors';\nconst app = Fastify({ trustProxy: true });\napp.register(cors, { origin: '*' });\napp.listen({ port: 1 });\n",
    });
    expect(found.candidates.map((candidate) => [candidate.kind, candidate.file, candidate.testFramework])).toEqual([
      ['listen-entry', 'src/main.ts', undefined],
      ['factory', 'src/support/server.ts', 'vitest'],
    ]);
    const setup = found.candidates[0]?.setup;
    expect(setup).toEqual({
      reproducible: true,
      variable: 'app',
      creation: 'Fastify({ trustProxy: true })',
      statements: ["app.register(cors, { origin: '*' });"],
      imports: [
        { text: "import Fastify from 'fastify';", specifier: 'fastify' },
        { text: "import cors from '@fastify/cors';", specifier: '@fastify/cors' },
      ],
      firstLine: 3,
      lastLine: 4,
    });
  });

  it('an entry whose setup reads a value of the module cannot be repeated, and says which line', () => {
    const found = discover({
      'src/main.ts': "import Fastify from 'fastify';\nconst app = Fastify();\nconst secret = String(Date.now());\napp.decorate('secret', secret);\napp.listen({ port: 1 });\n",
    });
    expect(found.candidates[0]?.setup).toEqual({ reproducible: false, reason: 'line 3 is not a call on `app`: `const secret = String(Date.now());`' });
    const computed = discover({ 'src/main.ts': "import Fastify from 'fastify';\nconst app = Fastify();\napp.decorate('now', Date.now());\napp.listen({ port: 1 });\n" });
    expect(computed.candidates[0]?.setup).toEqual({ reproducible: false, reason: 'line 3: `Date.now()` is computed where the app is built' });
  });

  it('route plugins that an entry registers one by one are parts of the app: the entry is the app', () => {
    const plugin = (name: string, url: string) => `import type { FastifyInstance } from 'fastify';\nexport async function ${name}(app: FastifyInstance) {\n  app.get('${url}', async () => 'ok');\n}\n`;
    const found = discover({
      'src/routes/a.ts': plugin('aRoute', '/a'),
      'src/routes/b.ts': plugin('bRoute', '/b'),
      'src/server.ts': "import fastify from 'fastify';\nimport { aRoute } from './routes/a.js';\nimport { bRoute } from './routes/b.js';\nconst app = fastify();\napp.register(aRoute);\napp.register(bRoute);\napp.listen({ port: 1 });\n",
    });
    expect(found.candidates.map((candidate) => [candidate.kind, candidate.file, candidate.part ?? false])).toEqual([
      ['listen-entry', 'src/server.ts', false],
      ['plugin', 'src/routes/a.ts', true],
      ['plugin', 'src/routes/b.ts', true],
    ]);
    expect(found.candidates[1]?.reasons).toEqual(['src/server.ts registers it and 1 other plugin on the instance it creates with fastify(), so it is one part of the app']);
  });

  it('an entry that builds the app inline and listens is found, ranked last', () => {
    const found = discover({ 'src/main.ts': "import fastify from 'fastify';\nconst server = fastify();\nserver.get('/ping', async () => 'pong');\nawait server.listen({ port: 1 });\n" });
    expect(found.candidates.map((candidate) => candidate.kind)).toEqual(['listen-entry']);
    expect(found.routes.map((route) => `${route.method} ${route.url}`)).toEqual(['GET /ping']);
  });

  it('follows register prefixes through nested plugins', () => {
    const found = discover({
      'src/app.ts': "import Fastify from 'fastify';\nimport { api } from './api.js';\nexport function buildApp() {\n  const app = Fastify();\n  app.register(api, { prefix: '/api' });\n  return app;\n}\n",
      'src/api.ts': "import type { FastifyInstance } from 'fastify';\nimport { v2 } from './v2.js';\nexport async function api(fastify: FastifyInstance) {\n  fastify.register(v2, { prefix: '/v2' });\n  fastify.route({ method: ['GET', 'POST'], url: '/status', handler: async () => ({}) });\n}\n",
      'src/v2.ts': "import type { FastifyInstance } from 'fastify';\nexport async function v2(fastify: FastifyInstance) {\n  fastify.put('/things/:id', async () => ({}));\n}\n",
    });
    expect(found.routes.map((route) => `${route.method} ${route.url}`).sort()).toEqual(['GET /api/status', 'POST /api/status', 'PUT /api/v2/things/:id']);
  });
});
