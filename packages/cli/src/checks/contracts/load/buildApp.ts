import { NpvError, type ContractsConfig } from '@npvguard/core';
import { startContractApp, type ContractApp, type ContractAppHandle } from '@npvguard/harness/contracts';
import { describeCause, type ModuleLoader } from './moduleExport.js';
import { appSchemaConverter } from './schemaConverter.js';
import { holdTypeScriptLoader, isTypeScriptModule } from './typescriptLoader.js';

function isContractApp(value: unknown): value is ContractApp {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return ['addHook', 'ready', 'close', 'inject', 'printRoutes', 'getSchemas'].every((name) => typeof candidate[name] === 'function');
}

/**
 * The app factory threw while building the app, or the app it built failed to boot (`ready()` rejected):
 * a property of the code under check, not of how npvguard was called. Still NPV2102 for whoever does not
 * handle it; under --base the contracts check reports it as a finding instead.
 */
export class AppBuildError extends NpvError {
  readonly stage: 'build' | 'boot';
  /** What the factory or `ready()` threw. */
  override readonly cause: unknown;

  constructor(app: string, stage: 'build' | 'boot', cause: unknown) {
    super('NPV2102', `The app factory ${app} failed while building or booting the app: ${describeCause(cause)}`, { app, stage });
    this.stage = stage;
    this.cause = cause;
  }
}

/**
 * The app of `contracts.app`: its factory called with `contracts.appOptions` (or no arguments), booted with `ready()` (never
 * listening) while its routes are recorded, and its OpenAPI document extracted. A factory that throws or an
 * app that fails to boot is AppBuildError; anything else failing on the way is NPV2102 (NPV1101/NPV1102 for a
 * missing module or export). The caller closes the app.
 */
export async function buildContractApp(modules: ModuleLoader, config: ContractsConfig, title: string): Promise<ContractAppHandle<ContractApp>> {
  // A TypeScript factory's plugins and routes load through dynamic imports too: held until the app closes.
  const moduleFile = config.app.slice(0, config.app.lastIndexOf('#'));
  const release = isTypeScriptModule(moduleFile) ? await holdTypeScriptLoader() : undefined;
  try {
    return await buildWithLoader(modules, config, title, release);
  } catch (error) {
    await release?.();
    throw error;
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

function notAnApp(config: ContractsConfig, scenario: string | undefined): NpvError {
  const where = scenario === undefined ? '' : ` for the property scenario "${scenario}"`;
  return new NpvError('NPV2102', `The factory ${config.app} did not return a fastify instance (no addHook/ready/inject)${where}.`, { app: config.app, ...(scenario === undefined ? {} : { scenario }) });
}

/**
 * Calls the app factory with `contracts.appOptions` (or the given options): a sync factory's instance is handed
 * on as it is (fastify's instance is a thenable, and awaiting it would load its plugins early); an `async`
 * factory's promise is handed on, settled into the instance (awaited plugins included). What the factory throws or rejects with is
 * AppBuildError at the build stage; a value that is not a fastify instance is NPV2102. `accepted` runs on the
 * instance before it boots.
 */
export function callAppFactory(
  factory: unknown,
  config: ContractsConfig,
  accepted: (app: ContractApp) => void = () => undefined,
  options: { appOptions?: unknown; scenario?: string } = { appOptions: config.appOptions },
): ContractApp | Promise<ContractApp> {
  let returned: unknown;
  try {
    returned = options.appOptions === undefined ? (factory as () => unknown)() : (factory as (options: unknown) => unknown)(options.appOptions);
  } catch (error) {
    throw new AppBuildError(config.app, 'build', error);
  }
  const accept = (app: unknown): ContractApp => {
    if (!isContractApp(app)) throw notAnApp(config, options.scenario);
    accepted(app);
    return app;
  };
  if (isContractApp(returned) || !isThenable(returned)) return accept(returned);
  // Settled through fastify's own `then` (it loads the plugins registered so far and hands the instance back unbooted).
  return Promise.resolve(returned).then(accept, (error: unknown) => {
    throw new AppBuildError(config.app, 'build', error);
  });
}

/** fastify's `onClose` hook, added before the app boots (hooks cannot be added once it has). */
type ClosingApp = { addHook(name: 'onClose', hook: () => Promise<void>): unknown };

async function buildWithLoader(modules: ModuleLoader, config: ContractsConfig, title: string, release: (() => Promise<void>) | undefined): Promise<ContractAppHandle<ContractApp>> {
  const { value: factory, file } = await modules.load(config.app, 'contracts.app');
  if (typeof factory !== 'function') {
    throw new NpvError('NPV1102', `contracts.app names ${config.app}, which is not a function (found ${typeof factory}); export the app factory.`, { app: config.app });
  }
  const convertSchema = await appSchemaConverter(file);
  try {
    return await startContractApp(
      () => callAppFactory(factory, config, (app) => {
        if (release !== undefined) (app as unknown as ClosingApp).addHook('onClose', release);
      }),
      { title, version: 'snapshot', ...(convertSchema === undefined ? {} : { convertSchema }) },
    );
  } catch (error) {
    if (error instanceof NpvError) throw error;
    // The factory returned an app (checked above), so what failed is its boot: a plugin or hook that threw.
    throw new AppBuildError(config.app, 'boot', error);
  }
}
