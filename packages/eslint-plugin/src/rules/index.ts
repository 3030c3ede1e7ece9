import boundaries from './boundaries.js';
import deterministicRanking from './deterministic-ranking.js';
import noAwaitSideEffects from './no-await-side-effects.js';
import noAwaitSideEffectsTypeChecked from './no-await-side-effects-type-checked.js';
import noNanUnsafeSort from './no-nan-unsafe-sort.js';
import noPerRequestClient from './no-per-request-client.js';
import noPiiInLogs from './no-pii-in-logs.js';
import noPiiInModelInputs from './no-pii-in-model-inputs.js';
import noProcessEnvOutsideConfig from './no-process-env-outside-config.js';
import noSequentialIndependentAwaits from './no-sequential-independent-awaits.js';
import noSyncIoInRequestPath from './no-sync-io-in-request-path.js';
import noUnboundedFanout from './no-unbounded-fanout.js';
import oipOutputsByName from './oip-outputs-by-name.js';
import requireTimeout from './require-timeout.js';
import requireTimeoutTypeChecked from './require-timeout-type-checked.js';
import routeRequiresSchema from './route-requires-schema.js';
import uniqueExperimentSalt from './unique-experiment-salt.js';

/** Every rule of the plugin by name; the name is also the file name of its source, test and doc. */
export const rules = {
  boundaries,
  'deterministic-ranking': deterministicRanking,
  'no-await-side-effects': noAwaitSideEffects,
  'no-await-side-effects-type-checked': noAwaitSideEffectsTypeChecked,
  'no-nan-unsafe-sort': noNanUnsafeSort,
  'no-per-request-client': noPerRequestClient,
  'no-pii-in-logs': noPiiInLogs,
  'no-pii-in-model-inputs': noPiiInModelInputs,
  'no-process-env-outside-config': noProcessEnvOutsideConfig,
  'no-sequential-independent-awaits': noSequentialIndependentAwaits,
  'no-sync-io-in-request-path': noSyncIoInRequestPath,
  'no-unbounded-fanout': noUnboundedFanout,
  'oip-outputs-by-name': oipOutputsByName,
  'require-timeout': requireTimeout,
  'require-timeout-type-checked': requireTimeoutTypeChecked,
  'route-requires-schema': routeRequiresSchema,
  'unique-experiment-salt': uniqueExperimentSalt,
};

export type RuleName = keyof typeof rules;
