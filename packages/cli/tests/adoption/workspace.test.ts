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
  type ServiceSetup,
  STEP_TIMEOUT,
  type Verdict,
} from './support.js';

/**
 * An npm workspace: packages/svc-a (orders, a default-exported sync factory, a handler written as a named function
 * using `this`), packages/svc-b (pricing, an async arrow factory) and packages/shared (@freight/shared: a money
 * JSON schema both services answer with, and an undici JSON client with its timeouts). One ESLint config at the
 * workspace root; npvguard set up in each service folder.
 */
const APP = 'workspace';
const SVC_A = 'packages/svc-a';
const SVC_B = 'packages/svc-b';

describe('adoption: a workspace with two services and a shared package', () => {
  let adoption: Adoption;
  const init: Record<string, Run> = {};
  const update: Record<string, Run> = {};
  const clean: Record<string, Verdict> = {};

  beforeAll(async () => {
    adoption = copyAsRepository(APP, { '@freight/shared': 'packages/shared' });
    const setups: Record<string, ServiceSetup> = {};
    for (const service of [SVC_A, SVC_B]) {
      const setup = await initService(path.join(adoption.repo, service));
      setups[service] = setup;
      init[service] = setup.init;
      update[service] = setup.update;
    }
    commitSetup(adoption);
    for (const service of [SVC_A, SVC_B]) {
      clean[service] = await cleanCheck(APP, path.join(adoption.repo, service), setups[service] as ServiceSetup, service);
    }
  }, STEP_TIMEOUT);

  afterAll(() => adoption?.remove());

  it.each([SVC_A, SVC_B])('init in %s finds its factory, keeps the workspace ESLint config and configures every check', (service) => {
    const ran = init[service] as Run;
    expect(ran.code, ran.stderr).toBe(0);
    // The workspace root's eslint.config.js is the service's ESLint config (ESLint looks in parent folders): a
    // config written next to the service would shadow it and drop the rules the team chose.
    expect(existsSync(path.join(adoption.repo, service, 'eslint.config.js')), ran.stdout).toBe(false);
    const written = update[service] as Run;
    expect(written.code, written.stderr || written.stdout).toBe(0);
    expect(existsSync(path.join(adoption.repo, service, 'contracts', 'openapi.json'))).toBe(true);
    const verdict = clean[service] as Verdict;
    expect(checksRun(verdict), verdict.summary).toEqual(expect.arrayContaining(['boundaries', 'contracts', 'latency', 'lint', 'integrity']));
  });

  it('the snapshots hold the shared money schema inlined in each service', () => {
    const a = readFileSync(path.join(adoption.repo, SVC_A, 'contracts', 'openapi.json'), 'utf8');
    const b = readFileSync(path.join(adoption.repo, SVC_B, 'contracts', 'openapi.json'), 'utf8');
    expect(a).toContain('/api/orders/quote');
    expect(b).toContain('/prices/{sku}');
    for (const snapshot of [a, b]) expect(snapshot).toContain('^[A-Z]{3}$');
  });

  it.each([SVC_A, SVC_B])('the first check in %s is clean', (service) => {
    const verdict = clean[service] as Verdict;
    expect(verdict.code, verdict.summary).toBe(0);
    expect(verdict.newErrors, verdict.summary).toEqual([]);
    // Every call on both services' routes has a timeout the check reads: init accepts nothing.
    expect(acceptedAtInit(path.join(adoption.repo, service))).toEqual([]);
  });

  it('(a) a handler using this.pricing, the client decorator, instead of the quote service is a layer bypass', async () => {
    const verdict = await plant(
      adoption,
      'decorator-bypass',
      (edit) => {
        edit.replace(
          `${SVC_A}/src/routes/orders.ts`,
          '    return { total: await this.quotes.total(request.body.lines) };',
          "    const [first] = request.body.lines;\n    if (request.body.lines.length === 1 && first !== undefined) {\n      const price = await this.pricing.priceOf(first.sku);\n      return { total: { amount: price.amount * first.quantity, currency: price.currency } };\n    }\n    return { total: await this.quotes.total(request.body.lines) };",
        );
      },
      SVC_A,
    );
    expectCaught(APP, '(a) decorator bypass (this.pricing in a named handler, svc-a)', verdict, ['boundaries/forbidden-import']);
  }, STEP_TIMEOUT);

  it('(b) the shared money schema changing amount from integer to string breaks the pricing service\'s answers', async () => {
    const verdict = await plant(
      adoption,
      'breaking-shared-schema',
      (edit) => {
        edit.replace('packages/shared/src/money.ts', "amount: { type: 'integer' },", "amount: { type: 'string', pattern: '^[0-9]+$' },");
      },
      SVC_B,
    );
    expectCaught(APP, '(b) shared package schema: amount integer → string, checked in svc-b', verdict, ['contracts/response-property-type-changed']);
  }, STEP_TIMEOUT);

  it('(c) an undici request without timeouts, awaited by the quote service, is an untimed HTTP call', async () => {
    const verdict = await plant(
      adoption,
      'untimed-request',
      (edit) => {
        edit.write(
          `${SVC_A}/src/clients/stock.ts`,
          `import { request } from 'undici';

const STOCK_URL = 'http://127.0.0.1:4003';

export async function inStock(sku: string): Promise<boolean> {
  const { body } = await request(\`\${STOCK_URL}/stock/\${sku}\`);
  const { available } = (await body.json()) as { available: number };
  return available > 0;
}
`,
        );
        edit.replace(`${SVC_A}/src/services/quote.ts`, "import type { PricingClient } from '../clients/pricing.js';", "import type { PricingClient } from '../clients/pricing.js';\nimport { inStock } from '../clients/stock.js';");
        edit.replace(
          `${SVC_A}/src/services/quote.ts`,
          '    const prices = await Promise.all(',
          "    if (!(await inStock(lines[0]?.sku ?? ''))) throw new Error('out of stock');\n    const prices = await Promise.all(",
        );
      },
      SVC_A,
    );
    expectCaught(APP, '(c) undici request() without headersTimeout/bodyTimeout, svc-a', verdict, ['latency/missing-timeout']);
  }, STEP_TIMEOUT);

  it('(d) an eslint-disable-line at the end of a line is caught', async () => {
    const verdict = await plant(
      adoption,
      'eslint-disable',
      (edit) => {
        edit.replace(
          `${SVC_B}/src/catalog/priceBook.ts`,
          '    return Object.hasOwn(PRICES, sku) ? PRICES[sku] : undefined;',
          '    return (Object.hasOwn(PRICES, sku) ? PRICES[sku] : undefined) as any; // eslint-disable-line @typescript-eslint/no-explicit-any',
        );
      },
      SVC_B,
    );
    expectCaught(APP, '(d) // eslint-disable-line rule at the end of a line, svc-b', verdict, ['integrity/eslint-disable']);
  }, STEP_TIMEOUT);

  it('(e) a deleted test file of one service is caught in that service', async () => {
    const verdict = await plant(adoption, 'deleted-test', (edit) => edit.remove(`${SVC_B}/test/prices.spec.ts`), SVC_B);
    expectCaught(APP, '(e) packages/svc-b/test/prices.spec.ts deleted', verdict, ['integrity/deleted-test-file']);
  }, STEP_TIMEOUT);

  it('benign: the shared schema rewritten with the same meaning, the decorator destructured, eslint-disable in a doc comment', async () => {
    const verdict = await plant(
      adoption,
      'benign',
      (edit) => {
        edit.replace(
          'packages/shared/src/money.ts',
          "export const moneySchema = {\n  type: 'object',\n  required: ['amount', 'currency'],\n  additionalProperties: false,\n  properties: {\n    amount: { type: 'integer' },\n    currency: { type: 'string', pattern: '^[A-Z]{3}$' },\n  },\n} as const;",
          "const currencySchema = { type: 'string', pattern: '^[A-Z]{3}$' } as const;\n\nexport const moneySchema = {\n  additionalProperties: false,\n  properties: {\n    currency: currencySchema,\n    amount: { type: 'integer' },\n  },\n  required: ['amount', 'currency'],\n  type: 'object',\n} as const;",
        );
        // A sentence about eslint-disable in a doc comment is not a directive.
        edit.replace('packages/shared/src/money.ts', '/** Amounts are integer minor units', '/** No eslint-disable anywhere near money: amounts are integer minor units');
        edit.replace(
          `${SVC_B}/src/routes/prices.ts`,
          '      const price = app.priceBook.lookup(request.params.sku);',
          '      const { priceBook } = app;\n      const price = priceBook.lookup(request.params.sku);',
        );
      },
      SVC_B,
    );
    expectPassed(APP, 'benign: shared schema reordered/extracted, priceBook destructured, eslint-disable in a doc comment, svc-b', verdict);
  }, STEP_TIMEOUT);
});
