import type { ContractsConfig } from '@npvguard/core';
import { applyContractsEnv } from '../../contracts/load/appEnv.js';
import { buildContractApp } from '../../contracts/load/buildApp.js';
import { createModuleLoader } from '../../contracts/load/moduleExport.js';
import { captureConsole } from '../../contracts/steps/appConsole.js';
import { routeTableFromRecording, type RouteTable } from '../../routeTable.js';

export type AppRoutes = { table: RouteTable } | { reason: string };

/**
 * The route table of the app `contracts.app` builds: booted (never listening), its routes recorded, closed.
 * When it cannot be built, the reason, so the caller falls back to the routes found in the sources and says why.
 */
export async function appRoutes(root: string, config: ContractsConfig): Promise<AppRoutes> {
  const modules = createModuleLoader(root);
  const appConsole = captureConsole();
  let restoreEnv: (() => void) | undefined;
  try {
    restoreEnv = applyContractsEnv(root, config);
    const handle = await buildContractApp(modules, config, 'routes');
    try {
      return { table: routeTableFromRecording(root, handle.routes) };
    } finally {
      await handle.app.close();
    }
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    return { reason: text.split('\n')[0] ?? text };
  } finally {
    restoreEnv?.();
    modules.close();
    appConsole.stop();
  }
}
