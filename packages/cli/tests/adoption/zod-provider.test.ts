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
  plant,
  type Run,
  STEP_TIMEOUT,
  type Verdict,
} from './support.js';

/**
 * fastify-type-provider-zod with zod schemas (no @fastify/swagger: the contract comes from zod itself), a service
 * calling a carrier's HTTP API through an axios instance that carries the timeout, an ioredis cache with a
 * client-level command timeout injected as a decorator, a sync `createApp(options)` factory, vitest tests and no
 * ESLint config of its own.
 */
const APP = 'zod-provider';

describe('adoption: zod type provider, axios and ioredis', () => {
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

  it('init finds createApp, writes no ESLint config the project cannot load, and the snapshot holds the zod schemas', () => {
    expect(init.code, init.stderr).toBe(0);
    // The service declares no ESLint: init writes no config importing packages it does not have, and the lint
    // check runs eslint-plugin-npvguard's recommended rules on its own (lint is among the checks run below).
    expect(existsSync(path.join(adoption.repo, 'eslint.config.js'))).toBe(false);
    expect(init.stdout).toContain('the project has no ESLint');
    expect(update.code, update.stderr || update.stdout).toBe(0);
    const snapshot = JSON.parse(readFileSync(path.join(adoption.repo, 'contracts', 'openapi.json'), 'utf8')) as {
      paths: Record<string, { get?: { responses?: Record<string, { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> }> } }>;
    };
    expect(Object.keys(snapshot.paths)).toEqual(expect.arrayContaining(['/healthz', '/v1/quotes']));
    // The response schema is JSON Schema converted from zod, not an empty object.
    const ok = snapshot.paths['/v1/quotes']?.get?.responses?.['200']?.content?.['application/json']?.schema;
    expect(Object.keys(ok?.properties ?? {})).toEqual(expect.arrayContaining(['quotes', 'cached']));
    expect(checksRun(clean), clean.summary).toEqual(expect.arrayContaining(['boundaries', 'contracts', 'latency', 'lint', 'integrity']));
  });

  it('the first check on the untouched service is clean', () => {
    expect(clean.code, clean.summary).toBe(0);
    expect(clean.newErrors, clean.summary).toEqual([]);
    // The carrier's axios instance waits up to 400 ms, over the starting 200 ms budget, after a cache read whose
    // timeout is set where the client is created: the route is over its budget whatever that wait is.
    expect(acceptedAtInit(adoption.repo)).toEqual(['latency/static-budget-exceeded src/routes/quotes.ts']);
  });

  it('(a) a route reading the cache decorator through request.server, skipping the service, is a layer bypass', async () => {
    const verdict = await plant(adoption, 'decorator-bypass', (edit) => {
      edit.replace(
        'src/routes/quotes.ts',
        '      try {\n        return await app.quoteService.quotes(request.query);',
        "      const fresh = await request.server.cache.get(`quotes:${request.query.origin}:${request.query.destination}:${request.query.weightGrams}`);\n      if (fresh !== null) return { quotes: JSON.parse(fresh), cached: true };\n      try {\n        return await app.quoteService.quotes(request.query);",
      );
    });
    expectCaught(APP, '(a) decorator bypass (request.server.cache in a route)', verdict, ['boundaries/forbidden-import']);
  }, STEP_TIMEOUT);

  it('(b) a response property whose zod type changes from number to string is a breaking change', async () => {
    const verdict = await plant(adoption, 'breaking-response', (edit) => {
      edit.replace('src/schemas/quote.ts', 'etaDays: z.number().int().min(0),', 'etaDays: z.string(),');
      edit.replace('src/services/quotes.ts', 'etaDays: rate.transit_days }', 'etaDays: `${rate.transit_days} days` }');
    });
    expectCaught(APP, '(b) zod response property type number → string (snapshot not regenerated)', verdict, ['contracts/response-property-type-changed']);
  }, STEP_TIMEOUT);

  it('(c) a fetch without a signal in a new client module, awaited by the service, is an untimed HTTP call', async () => {
    const verdict = await plant(adoption, 'untimed-fetch', (edit) => {
      edit.write(
        'src/clients/surcharges.ts',
        `const SURCHARGE_URL = 'http://127.0.0.1:8090/fuel';

export async function fuelSurchargeCents(destination: string): Promise<number> {
  const response = await fetch(\`\${SURCHARGE_URL}?to=\${destination}\`);
  if (!response.ok) return 0;
  return ((await response.json()) as { cents: number }).cents;
}
`,
      );
      edit.replace('src/services/quotes.ts', "import type { CarrierClient } from '../clients/carrier.js';", "import type { CarrierClient } from '../clients/carrier.js';\nimport { fuelSurchargeCents } from '../clients/surcharges.js';");
      edit.replace('src/services/quotes.ts', '    const quotes = rates\n', '    const surcharge = await fuelSurchargeCents(query.destination);\n    const quotes = rates\n');
      edit.replace('src/services/quotes.ts', 'priceCents: rate.amount_cents,', 'priceCents: rate.amount_cents + surcharge,');
    });
    expectCaught(APP, '(c) fetch() without signal in a helper module, awaited by the service', verdict, ['latency/missing-timeout']);
  }, STEP_TIMEOUT);

  it('(d) an eslint-disable-next-line with a description is caught', async () => {
    const verdict = await plant(adoption, 'eslint-disable', (edit) => {
      edit.replace(
        'src/services/quotes.ts',
        '    const hit = await this.cache.get(key).catch(() => null);',
        '    // eslint-disable-next-line @typescript-eslint/no-unused-vars -- kept for debugging\n    const started = Date.now();\n    const hit = await this.cache.get(key).catch(() => null);',
      );
    });
    expectCaught(APP, '(d) // eslint-disable-next-line rule -- reason', verdict, ['integrity/eslint-disable']);
  }, STEP_TIMEOUT);

  it('(e) a test case removed from a vitest file is caught', async () => {
    const verdict = await plant(adoption, 'fewer-tests', (edit) => {
      edit.replace(
        'test/quotes.spec.ts',
        /\n {2}it\('refuses a country code that is not two letters'[\s\S]*?\n {2}\}\);\n/,
        '\n',
      );
    });
    expectCaught(APP, '(e) one it() removed from test/quotes.spec.ts', verdict, ['integrity/fewer-test-cases']);
  }, STEP_TIMEOUT);

  it('benign: a timed fetch beside the carrier call, a zod schema built with .extend(), eslint-disable in a comment sentence', async () => {
    const verdict = await plant(adoption, 'benign', (edit) => {
      edit.write(
        'src/clients/surcharges.ts',
        `const SURCHARGE_URL = 'http://127.0.0.1:8090/fuel';
const SURCHARGE_TIMEOUT_MS = 150;

export async function fuelSurchargeCents(destination: string): Promise<number> {
  const response = await fetch(\`\${SURCHARGE_URL}?to=\${destination}\`, { signal: AbortSignal.timeout(SURCHARGE_TIMEOUT_MS) });
  if (!response.ok) return 0;
  return ((await response.json()) as { cents: number }).cents;
}
`,
      );
      edit.replace('src/services/quotes.ts', "import type { CarrierClient } from '../clients/carrier.js';", "import type { CarrierClient } from '../clients/carrier.js';\nimport { fuelSurchargeCents } from '../clients/surcharges.js';");
      // Fetched beside the carrier call, not after it: the route's bound stays the carrier's timeout.
      edit.replace(
        'src/services/quotes.ts',
        '    let rates;\n    try {\n      rates = await this.carrier.rates(query.origin, query.destination, query.weightGrams);',
        '    let rates;\n    let surcharge: number;\n    try {\n      // A surcharge we cannot read is zero; never add an eslint-disable to silence a rule here.\n      [rates, surcharge] = await Promise.all([\n        this.carrier.rates(query.origin, query.destination, query.weightGrams),\n        fuelSurchargeCents(query.destination).catch(() => 0),\n      ]);',
      );
      edit.replace('src/services/quotes.ts', 'priceCents: rate.amount_cents,', 'priceCents: rate.amount_cents + surcharge,');
      edit.replace(
        'src/schemas/quote.ts',
        "export const Quote = z.object({\n  service: z.enum(['economy', 'standard', 'express']),\n  priceCents: z.number().int().min(0),\n  etaDays: z.number().int().min(0),\n});",
        "const Priced = z.object({ priceCents: z.number().int().min(0) });\n\nexport const Quote = Priced.extend({\n  service: z.enum(['economy', 'standard', 'express']),\n  etaDays: z.number().int().min(0),\n});",
      );
    });
    expectPassed(APP, 'benign: timed fetch (AbortSignal.timeout const) in Promise.all, zod .extend() refactor, eslint-disable in a comment', verdict);
  }, STEP_TIMEOUT);
});
