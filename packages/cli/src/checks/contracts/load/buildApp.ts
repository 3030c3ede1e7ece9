import { NpvError, type ContractsConfig } from '@npvguard/core';
import { startContractApp, type ContractApp, type ContractAppHandle } from '@npvguard/harness/contracts';
import { describeCause, loadModuleExport } from './moduleExport.js';

function isContractApp(value: unknown): value is ContractApp {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return ['addHook', 'ready', 'close', 'inject', 'printRoutes', 'getSchemas'].every((name) => typeof candidate[name] === 'function');
}

/**
 * The app of `contracts.app`: its factory called with `contracts.appOptions` (or no arguments), booted with `ready()` (never
 * listening) while its routes are recorded, and its OpenAPI document extracted. Anything failing on the
 * way is NPV2102; the caller closes the app.
 */
export async function buildContractApp(root: string, config: ContractsConfig, title: string): Promise<ContractAppHandle<ContractApp>> {
  const { value: factory } = await loadModuleExport(root, config.app, 'contracts.app');
  if (typeof factory !== 'function') {
    throw new NpvError('NPV1102', `contracts.app names ${config.app}, which is not a function (found ${typeof factory}); export the app factory.`, { app: config.app });
  }
  try {
    return await startContractApp(() => {
      const app: unknown = config.appOptions === undefined ? (factory as () => unknown)() : (factory as (options: unknown) => unknown)(config.appOptions);
      if (!isContractApp(app)) {
        throw new NpvError('NPV2102', `The factory ${config.app} did not return a fastify instance (no addHook/ready/inject).`, { app: config.app });
      }
      return app;
    }, { title, version: 'snapshot' });
  } catch (error) {
    if (error instanceof NpvError) throw error;
    throw new NpvError('NPV2102', `The app factory ${config.app} failed while building or booting the app: ${describeCause(error)}`, { app: config.app });
  }
}
