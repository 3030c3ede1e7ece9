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
 * Plain JSON-schema routes with shared schemas (addSchema + $ref), @fastify/swagger and swagger-ui (third-party
 * routes under /docs), an async `build()` factory in src/app.ts, routes registered explicitly with prefixes, a pg
 * pool whose query timeout is set once on the pool, repositories as classes behind one `repos` decorator.
 */
const APP = 'json-swagger';

describe('adoption: JSON schemas, swagger and pg', () => {
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

  it('init finds the async build() factory; the snapshot has the service routes and not swagger-ui', () => {
    expect(init.code, init.stderr).toBe(0);
    expect(update.code, update.stderr || update.stdout).toBe(0);
    const snapshot = path.join(adoption.repo, 'contracts', 'openapi.json');
    expect(existsSync(snapshot)).toBe(true);
    const paths = Object.keys((JSON.parse(readFileSync(snapshot, 'utf8')) as { paths: Record<string, unknown> }).paths);
    expect(paths).toEqual(expect.arrayContaining(['/venues/{id}']));
    expect(paths.some((p) => /^\/venues\/?$/.test(p))).toBe(true);
    expect(paths.some((p) => /^\/bookings\/?$/.test(p))).toBe(true);
    expect(checksRun(clean), clean.summary).toEqual(expect.arrayContaining(['boundaries', 'contracts', 'latency', 'lint', 'integrity']));
  });

  it('the first check on the untouched service is clean (swagger-ui routes are not the service\'s to give schemas or budgets)', () => {
    expect(clean.code, clean.summary).toBe(0);
    expect(clean.newErrors, clean.summary).toEqual([]);
    // The venue repository is handed the pg pool: its two routes' bounds rest on a pool created elsewhere (warnings).
    expect(acceptedAtInit(adoption.repo)).toEqual(['latency/undecided-bound src/routes/venues.ts', 'latency/undecided-bound src/routes/venues.ts']);
  });

  it('(a) a route helper in another file that hands out the pool decorator is a layer bypass', async () => {
    const verdict = await plant(adoption, 'decorator-bypass', (edit) => {
      edit.write(
        'src/routes/helpers.ts',
        `import type { FastifyInstance } from 'fastify';

/** Shortcut for read-only lookups. */
export function sql(app: FastifyInstance) {
  return app.db;
}
`,
      );
      edit.replace('src/routes/venues.ts', "import type { FastifyInstance } from 'fastify';", "import type { FastifyInstance } from 'fastify';\nimport { sql } from './helpers.js';");
      edit.replace(
        'src/routes/venues.ts',
        'async () => fastify.repos.venues.list(),',
        "async () => (await sql(fastify).query('SELECT id, name, capacity FROM venues ORDER BY name')).rows,",
      );
    });
    expectCaught(APP, '(a) decorator bypass (app.db returned by a route helper file)', verdict, ['boundaries/forbidden-import']);
  }, STEP_TIMEOUT);

  it('(a2) a route importing the database driver itself is a package its layer may not use', async () => {
    const verdict = await plant(adoption, 'driver-in-route', (edit) => {
      edit.replace('src/routes/bookings.ts', "import type { FastifyInstance } from 'fastify';", "import type { FastifyInstance } from 'fastify';\nimport pg from 'pg';\n\nconst audit = new pg.Pool({ connectionString: 'postgres://audit@127.0.0.1:5432/audit', query_timeout: 50 });");
      edit.replace('src/routes/bookings.ts', '      const booking = await fastify.repos.bookings.create(request.body);', "      const booking = await fastify.repos.bookings.create(request.body);\n      await audit.query('INSERT INTO audit (kind, ref) VALUES ($1, $2)', ['booking', booking.id]);");
    });
    expectCaught(APP, '(a2) route imports pg and queries its own pool (externals)', verdict, ['boundaries/external-not-allowed']);
  }, STEP_TIMEOUT);

  it('(b) a required property removed from a shared addSchema schema referenced by $ref is a breaking change', async () => {
    const verdict = await plant(adoption, 'breaking-response', async (edit) => {
      edit.replace('src/schemas.ts', "required: ['id', 'name', 'capacity'],", "required: ['id', 'name'],");
      edit.replace('src/schemas.ts', "    capacity: { type: 'integer', minimum: 1 },\n", '');
      edit.replace('src/repositories/venues.ts', '  capacity: number;\n', '');
      edit.replace('src/repositories/venues.ts', "'SELECT id, name, capacity FROM venues ORDER BY name'", "'SELECT id, name FROM venues ORDER BY name'");
      edit.replace('src/repositories/venues.ts', "'SELECT id, name, capacity FROM venues WHERE id = $1'", "'SELECT id, name FROM venues WHERE id = $1'");
      await edit.npvguard(['contracts', 'update']);
    });
    expectCaught(APP, '(b) required property removed from an addSchema $ref schema (snapshot regenerated)', verdict, ['contracts/response-property-removed']);
  }, STEP_TIMEOUT);

  it('(c) a second pg pool without query_timeout, queried on a route, is an untimed database call', async () => {
    const verdict = await plant(adoption, 'untimed-query', (edit) => {
      edit.write(
        'src/repositories/reports.ts',
        `import pg from 'pg';

const reporting = new pg.Pool({ connectionString: 'postgres://reports@127.0.0.1:5432/bookings' });

export async function seatsBooked(venueId: string): Promise<number> {
  const result = await reporting.query<{ seats: number }>('SELECT coalesce(sum(seats), 0)::int AS seats FROM bookings WHERE venue_id = $1', [venueId]);
  return result.rows[0]?.seats ?? 0;
}
`,
      );
      edit.replace('src/repositories/venues.ts', 'import type pg from \'pg\';', "import type pg from 'pg';\nimport { seatsBooked } from './reports.js';");
      edit.replace(
        'src/repositories/venues.ts',
        "    return result.rows[0];\n",
        '    const venue = result.rows[0];\n    if (venue !== undefined) await seatsBooked(venue.id);\n    return venue;\n',
      );
    });
    expectCaught(APP, '(c) pg Pool without query_timeout in a new module, awaited on GET /venues/:id', verdict, ['latency/missing-timeout']);
  }, STEP_TIMEOUT);

  it('(d) a whole-file /* eslint-disable */ is caught', async () => {
    const verdict = await plant(adoption, 'eslint-disable', (edit) => {
      edit.replace('src/routes/bookings.ts', "import type { FastifyInstance } from 'fastify';", "/* eslint-disable */\nimport type { FastifyInstance } from 'fastify';");
    });
    expectCaught(APP, '(d) /* eslint-disable */ (no rule) at the top of a route file', verdict, ['integrity/eslint-disable']);
  }, STEP_TIMEOUT);

  it('(e) a raised latency budget is caught', async () => {
    const verdict = await plant(adoption, 'loosened-budget', (edit) => loosenFirstBudget(edit, 'npvguard.config.ts'));
    expectCaught(APP, '(e) first p99Ms budget in npvguard.config.ts raised ×4', verdict, ['integrity/npvguard-config-loosened']);
  }, STEP_TIMEOUT);

  it('benign: an inline response schema moved to a $ref, and "eslint-disable" inside a template string', async () => {
    const verdict = await plant(adoption, 'benign', (edit) => {
      edit.replace(
        'src/routes/venues.ts',
        "params: { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } },",
        "params: { $ref: 'VenueParams#' },",
      );
      edit.replace(
        'src/schemas.ts',
        'export const problemSchema',
        "export const venueParamsSchema = {\n  $id: 'VenueParams',\n  type: 'object',\n  required: ['id'],\n  properties: { id: { type: 'string', format: 'uuid' } },\n} as const;\n\nexport const problemSchema",
      );
      edit.replace('src/app.ts', 'import { bookingSchema, problemSchema, venueSchema }', 'import { bookingSchema, problemSchema, venueParamsSchema, venueSchema }');
      edit.replace('src/app.ts', '  app.addSchema(problemSchema);\n', '  app.addSchema(problemSchema);\n  app.addSchema(venueParamsSchema);\n');
      edit.replace('src/app.ts', "request.log.error(error);", "request.log.error(error, `unexpected ${error.name}; see CONTRIBUTING: no /* eslint-disable */ to hide it`);");
    });
    expectPassed(APP, 'benign: params schema moved to addSchema $ref, eslint-disable inside a template string', verdict);
  }, STEP_TIMEOUT);
});
