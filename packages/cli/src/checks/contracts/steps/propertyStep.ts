import path from 'node:path';
import type { CheckContext, ContractsConfig } from '@npvguard/core';
import { DEFAULT_SCENARIO, formatPropertyFailure, normalizeOpenApiSchemas, runContractProperties, type ContractApp, type ContractAppHandle, type PropertyFailure, type PropertyOutcome } from '@npvguard/harness/contracts';
import { CONTRACT_RULES } from '../meta.js';
import { loadInvariants, type DefinitionMismatch, type LoadedInvariants } from '../properties/invariantsModule.js';
import type { ModuleLoader } from '../load/moduleExport.js';
import { closePropertyApps, startPropertyApps, type PropertyApp } from '../properties/scenarioApps.js';
import { backingServiceFailures, replaysOfFailingRoutes, type BackingServiceFailure } from '../properties/backingService.js';
import { exportPosition } from '../load/exportPosition.js';
import { locateLiteral, locateRouteUrl, type SourcePosition } from './locate.js';
import type { RouteTable } from '../../routeTable.js';

const RULE_BY_KIND: Readonly<Record<PropertyFailure['kind'], string>> = {
  'server-error': CONTRACT_RULES.propertyServerError,
  'undocumented-status': CONTRACT_RULES.propertyUndocumentedStatus,
  'response-schema-mismatch': CONTRACT_RULES.propertyResponseSchemaMismatch,
  'invalid-request-accepted': CONTRACT_RULES.propertyInvalidRequestAccepted,
  'generation-failed': CONTRACT_RULES.propertyGenerationFailed,
  'inject-failed': CONTRACT_RULES.propertyInjectFailed,
  'invariant-violated': CONTRACT_RULES.propertyInvariantViolated,
};

export interface PropertyStats {
  runsPerProperty: number;
  properties: number;
  requests: number;
  durationMs: number;
  /** Of `durationMs`, loading the invariants module and building the apps the property tests run against. */
  setupMs: number;
  /** The scenarios run: `default` and those of `contracts.properties.scenarios`. */
  scenarios: string[];
  /** Invariants declared, summed over routes. */
  invariants: number;
}

function hintFor(failure: PropertyFailure): string {
  if (failure.property === 'invalid') return 'Validate the request against its schema (fastify does this when the route has `schema.body`/`querystring`), and answer 4xx for bad input.';
  if (failure.kind === 'invariant-violated') return 'The answer breaks a promise the service declares in its invariants: fix the code that produced it, or the invariant if the promise itself changed.';
  if (failure.scenario !== undefined) return `With the dependencies of the scenario "${failure.scenario}", the route must still answer as its contract says (a fallback, or a documented 503).`;
  return 'Make the handler answer only documented statuses with bodies matching their schemas, or document what it answers.';
}

/**
 * Where a failure points: a broken invariant at its declaration, anything else at the call that registered the
 * route (from the route table), or where its url is written when the table has no frame for it.
 */
function positionOf(context: CheckContext, failure: PropertyFailure, appFile: string, invariants: LoadedInvariants | undefined, routes: RouteTable): SourcePosition {
  if (failure.invariant !== undefined && invariants !== undefined) return locateLiteral(context.root, [invariants.file], failure.invariant, invariants.file);
  const url = failure.path.replace(/\{([^}]+)\}/g, ':$1');
  const registered = routes.routes.find((route) => route.method === failure.method.toUpperCase() && route.url === url && route.source !== undefined)?.source;
  if (registered !== undefined) return locateRouteUrl(context.root, registered, url);
  return locateLiteral(context.root, context.files, url, appFile);
}

function reportFailure(context: CheckContext, failure: PropertyFailure, settings: NonNullable<ContractsConfig['properties']>, appFile: string, invariants: LoadedInvariants | undefined, routes: RouteTable): void {
  const replay = `set contracts.properties to { seed: ${settings.seed ?? 1}${failure.replayPath === undefined ? '' : `, replayPath: '${failure.replayPath}'`} } and run \`npvguard check --only contracts\``;
  const ruleId = failure.property === 'replay' && failure.kind !== 'generation-failed' ? CONTRACT_RULES.oldClientReplayFailed : RULE_BY_KIND[failure.kind];
  context.report({
    ruleId,
    ...positionOf(context, failure, appFile, invariants, routes),
    message: formatPropertyFailure(failure, replay),
    hint: hintFor(failure),
    // The default scenario adds nothing, so findings of configs without scenarios keep their fingerprints.
    fingerprintParts: [ruleId, failure.method, failure.path, failure.property, ...(failure.scenario === undefined ? [] : [`scenario:${failure.scenario}`]), ...(failure.invariant === undefined ? [] : [`invariant:${failure.invariant}`])],
    data: {
      property: failure.property,
      method: failure.method,
      path: failure.path,
      ...(failure.scenario === undefined ? {} : { scenario: failure.scenario }),
      ...(failure.invariant === undefined ? {} : { invariant: failure.invariant }),
      seed: failure.seed,
      ...(failure.replayPath === undefined ? {} : { replayPath: failure.replayPath }),
      ...(failure.counterexample === undefined ? {} : { counterexample: failure.counterexample }),
      ...(failure.response === undefined ? {} : { response: failure.response }),
      replay,
    },
  });
}

function reportMismatch(context: CheckContext, invariants: LoadedInvariants, mismatch: DefinitionMismatch): void {
  const position = mismatch.literals.map((literal) => locateLiteral(context.root, [invariants.file], literal, invariants.file)).find((found) => found.line > 1 || found.column > 1) ?? { file: invariants.file, line: 1, column: 1 };
  context.report({
    ruleId: CONTRACT_RULES.propertyDefinitionMismatch,
    ...position,
    message: `The invariants definition ${invariants.file} does not fit the contract: ${mismatch.message}.`,
    hint: 'If the contract changed on purpose, change the invariants definition with it (routes as the snapshot names them, examples its schemas accept); otherwise the contract now refuses what the service is known to handle.',
    fingerprintParts: [CONTRACT_RULES.propertyDefinitionMismatch, ...mismatch.key],
  });
}

function excerpt(body: unknown): string {
  const text = typeof body === 'string' ? body : JSON.stringify(body) ?? String(body);
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}

/** One finding for the routes that all answer 5xx: the app lacks a service they need, at the factory that builds it. */
function reportBackingService(context: CheckContext, failure: BackingServiceFailure, config: ContractsConfig, appFile: string): void {
  const ruleId = CONTRACT_RULES.routesNeedBackingService;
  const exportName = config.app.split('#')[1] ?? 'default';
  const position = exportPosition(path.resolve(context.root, appFile), exportName) ?? { line: 1, column: 1 };
  const listed = failure.failing.slice(0, 5).map((route) => `${route.method} ${route.path} → ${route.status ?? 'no answer'}`).join(', ');
  const more = failure.failing.length > 5 ? `, and ${failure.failing.length - 5} more` : '';
  const first = failure.failing[0];
  const scenario = failure.scenario === undefined ? '' : ` (scenario "${failure.scenario}")`;
  context.report({
    ruleId,
    file: appFile,
    ...position,
    message: `${failure.failing.length} of ${failure.routes} routes answer 5xx to every valid request the property tests sent${scenario}: ${listed}${more}. The app built by ${config.app} cannot reach a service these routes need (a database, a cache, another API), so their contracts were not tested. First answer: ${first === undefined ? '' : excerpt(first.body)}`,
    hint: 'Give the app fakes for what it connects to: in the factory of contracts.app, decorate the instance with fake clients or repositories before the app registers its own (docs/checks/contracts.md, "Apps that need a database"), choosing them with contracts.appOptions; or set contracts.properties.runs to 0 until then.',
    fingerprintParts: [ruleId, ...(failure.scenario === undefined ? [] : [`scenario:${failure.scenario}`])],
    data: {
      routes: failure.failing.map((route) => ({ method: route.method, path: route.path, ...(route.status === undefined ? {} : { status: route.status }) })),
      ...(failure.scenario === undefined ? {} : { scenario: failure.scenario }),
    },
  });
}

async function runScenario(started: PropertyApp, document: unknown, baseDocument: unknown, config: ContractsConfig, numRuns: number, invariants: LoadedInvariants | undefined): Promise<PropertyOutcome[]> {
  const settings = config.properties ?? {};
  const isDefault = started.scenario === DEFAULT_SCENARIO;
  const definition = invariants?.definition;
  return runContractProperties(started.app, document, {
    numRuns,
    ...(settings.seed === undefined ? {} : { seed: settings.seed }),
    ...(settings.replayPath === undefined ? {} : { replayPath: settings.replayPath }),
    ...(isDefault && baseDocument !== undefined ? { baseDocument, ...(config.closedSchemas === undefined ? {} : { closedSchemas: config.closedSchemas }) } : {}),
    // A scenario is about how the app answers valid requests when its dependencies differ.
    ...(isDefault ? {} : { properties: ['valid'] as const }),
    payloads: started.payloads,
    scenario: started.scenario,
    ...(definition === undefined ? {} : { invariants: definition.routes, ...(definition.examples === undefined ? {} : { examples: definition.examples }) }),
    context: started.context,
  });
}

/**
 * Runs the contract properties of every route in-process (inject) and reports each failing one: in the
 * default scenario valid, invalid and (with --base) old-client requests; in every configured scenario
 * valid requests, each app built with that scenario's options; the invariants of
 * `contracts.properties.invariants` on every answer to a valid request.
 */
export async function propertyFindings(
  context: CheckContext,
  modules: ModuleLoader,
  extracted: ContractAppHandle<ContractApp>,
  baseDocument: unknown,
  config: ContractsConfig,
  appFile: string,
  routes: RouteTable,
): Promise<PropertyStats | undefined> {
  const settings = config.properties ?? {};
  const numRuns = settings.runs ?? 100;
  if (numRuns === 0) return undefined;
  const started = performance.now();
  const document = extracted.extraction.document;
  const invariants = settings.invariants === undefined ? undefined : await loadInvariants(modules, context.root, settings.invariants, normalizeOpenApiSchemas(document));
  const apps = await startPropertyApps(modules, config, extracted, invariants?.definition);
  const setupMs = Math.round(performance.now() - started);
  const outcomes: PropertyOutcome[] = [];
  try {
    for (const app of apps) {
      context.signal.throwIfAborted();
      outcomes.push(...(await runScenario(app, document, baseDocument, config, numRuns, invariants)));
    }
  } finally {
    await closePropertyApps(apps);
  }
  if (invariants !== undefined) for (const mismatch of invariants.mismatches) reportMismatch(context, invariants, mismatch);
  const backing = backingServiceFailures(outcomes);
  for (const failure of backing) reportBackingService(context, failure, config, appFile);
  const covered = new Set([...backing.flatMap((failure) => [...failure.covered]), ...replaysOfFailingRoutes(outcomes)]);
  for (const outcome of outcomes) if (outcome.failure !== undefined && !covered.has(outcome.failure)) reportFailure(context, outcome.failure, settings, appFile, invariants, routes);
  return {
    runsPerProperty: numRuns,
    properties: outcomes.length,
    requests: outcomes.reduce((sum, outcome) => sum + outcome.requests, 0),
    durationMs: Math.round(performance.now() - started),
    setupMs,
    scenarios: apps.map((app) => app.scenario),
    invariants: Object.values(invariants?.definition.routes ?? {}).reduce((sum, route) => sum + Object.keys(route).length, 0),
  };
}
