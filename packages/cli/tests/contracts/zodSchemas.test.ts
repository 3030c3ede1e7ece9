import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli, spawnCli } from '../support/cli.js';

/** The zod type-provider service of the adoption fixtures, with a contracts section of its own. */
const FIXTURE = path.join(REPO_ROOT, 'packages', 'cli', 'tests', 'fixtures', 'adoption', 'zod-provider');

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function project(): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'npvguard-zod-contract-'));
  folders.push(folder);
  cpSync(FIXTURE, folder, { recursive: true });
  symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(folder, 'node_modules'), 'dir');
  writeFileSync(path.join(folder, 'npvguard.config.ts'), "export default { contracts: { app: './src/app.ts#createApp', snapshot: 'contracts/openapi.json' } };\n");
  return folder;
}

type Snapshot = { paths: Record<string, { get: { parameters?: Array<{ name: string; schema: unknown }>; responses: Record<string, { content: { 'application/json': { schema: Record<string, unknown> } } }> } }> };

describe('contracts of a fastify-type-provider-zod app', { timeout: 60_000 }, () => {
  it('snapshots JSON Schema converted with the project\'s zod, not zod\'s internals', async () => {
    const folder = project();
    const update = await runCli(['contracts', 'update', '--cwd', folder], { cwd: folder });
    expect(update.code, update.stderr).toBe(0);
    const text = readFileSync(path.join(folder, 'contracts', 'openapi.json'), 'utf8');
    expect(text).not.toMatch(/"def"|"_zod"|"shape"/);
    const snapshot = JSON.parse(text) as Snapshot;
    const quotes = snapshot.paths['/v1/quotes']?.get;
    expect(quotes?.parameters?.map((parameter) => parameter.name)).toEqual(['destination', 'origin', 'weightGrams']);
    const ok = quotes?.responses['200']?.content['application/json'].schema;
    expect(ok).toMatchObject({ type: 'object', required: ['cached', 'quotes'], properties: { cached: { type: 'boolean' } } });
    const check = await runCli(['check', '--only', 'contracts', '--format', 'json', '--cwd', folder], { cwd: folder });
    expect(JSON.parse(check.stdout)).toMatchObject({ findings: [] });
    expect(check.code).toBe(0);
  });

  it('a response schema zod cannot represent as JSON Schema is NPV2107 naming the route, not a snapshot', async () => {
    const folder = project();
    const schemas = path.join(folder, 'src', 'schemas', 'quote.ts');
    writeFileSync(schemas, readFileSync(schemas, 'utf8').replace('  cached: z.boolean(),', '  cached: z.boolean(),\n  quotedAt: z.date(),'));
    const run = await spawnCli(['contracts', 'update'], { cwd: folder });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('error NPV2107: The app ./src/app.ts#createApp declares route schemas npvguard could not read as JSON Schema');
    expect(run.stderr).toContain('GET /v1/quotes schema.response.200 (src/routes/quotes.ts:6): a zod schema that could not be converted to JSON Schema: Date cannot be represented in JSON Schema');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

/** A fastify app whose route schemas are zod 3 (zod 4's `zod/v3`), validated by their own `safeParse`. */
const ZOD3_APP = `import Fastify from 'fastify';
import { z } from 'zod/v3';

const Item = z.object({ id: z.string().uuid(), qty: z.number().int().min(1), note: z.string().optional() });

export function buildApp() {
  const app = Fastify({ logger: false });
  app.setValidatorCompiler(({ schema }) => (data) => {
    const parsed = (schema as z.ZodTypeAny).safeParse(data);
    return parsed.success ? { value: parsed.data } : { error: parsed.error };
  });
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  app.post('/items', { schema: { body: Item, response: { 201: Item } } }, async (request, reply) => reply.code(201).send(request.body));
  return app;
}
`;

describe('contracts of an app with zod 3 schemas', { timeout: 60_000 }, () => {
  it('converts them with the zod-to-json-schema the app resolves, and the property tests pass', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'npvguard-zod3-contract-'));
    folders.push(folder);
    symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(folder, 'node_modules'), 'dir');
    writeFileSync(path.join(folder, 'package.json'), '{ "name": "items", "type": "module" }\n');
    writeFileSync(path.join(folder, 'app.ts'), ZOD3_APP);
    writeFileSync(path.join(folder, 'npvguard.config.ts'), "export default { include: ['app.ts'], contracts: { app: './app.ts#buildApp', snapshot: 'contracts/openapi.json' } };\n");
    const update = await runCli(['contracts', 'update', '--cwd', folder], { cwd: folder });
    expect(update.code, update.stderr).toBe(0);
    const text = readFileSync(path.join(folder, 'contracts', 'openapi.json'), 'utf8');
    expect(text).not.toMatch(/"_def"|"typeName"|"\$schema"/);
    const body = (JSON.parse(text) as { paths: Record<string, { post: { requestBody: { content: { 'application/json': { schema: unknown } } } } }> }).paths['/items']?.post.requestBody.content['application/json'].schema;
    expect(body).toEqual({
      type: 'object',
      properties: { id: { type: 'string', format: 'uuid' }, qty: { type: 'integer', minimum: 1 }, note: { type: 'string' } },
      required: ['id', 'qty'],
      additionalProperties: false,
    });
    const check = await runCli(['check', '--only', 'contracts', '--format', 'json', '--cwd', folder], { cwd: folder });
    expect(check.code, check.stdout).toBe(0);
    expect((JSON.parse(check.stdout) as { checks: { id: string; data?: { properties?: { requests: number } } }[] }).checks.find((run) => run.id === 'contracts')?.data?.properties?.requests).toBeGreaterThan(0);
  });
});
