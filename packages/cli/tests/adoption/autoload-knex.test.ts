import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  acceptedAtInit,
  type Adoption,
  checksRun,
  cleanCheck,
  commitSetup,
  copyAsRepository,
  expectCaught,
  expectPassed,
  initService,
  loosenFirstBudget,
  plant,
  type Run,
  STEP_TIMEOUT,
  type Verdict,
} from './support.js';

/**
 * A service loaded with @fastify/autoload (plugins, repositories and nested route folders), its database handle and
 * repositories injected as decorators through fastify-plugin, TypeBox schemas, knex on PostgreSQL that never connects.
 * The app is a plugin (`export default async function (fastify, opts)`) registered by src/server.ts, which listens:
 * there is no factory that returns an instance.
 */
const APP = 'autoload-knex';

describe('adoption: autoload, decorators, TypeBox and knex', () => {
  let adoption: Adoption;
  let init: Run;
  let update: Run;
  let clean: Verdict;

  beforeAll(async () => {
    adoption = copyAsRepository(APP);
    ({ init, update } = await initService(adoption.repo));
    commitSetup(adoption);
    clean = await cleanCheck(APP, adoption.repo, { init, update });
  }, STEP_TIMEOUT);

  afterAll(() => adoption?.remove());

  it('init sets up every check, and the snapshot is written from the autoloaded routes', () => {
    expect(init.code, init.stderr).toBe(0);
    expect(update.code, update.stderr || update.stdout).toBe(0);
    const snapshot = path.join(adoption.repo, 'contracts', 'openapi.json');
    expect(existsSync(snapshot)).toBe(true);
    const paths = Object.keys((JSON.parse(readFileSync(snapshot, 'utf8')) as { paths: Record<string, unknown> }).paths);
    // Autoload prefixes from the folders: routes/api/items/index.ts serves /api/items.
    expect(paths).toEqual(expect.arrayContaining(['/health', '/api/items/{id}']));
    expect(paths.some((p) => /^\/api\/items\/?$/.test(p))).toBe(true);
    expect(paths.some((p) => /^\/api\/warehouses\/?$/.test(p))).toBe(true);
    expect(checksRun(clean), clean.summary).toEqual(expect.arrayContaining(['boundaries', 'contracts', 'latency', 'lint', 'integrity']));
  });

  it('the first check on the untouched service is clean', () => {
    expect(clean.code, clean.summary).toBe(0);
    expect(clean.newErrors, clean.summary).toEqual([]);
    // The warehouse repository is handed the knex decorator: whether a timeout was set where knex was created is not
    // followed, so the route's bound is undecided (a warning, accepted as it is today).
    expect(acceptedAtInit(adoption.repo)).toEqual(['latency/undecided-bound src/routes/api/warehouses/index.ts']);
  });

  it('(a) a route that takes the knex decorator by destructuring, skipping the repository, is a layer bypass', async () => {
    const verdict = await plant(adoption, 'decorator-bypass', (edit) => {
      edit.replace(
        'src/routes/api/warehouses/index.ts',
        'async () => fastify.warehousesRepository.all(),',
        `async () => {
      const { knex } = fastify;
      return knex('warehouses').select('id', 'code', 'city').orderBy('code').timeout(80);
    },`,
      );
    });
    expectCaught(APP, '(a) decorator bypass (destructured fastify.knex in a route)', verdict, ['boundaries/forbidden-import']);
  }, STEP_TIMEOUT);

  it('(b) a renamed response property, with the snapshot regenerated, is a breaking change', async () => {
    const verdict = await plant(adoption, 'breaking-response', async (edit) => {
      edit.replace('src/schemas/item.ts', 'warehouseId: Type.Integer({ minimum: 1 }),\n  },\n  { additionalProperties: false },\n);\nexport type Item', 'warehouse: Type.Integer({ minimum: 1 }),\n  },\n  { additionalProperties: false },\n);\nexport type Item');
      edit.replace('src/routes/api/items/mapping.ts', 'warehouseId: row.warehouse_id', 'warehouse: row.warehouse_id');
      await edit.npvguard(['contracts', 'update']);
    });
    expectCaught(APP, '(b) response property renamed in a TypeBox schema (snapshot regenerated)', verdict, ['contracts/response-property-removed']);
  }, STEP_TIMEOUT);

  it('(c) a query moved into a helper file that drops its timeout is an untimed database call', async () => {
    const verdict = await plant(adoption, 'untimed-query', (edit) => {
      edit.write(
        'src/repositories/queries.ts',
        `import type { Knex } from 'knex';
import type { ItemRow } from './items.js';

export function itemById(db: Knex, id: number) {
  return db<ItemRow>('items').where({ id }).first();
}
`,
      );
      edit.replace('src/repositories/items.ts', "import type { Knex } from 'knex';", "import type { Knex } from 'knex';\nimport { itemById } from './queries.js';");
      edit.replace('src/repositories/items.ts', "return db<ItemRow>('items').where({ id }).first().timeout(ITEM_QUERY_TIMEOUT_MS, { cancel: true });", 'return itemById(db, id);');
    });
    expectCaught(APP, '(c) knex query without .timeout() in a helper file', verdict, ['latency/missing-timeout']);
  }, STEP_TIMEOUT);

  it('(d) a block eslint-disable at the top of a file is caught', async () => {
    const verdict = await plant(adoption, 'eslint-disable', (edit) => {
      edit.replace('src/routes/api/items/mapping.ts', "import type { ItemRow }", "/* eslint-disable @typescript-eslint/no-unused-vars */\nimport type { ItemRow }");
    });
    expectCaught(APP, '(d) /* eslint-disable rule */ at the top of a file', verdict, ['integrity/eslint-disable']);
  }, STEP_TIMEOUT);

  it('(e) a deleted route test file is caught', async () => {
    const verdict = await plant(adoption, 'deleted-test', (edit) => {
      edit.remove('test/routes/items.spec.ts');
    });
    expectCaught(APP, '(e) test/routes/items.spec.ts deleted', verdict, ['integrity/deleted-test-file']);
  }, STEP_TIMEOUT);

  it('(e2) a raised latency budget in the config init wrote is caught', async () => {
    const verdict = await plant(adoption, 'loosened-budget', (edit) => loosenFirstBudget(edit, 'npvguard.config.ts'));
    expectCaught(APP, '(e2) first p99Ms budget raised ×4', verdict, ['integrity/npvguard-config-loosened']);
  }, STEP_TIMEOUT);

  it('benign: repository reached through request.server, a schema moved to its own file, a timed query, eslint-disable in a string', async () => {
    const verdict = await plant(adoption, 'benign-refactor', (edit) => {
      edit.write('src/schemas/error.ts', "import { Type } from 'typebox';\n\nexport const ErrorSchema = Type.Object({ message: Type.String() });\n");
      edit.replace('src/schemas/item.ts', "export const ErrorSchema = Type.Object({ message: Type.String() });\n", "export { ErrorSchema } from './error.js';\n");
      edit.replace(
        'src/routes/api/items/index.ts',
        'const row = await fastify.itemsRepository.findById(request.params.id);',
        'const { itemsRepository } = request.server;\n      const row = await itemsRepository.findById(request.params.id);',
      );
      edit.replace(
        'src/repositories/warehouses.ts',
        "return this.db<WarehouseRow>('warehouses').select('id', 'code', 'city').orderBy('code').timeout(this.timeoutMs);",
        "const rows = await this.db<WarehouseRow>('warehouses').select('id', 'code', 'city').orderBy('code').timeout(this.timeoutMs);\n    return rows;",
      );
      edit.replace('src/errorHandler.ts', "return reply.code(500).send({ message: 'internal error' });", "// Fix the cause; an eslint-disable here would only hide it.\n  return reply.code(500).send({ message: 'internal error (eslint-disable is not a fix)' });");
    });
    expectPassed(APP, 'benign: request.server destructuring, schema moved, timed query, eslint-disable in a string', verdict);
  }, STEP_TIMEOUT);
});
