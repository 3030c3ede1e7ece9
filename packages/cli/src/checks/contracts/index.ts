import { NpvError, type CheckContext } from '@npvguard/core';
import { applyContractsEnv } from './load/appEnv.js';
import { cacheRouteTable, routeTableKey } from '../routeTableCache.js';
import { buildAppOrReportFailure } from './load/appBuildFailure.js';
import { createModuleLoader } from './load/moduleExport.js';
import { assertJsonSchemas } from './load/schemaConverter.js';
import { appModuleFile, contractTitle, DEFAULT_CHANGES, DEFAULT_SNAPSHOT } from './settings.js';
import { captureConsole } from './steps/appConsole.js';
import { diffFindings } from './steps/diffStep.js';
import { propertyFindings } from './steps/propertyStep.js';
import { snapshotFindings } from './steps/snapshotStep.js';

export { contractsMeta } from './meta.js';
export { diffDocuments } from './diff/diffDocuments.js';
export { CHANGE_KINDS } from './diff/catalogue.js';

/**
 * The contracts check: build the app (never listening) → extract its OpenAPI document → compare with the
 * committed snapshot → with --base, diff the base snapshot against it → run the property tests in-process.
 * The model contract is its own check (`model-contract`).
 */
export async function runContracts(context: CheckContext): Promise<void> {
  const config = context.config.contracts;
  if (config === undefined) throw new NpvError('NPV1008', 'The contracts check needs a `contracts` section in the config.');
  const snapshotPath = config.snapshot ?? DEFAULT_SNAPSHOT;
  const appFile = appModuleFile(config);
  const extractionStarted = performance.now();
  const appConsole = captureConsole();
  // One module graph for the app, its property scenarios and the invariants.
  const modules = createModuleLoader(context.root);
  let restoreEnv: (() => void) | undefined;
  try {
    restoreEnv = applyContractsEnv(context.root, config);
    const handle = await buildAppOrReportFailure(context, modules, config, contractTitle(context.root, config), snapshotPath);
    // Under --base an app that does not build is a finding; the steps below need the app.
    if (handle === undefined) return;
    const extractionMs = Math.round(performance.now() - extractionStarted);
    try {
      context.signal.throwIfAborted();
      assertJsonSchemas(handle, config, context.root);
      const snapshot = snapshotFindings(context, handle, snapshotPath, appFile);
      // For the latency check, beside or later, which needs the same table and need not boot the app again.
      const routeKey = routeTableKey(context.root, context.files, config);
      if (routeKey !== undefined) cacheRouteTable(context.root, routeKey, snapshot.routes);
      const diffStarted = performance.now();
      const diff = await diffFindings(context, snapshot, snapshotPath, config.changes ?? DEFAULT_CHANGES, {
        ...(config.closedSchemas === undefined ? {} : { closedSchemas: config.closedSchemas }),
        ...(config.lifecycle?.minSunsetDays === undefined ? {} : { minSunsetDays: config.lifecycle.minSunsetDays }),
        ...(context.date === undefined ? {} : { date: context.date }),
      });
      const diffMs = Math.round(performance.now() - diffStarted);
      context.signal.throwIfAborted();
      const properties = await propertyFindings(context, modules, handle, diff?.baseDocument, config, appFile, snapshot.routes);
      context.setData({
        snapshot: snapshotPath,
        operations: Object.values(handle.extraction.document['paths'] as Record<string, object>).reduce((sum, item) => sum + Object.keys(item).length, 0),
        drift: snapshot.drift,
        routes: {
          origin: snapshot.routes.origin,
          own: snapshot.routes.routes.filter((route) => route.auto === undefined && route.plugin === undefined).length,
          plugins: [...new Set(snapshot.routes.routes.flatMap((route) => (route.plugin === undefined ? [] : [route.plugin])))].sort(),
        },
        extractionMs,
        ...(diff === undefined ? {} : { diff: { base: context.base, changes: diff.changes.length, breaking: diff.changes.filter((change) => change.level === 'error').length, diffMs } }),
        ...(properties === undefined ? {} : { properties }),
        ...(appConsole.output.lines === 0 ? {} : { appConsole: appConsole.output }),
      });
    } finally {
      await handle.app.close();
    }
  } finally {
    restoreEnv?.();
    modules.close();
    appConsole.stop();
  }
}
