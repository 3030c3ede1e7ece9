import { NpvError, type ContractsConfig } from '@npvguard/core';
import { DEFAULT_SCENARIO, startContractApp, type ContractApp, type ContractAppHandle, type InvariantsDefinition, type PayloadCapture } from '@npvguard/harness/contracts';
import { AppBuildError, callAppFactory } from '../load/buildApp.js';
import { describeCause, type ModuleLoader } from '../load/moduleExport.js';

/** One app the property tests run against. */
export interface PropertyApp {
  scenario: string;
  app: ContractApp;
  payloads: PayloadCapture;
  /** What the invariants definition's `prepare` returned for this app. */
  context: unknown;
  /** Built for the property tests (closed by them), rather than the app the contract was extracted from. */
  owned: boolean;
}

type Factory = (options?: unknown) => unknown;

async function loadFactory(modules: ModuleLoader, config: ContractsConfig): Promise<Factory> {
  const { value } = await modules.load(config.app, 'contracts.app');
  if (typeof value !== 'function') {
    throw new NpvError('NPV1102', `contracts.app names ${config.app}, which is not a function (found ${typeof value}); export the app factory.`, { app: config.app });
  }
  return value as Factory;
}

async function startScenario(config: ContractsConfig, factory: Factory, scenario: string, appOptions: unknown, invariants: InvariantsDefinition<unknown, unknown> | undefined): Promise<PropertyApp> {
  const failed = (cause: unknown): NpvError =>
    new NpvError('NPV2102', `The app factory ${config.app} failed while building or booting the app of the property scenario "${scenario}": ${describeCause(cause)}`, { app: config.app, scenario });
  let prepared: { appOptions: unknown; context: unknown } | undefined;
  try {
    prepared = invariants?.prepare?.({ name: scenario, appOptions });
  } catch (error) {
    throw new NpvError('NPV2102', `The invariants definition's prepare threw for the property scenario "${scenario}": ${describeCause(error)}`, { scenario });
  }
  const options = prepared === undefined ? appOptions : prepared.appOptions;
  let handle: ContractAppHandle<ContractApp>;
  try {
    handle = await startContractApp(() => callAppFactory(factory, config, undefined, { appOptions: options, scenario }));
  } catch (error) {
    if (error instanceof AppBuildError) throw failed(error.cause);
    throw error instanceof NpvError ? error : failed(error);
  }
  return { scenario, app: handle.app, payloads: handle.payloads, context: prepared?.context, owned: true };
}

/**
 * The apps the property tests run against: the default scenario, and one per `contracts.properties.scenarios`
 * entry, built with that scenario's options. The default scenario reuses the extracted app unless the
 * invariants definition has a `prepare` step (which gives each app its own ports). The factory comes from
 * the module graph the extracted app was built from. When one fails to build, those already built are closed.
 */
export async function startPropertyApps(
  modules: ModuleLoader,
  config: ContractsConfig,
  extracted: ContractAppHandle<ContractApp>,
  invariants: InvariantsDefinition<unknown, unknown> | undefined,
): Promise<PropertyApp[]> {
  const prepare = invariants?.prepare;
  const wanted: Array<[string, unknown]> = [[DEFAULT_SCENARIO, config.appOptions], ...Object.entries(config.properties?.scenarios ?? {}).map(([name, scenario]): [string, unknown] => [name, scenario.appOptions])];
  const apps: PropertyApp[] = [];
  if (prepare === undefined) apps.push({ scenario: DEFAULT_SCENARIO, app: extracted.app, payloads: extracted.payloads, context: undefined, owned: false });
  const toBuild = prepare === undefined ? wanted.slice(1) : wanted;
  if (toBuild.length === 0) return apps;
  try {
    const factory = await loadFactory(modules, config);
    for (const [scenario, appOptions] of toBuild) apps.push(await startScenario(config, factory, scenario, appOptions, invariants));
  } catch (error) {
    await closePropertyApps(apps);
    throw error;
  }
  return apps;
}

/** Closes the apps the property tests built (not the extracted one, which its owner closes). */
export async function closePropertyApps(apps: readonly PropertyApp[]): Promise<void> {
  for (const started of apps) if (started.owned) await started.app.close();
}
