import { afterAll, describe, expect, it } from 'vitest';
import type { ContractApp } from '../openapi/app.js';
import { startContractApp, type ContractAppHandle } from '../openapi/contractApp.js';
import { normalizeOpenApiSchemas } from '../schema/normalize.js';
import { formatPropertyFailure, propertyTitle } from './formatFailure.js';
import { pairOperations, runProperty, type PropertyKind, type PropertyRunOptions } from './runProperties.js';

export interface ContractTestsOptions extends PropertyRunOptions {
  /** Name of the describe block. Default `contract`. */
  title?: string;
  /** The base contract (OpenAPI 3.x document, e.g. the committed snapshot at the main branch): enables old-client replay. */
  baseContract?: unknown;
  /** Which properties to register. Default all that apply. */
  properties?: readonly PropertyKind[];
  /** The command that re-runs this test file; printed with the seed and path on a failure. */
  replayCommand?: string;
  /** Runs before the app is built (start a fake dependency the factory needs). */
  before?: () => Promise<void> | void;
  /** Runs after the app is closed. */
  after?: () => Promise<void> | void;
  /** Environment to read replay settings from. Default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
}

function replaySettings(env: Readonly<Record<string, string | undefined>>): Pick<PropertyRunOptions, 'seed' | 'replayPath'> {
  const seed = env['NPVGUARD_CONTRACT_SEED'];
  const path = env['NPVGUARD_CONTRACT_PATH'];
  return {
    ...(seed === undefined || !/^-?\d+$/.test(seed) ? {} : { seed: Number(seed) }),
    ...(path === undefined || path === '' ? {} : { replayPath: path }),
  };
}

/**
 * Registers vitest tests for every route of the app `build` returns: for each, valid requests never get
 * a 5xx, get a documented status and a body valid against its schema; invalid requests get a 4xx; with
 * `baseContract`, requests generated from the base contract get answers the base contract allows.
 * `build` returns the fastify instance itself, before `ready()` (async setup goes in `before`). The app is
 * built once, booted with `ready()` (never listening) and closed after the tests. Seeded and
 * reproducible: a failure prints the shrunk request, the seed and a command replaying it
 * (`NPVGUARD_CONTRACT_SEED` / `NPVGUARD_CONTRACT_PATH` override `seed` / `replayPath`).
 */
export function contractTests<App extends ContractApp>(build: () => App, options: ContractTestsOptions = {}): void {
  describe(options.title ?? 'contract', async () => {
    await options.before?.();
    const handle: ContractAppHandle<App> = await startContractApp(build);
    afterAll(async () => {
      await handle.app.close();
      await options.after?.();
    });
    const settings = { ...options, ...replaySettings(options.env ?? process.env) };
    const head = normalizeOpenApiSchemas(handle.extraction.document);
    const base = options.baseContract === undefined ? undefined : normalizeOpenApiSchemas(options.baseContract);
    const wanted = options.properties ?? ['valid', 'invalid', 'replay'];

    it('every route fastify serves was recorded with its schemas', () => {
      expect(handle.unrecorded).toEqual([]);
    });

    for (const pair of pairOperations(head, base)) {
      const route = `${pair.head.method} ${pair.head.path}`;
      const runs: Array<[PropertyKind, typeof pair.head, unknown]> = [];
      if (wanted.includes('valid')) runs.push(['valid', pair.head, head]);
      if (wanted.includes('invalid')) runs.push(['invalid', pair.head, head]);
      if (wanted.includes('replay') && pair.base !== undefined) runs.push(['replay', pair.base, base]);
      for (const [property, operation, root] of runs) {
        it(`${route}: ${propertyTitle(property)}`, async () => {
          const outcome = await runProperty(handle.app, property, operation, root, settings);
          if (outcome.failure !== undefined) {
            const replay =
              options.replayCommand === undefined
                ? undefined
                : `NPVGUARD_CONTRACT_SEED=${settings.seed ?? 1} NPVGUARD_CONTRACT_PATH=${outcome.failure.replayPath ?? ''} ${options.replayCommand} -t ${JSON.stringify(`${route}: ${propertyTitle(property)}`)}`;
            expect.fail(formatPropertyFailure(outcome.failure, replay));
          }
        });
      }
    }
  });
}
