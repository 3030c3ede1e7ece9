import path from 'node:path';
import type { CheckContext, ContractsConfig } from '@npvguard/core';
import type { ContractApp, ContractAppHandle } from '@npvguard/harness/contracts';
import { CONTRACT_RULES } from '../meta.js';
import { appModuleFile } from '../settings.js';
import { AppBuildError, buildContractApp } from './buildApp.js';
import type { ModuleLoader } from './moduleExport.js';
import { exportPosition } from './exportPosition.js';

/** The steps of the contracts check that need the built app: all of them. */
export const STEPS_NEEDING_THE_APP = ['snapshot', 'diff', 'properties'] as const;

/** The first line of what was thrown, with its class name unless it is a plain Error. */
export function firstLineOf(cause: unknown): string {
  const text = cause instanceof Error ? `${cause.name === 'Error' ? '' : `${cause.name}: `}${cause.message}` : String(cause);
  return text.trim().split('\n')[0]?.trim() ?? '';
}

/**
 * Whether this run belongs to a comparison with a base commit: the head run with --base, or the run at the
 * base that head findings are compared with. A factory that throws is then a property of the code under
 * check (a change that breaks the app's construction), reported so the base comparison can judge it.
 */
function comparesWithBase(context: CheckContext): boolean {
  return context.base !== undefined || context.atBase === true;
}

function reportAppBuildFailed(context: CheckContext, config: ContractsConfig, snapshotPath: string, failure: AppBuildError): void {
  const appFile = appModuleFile(config);
  const exportName = config.app.slice(config.app.lastIndexOf('#') + 1);
  const position = exportPosition(path.resolve(context.root, appFile), exportName) ?? { line: 1, column: 1 };
  const cause = firstLineOf(failure.cause);
  const what = failure.stage === 'build' ? 'threw while building the app' : 'built an app that failed to boot (ready() rejected)';
  const diff = context.base === undefined ? 'the diff' : `the diff against ${context.base}`;
  context.report({
    ruleId: CONTRACT_RULES.appBuildFailed,
    file: appFile,
    ...position,
    message: `The app factory ${config.app} ${what}: ${cause}. The contract snapshot, ${diff} and the property tests need the app, so they did not run.`,
    hint: 'Call the factory (a test that builds the app is enough) to see the whole error, then fix the code or the configuration it rejects; the contract steps run again once the app builds.',
    // The app reference alone: the same factory failing at the base with another message is the same finding.
    fingerprintParts: [config.app],
    data: { app: config.app, stage: failure.stage, error: cause },
  });
  context.setData({ snapshot: snapshotPath, appBuildFailed: { app: config.app, stage: failure.stage, error: cause }, skipped: [...STEPS_NEEDING_THE_APP] });
}

/**
 * `buildContractApp`, except that under a base comparison a factory that throws (or an app that fails to
 * boot) is reported as `contracts/app-build-failed` and undefined is returned: the steps needing the app are
 * skipped, and the check's data says so. Without --base it stays NPV2102, as do a missing module or export.
 */
export async function buildAppOrReportFailure(
  context: CheckContext,
  modules: ModuleLoader,
  config: ContractsConfig,
  title: string,
  snapshotPath: string,
): Promise<ContractAppHandle<ContractApp> | undefined> {
  try {
    return await buildContractApp(modules, config, title);
  } catch (error) {
    if (!(error instanceof AppBuildError) || !comparesWithBase(context)) throw error;
    reportAppBuildFailed(context, config, snapshotPath, error);
    return undefined;
  }
}
