import path from 'node:path';
import { NpvError } from '@npvguard/core';
import { exampleProblems, isRecord, listOperations, routeKey, type InvariantsDefinition, type Operation, type RequestExamples, type RouteInvariants } from '@npvguard/harness/contracts';
import { loadModuleExport } from '../load/moduleExport.js';

const CONFIG_KEY = 'contracts.properties.invariants';
const DEFINITION_KEYS = ['routes', 'examples', 'prepare'];
const SHAPE = 'defineInvariants({ routes: { "METHOD /path": { "invariant name": (input) => message or undefined } }, examples?, prepare? })';

/** An invariants definition as the property step uses it, checked against the app's operations. */
export interface LoadedInvariants {
  /** The module file, relative to the project root, for finding positions. */
  file: string;
  definition: InvariantsDefinition<unknown, unknown>;
}

/** `./contracts/invariants.ts` names the default export, `./contracts/invariants.ts#cardInvariants` a named one. */
function exportReference(reference: string): string {
  return reference.includes('#') ? reference : `${reference}#default`;
}

function invalid(reference: string, problem: string): NpvError {
  return new NpvError('NPV1105', `The invariants definition ${reference} (${CONFIG_KEY}) is invalid: ${problem}. Expected ${SHAPE}.`, { invariants: reference });
}

function routeList(operations: ReadonlyMap<string, Operation>): string {
  return [...operations.keys()].join(', ');
}

function checkRoutes(reference: string, routes: unknown, operations: ReadonlyMap<string, Operation>): Record<string, RouteInvariants<unknown>> {
  if (!isRecord(routes)) throw invalid(reference, '`routes` is not an object of routes');
  for (const [key, invariants] of Object.entries(routes)) {
    if (!operations.has(key)) throw invalid(reference, `routes["${key}"] is not a route of the app (its routes: ${routeList(operations)})`);
    if (!isRecord(invariants)) throw invalid(reference, `routes["${key}"] is not an object of named invariants`);
    for (const [name, invariant] of Object.entries(invariants)) {
      if (typeof invariant !== 'function') throw invalid(reference, `routes["${key}"]["${name}"] is not a function (found ${Array.isArray(invariant) ? 'an array' : typeof invariant})`);
    }
  }
  return routes as Record<string, RouteInvariants<unknown>>;
}

function checkExamples(reference: string, examples: unknown, operations: ReadonlyMap<string, Operation>, document: unknown): Record<string, RequestExamples> | undefined {
  if (examples === undefined) return undefined;
  if (!isRecord(examples)) throw invalid(reference, '`examples` is not an object of routes');
  for (const [key, routeExamples] of Object.entries(examples)) {
    const operation = operations.get(key);
    if (operation === undefined) throw invalid(reference, `examples["${key}"] is not a route of the app (its routes: ${routeList(operations)})`);
    if (!isRecord(routeExamples)) throw invalid(reference, `examples["${key}"] is not an object { body?, query?, path?, header? }`);
    const [problem] = exampleProblems(operation, document, routeExamples as RequestExamples);
    if (problem !== undefined) throw invalid(reference, `examples["${key}"], ${problem}`);
  }
  return examples as Record<string, RequestExamples>;
}

/**
 * The invariants definition `contracts.properties.invariants` names, loaded from TypeScript source and
 * checked against the operations of `document` (the normalized extracted contract): every route it names
 * exists, every invariant is a function, `prepare` is a function, example values pass their schemas.
 * A missing module is NPV1101, a missing export NPV1102, a module that throws while loading NPV1104,
 * anything else NPV1105.
 */
export async function loadInvariants(root: string, reference: string, document: unknown): Promise<LoadedInvariants> {
  let loaded: { value: unknown; file: string };
  try {
    loaded = await loadModuleExport(root, exportReference(reference), CONFIG_KEY);
  } catch (error) {
    if (error instanceof NpvError && error.code === 'NPV2102') throw new NpvError('NPV1104', error.message, { ...error.details, invariants: reference });
    throw error;
  }
  const value = loaded.value;
  if (!isRecord(value)) throw invalid(reference, `the export is ${typeof value === 'function' ? 'a function' : Array.isArray(value) ? 'an array' : typeof value}, not an object`);
  const unknown = Object.keys(value).filter((key) => !DEFINITION_KEYS.includes(key));
  if (unknown.length > 0) throw invalid(reference, `unknown key ${unknown.join(', ')} (known: ${DEFINITION_KEYS.join(', ')})`);
  if (value['prepare'] !== undefined && typeof value['prepare'] !== 'function') throw invalid(reference, '`prepare` is not a function');
  const operations = new Map(listOperations(document).map((operation) => [routeKey(operation.method, operation.path), operation]));
  const routes = checkRoutes(reference, value['routes'], operations);
  const examples = checkExamples(reference, value['examples'], operations, document);
  const prepare = value['prepare'] as InvariantsDefinition<unknown, unknown>['prepare'];
  return {
    file: path.relative(root, loaded.file).split(path.sep).join('/'),
    definition: { routes, ...(examples === undefined ? {} : { examples }), ...(prepare === undefined ? {} : { prepare }) },
  };
}
