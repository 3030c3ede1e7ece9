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
