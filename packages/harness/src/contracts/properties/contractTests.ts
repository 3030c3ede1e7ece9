import { afterAll, describe, expect, it } from 'vitest';
import type { ContractApp } from '../openapi/app.js';
import { startContractApp, type ContractAppHandle } from '../openapi/contractApp.js';
import { listOperations } from '../openapi/operations.js';
import { normalizeOpenApiSchemas } from '../schema/normalize.js';
import { exampleProblems } from './examples.js';
import { formatPropertyFailure, propertyTitle } from './formatFailure.js';
import { DEFAULT_SCENARIO, routeKey, type InvariantsDefinition } from './invariants.js';
import { pairOperations, runProperty, type PropertyKind, type PropertyRunOptions } from './runProperties.js';
import { replaySettings } from './settings.js';

export interface ContractTestsOptions<AppOptions = unknown, Context = undefined> extends Pick<PropertyRunOptions, 'numRuns' | 'seed' | 'replayPath' | 'closedSchemas'> {
  /** Name of the describe block. Default `contract`. */
  title?: string;
  /** The base contract (OpenAPI 3.x document, e.g. the committed snapshot at the main branch): enables old-client replay. */
  baseContract?: unknown;
  /** Which properties to register. Default all that apply. */
  properties?: readonly PropertyKind[];
  /** The command that re-runs this test file; printed with the seed and path on a failure. */
  replayCommand?: string;
  /** Runs before the apps are built (start a fake dependency the factory needs). */
  before?: () => Promise<void> | void;
  /** Runs after the apps are closed. */
  after?: () => Promise<void> | void;
  /** Environment to read replay settings from. Default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
  /** What `build` is called with for the default scenario. Default none. */
  appOptions?: AppOptions;
  /** Scenario name → what `build` is called with instead (e.g. a model URL nothing listens on); each scenario's app gets the valid-request property of every route. */
  scenarios?: Readonly<Record<string, AppOptions>>;
  /** Invariants per route, examples to steer generation with, and the `prepare` step that gives each app what the invariants observe. */
  invariants?: InvariantsDefinition<Context, AppOptions>;
}

interface ScenarioApp<App extends ContractApp, Context> {
  name: string;
  handle: ContractAppHandle<App>;
  context: Context | undefined;
}

/** What an invariants definition names that the contract lacks: unknown routes, unusable examples. */
function definitionProblems(definition: InvariantsDefinition<unknown, unknown>, document: unknown): string[] {
  const operations = new Map(listOperations(document).map((operation) => [routeKey(operation.method, operation.path), operation]));
  const problems: string[] = [];
  for (const key of Object.keys(definition.routes)) if (!operations.has(key)) problems.push(`routes: ${key} is not a route of the app`);
  for (const [key, examples] of Object.entries(definition.examples ?? {})) {
    const operation = operations.get(key);
    if (operation === undefined) problems.push(`examples: ${key} is not a route of the app`);
    else problems.push(...exampleProblems(operation, document, examples).map((problem) => `examples of ${key}, ${problem}`));
  }
  return problems;
}

/**
 * Registers vitest tests for every route of the app `build` returns: for each, valid requests never get
 * a 5xx, get a documented status and a body valid against its schema, with no property the schema does
 * not declare (looked for in what the handler hands to the serializer), and keep the route's invariants;
 * invalid requests get a 4xx; with `baseContract`, requests generated from the base contract get answers
 * the base contract allows. Each of `scenarios` builds the app once more with its own options and runs
 * the valid-request property of every route against it. `build` returns the fastify instance itself,
 * before `ready()` (async setup goes in `before`). Apps are booted with `ready()` (never listening) and
 * closed after the tests. Seeded and reproducible: a failure prints the shrunk request, the seed and a
 * command replaying it (`NPVGUARD_CONTRACT_SEED` / `NPVGUARD_CONTRACT_PATH` override `seed` / `replayPath`).
 */
export function contractTests<App extends ContractApp, AppOptions = unknown, Context = undefined>(
  build: (appOptions: AppOptions | undefined) => App,
  options: ContractTestsOptions<AppOptions, Context> = {},
): void {
  describe(options.title ?? 'contract', async () => {
    await options.before?.();
    const invariants = options.invariants;
    const scenarios: Array<[string, AppOptions | undefined]> = [[DEFAULT_SCENARIO, options.appOptions], ...Object.entries(options.scenarios ?? {})];
    const apps: Array<ScenarioApp<App, Context>> = [];
    afterAll(async () => {
      for (const started of apps) await started.handle.app.close();
      await options.after?.();
    });
    for (const [name, appOptions] of scenarios) {
      const prepared = invariants?.prepare?.({ name, appOptions });
      const handle = await startContractApp(() => build(prepared === undefined ? appOptions : prepared.appOptions));
      apps.push({ name, handle, context: prepared?.context });
    }
    const [main] = apps;
    if (main === undefined) return;
    const settings = { numRuns: options.numRuns, ...(options.closedSchemas === undefined ? {} : { closedSchemas: options.closedSchemas }), ...(options.seed === undefined ? {} : { seed: options.seed }), ...(options.replayPath === undefined ? {} : { replayPath: options.replayPath }), ...replaySettings(options.env ?? process.env) };
    const head = normalizeOpenApiSchemas(main.handle.extraction.document);
    const base = options.baseContract === undefined ? undefined : normalizeOpenApiSchemas(options.baseContract);
    const wanted = options.properties ?? ['valid', 'invalid', 'replay'];

    it('every route fastify serves was recorded with its schemas', () => {
      expect(main.handle.unrecorded).toEqual([]);
    });
    if (invariants !== undefined) {
      it('the invariants and examples name routes of the app and values their schemas accept', () => {
        expect(definitionProblems(invariants as InvariantsDefinition<unknown, unknown>, head)).toEqual([]);
      });
    }

    for (const pair of pairOperations(head, base)) {
      const route = `${pair.head.method} ${pair.head.path}`;
      const key = routeKey(pair.head.method, pair.head.path);
      const routeInvariants = invariants?.routes[key];
      const examples = invariants?.examples?.[key];
      for (const started of apps) {
        const isMain = started === main;
        const runs: Array<[PropertyKind, typeof pair.head, unknown]> = [];
        if (wanted.includes('valid')) runs.push(['valid', pair.head, head]);
        if (isMain && wanted.includes('invalid')) runs.push(['invalid', pair.head, head]);
        if (isMain && wanted.includes('replay') && pair.base !== undefined) runs.push(['replay', pair.base, base]);
        for (const [property, operation, root] of runs) {
          const title = `${route}${isMain ? '' : ` [${started.name}]`}: ${propertyTitle(property)}`;
          it(title, async () => {
            const outcome = await runProperty(started.handle.app, property, operation, root, {
              ...settings,
              payloads: started.handle.payloads,
              scenario: started.name,
              ...(routeInvariants === undefined ? {} : { invariants: routeInvariants }),
              ...(examples === undefined ? {} : { examples }),
              ...(started.context === undefined ? {} : { context: started.context }),
            });
            if (outcome.failure !== undefined) {
              const replay =
                options.replayCommand === undefined
                  ? undefined
                  : `NPVGUARD_CONTRACT_SEED=${settings.seed ?? 1} NPVGUARD_CONTRACT_PATH=${outcome.failure.replayPath ?? ''} ${options.replayCommand} -t ${JSON.stringify(title)}`;
              expect.fail(formatPropertyFailure(outcome.failure, replay));
            }
          });
        }
      }
    }
  });
}
