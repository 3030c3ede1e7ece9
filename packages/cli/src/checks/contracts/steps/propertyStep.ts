import type { CheckContext, ContractsPropertiesConfig } from '@npvguard/core';
import { formatPropertyFailure, runContractProperties, type ContractApp, type PropertyFailure } from '@npvguard/harness/contracts';
import { CONTRACT_RULES } from '../meta.js';
import { locateLiteral } from './locate.js';

const RULE_BY_KIND: Readonly<Record<PropertyFailure['kind'], string>> = {
  'server-error': CONTRACT_RULES.propertyServerError,
  'undocumented-status': CONTRACT_RULES.propertyUndocumentedStatus,
  'response-schema-mismatch': CONTRACT_RULES.propertyResponseSchemaMismatch,
  'invalid-request-accepted': CONTRACT_RULES.propertyInvalidRequestAccepted,
  'generation-failed': CONTRACT_RULES.propertyGenerationFailed,
  'inject-failed': CONTRACT_RULES.propertyInjectFailed,
};

export interface PropertyStats {
  runsPerProperty: number;
  properties: number;
  requests: number;
  durationMs: number;
}

/** Runs the contract properties of every route in-process (inject) and reports each failing one. */
export async function propertyFindings(
  context: CheckContext,
  app: ContractApp,
  document: unknown,
  baseDocument: unknown,
  settings: ContractsPropertiesConfig,
  appFile: string,
): Promise<PropertyStats | undefined> {
  const numRuns = settings.runs ?? 100;
  if (numRuns === 0) return undefined;
  const started = performance.now();
  const outcomes = await runContractProperties(app, document, {
    numRuns,
    ...(settings.seed === undefined ? {} : { seed: settings.seed }),
    ...(settings.replayPath === undefined ? {} : { replayPath: settings.replayPath }),
    ...(baseDocument === undefined ? {} : { baseDocument }),
  });
  for (const outcome of outcomes) {
    const failure = outcome.failure;
    if (failure === undefined) continue;
    const replay = `set contracts.properties to { seed: ${settings.seed ?? 1}${failure.replayPath === undefined ? '' : `, replayPath: '${failure.replayPath}'`} } and run \`npvguard check --only contracts\``;
    const ruleId = failure.property === 'replay' && failure.kind !== 'generation-failed' ? CONTRACT_RULES.oldClientReplayFailed : RULE_BY_KIND[failure.kind];
    const position = locateLiteral(context.root, context.files, failure.path.replace(/\{([^}]+)\}/g, ':$1'), appFile);
    context.report({
      ruleId,
      ...position,
      message: formatPropertyFailure(failure, replay),
      hint:
        failure.property === 'invalid'
          ? 'Validate the request against its schema (fastify does this when the route has `schema.body`/`querystring`), and answer 4xx for bad input.'
          : 'Make the handler answer only documented statuses with bodies matching their schemas, or document what it answers.',
      fingerprintParts: [ruleId, failure.method, failure.path, failure.property],
      data: {
        property: failure.property,
        method: failure.method,
        path: failure.path,
        seed: failure.seed,
        ...(failure.replayPath === undefined ? {} : { replayPath: failure.replayPath }),
        ...(failure.counterexample === undefined ? {} : { counterexample: failure.counterexample }),
        ...(failure.response === undefined ? {} : { response: failure.response }),
        replay,
      },
    });
  }
  const durationMs = performance.now() - started;
  return { runsPerProperty: numRuns, properties: outcomes.length, requests: outcomes.reduce((sum, outcome) => sum + outcome.requests, 0), durationMs: Math.round(durationMs) };
}
