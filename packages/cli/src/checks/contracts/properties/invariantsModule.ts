import path from 'node:path';
import { NpvError } from '@npvguard/core';
import { EXAMPLE_PARTS, exampleProblems, isRecord, listOperations, routeKey, type InvariantsDefinition, type Operation, type RequestExamples, type RouteInvariants } from '@npvguard/harness/contracts';
import type { ModuleLoader } from '../load/moduleExport.js';

const CONFIG_KEY = 'contracts.properties.invariants';
const DEFINITION_KEYS = ['routes', 'examples', 'prepare'];
const SHAPE = 'defineInvariants({ routes: { "METHOD /path": { "invariant name": (input) => message or undefined } }, examples?, prepare? })';

/**
 * A part of the definition the contract does not have or refuses: a route it does not serve, a request field it
 * does not declare, example values its schemas refuse. A change to the contract can cause one, so it is a
 * finding about the change, and the part is left out, rather than an error that stops the run.
 */
export interface DefinitionMismatch {
  /** What the module writes there (an example name, its route key), tried in turn to point the finding at. */
  literals: string[];
  /** Stable parts for the finding's fingerprint. */
  key: string[];
  message: string;
}

/** An invariants definition as the property step uses it, checked against the app's operations. */
export interface LoadedInvariants {
  /** The module file, relative to the project root, for finding positions. */
  file: string;
  /** The definition without the parts in `mismatches`. */
  definition: InvariantsDefinition<unknown, unknown>;
  mismatches: DefinitionMismatch[];
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

function checkRoutes(reference: string, routes: unknown, operations: ReadonlyMap<string, Operation>, mismatches: DefinitionMismatch[]): Record<string, RouteInvariants<unknown>> {
  if (!isRecord(routes)) throw invalid(reference, '`routes` is not an object of routes');
  const kept: Record<string, RouteInvariants<unknown>> = {};
  for (const [key, invariants] of Object.entries(routes)) {
    if (!isRecord(invariants)) throw invalid(reference, `routes["${key}"] is not an object of named invariants`);
    for (const [name, invariant] of Object.entries(invariants)) {
      if (typeof invariant !== 'function') throw invalid(reference, `routes["${key}"]["${name}"] is not a function (found ${Array.isArray(invariant) ? 'an array' : typeof invariant})`);
    }
    if (operations.has(key)) kept[key] = invariants as RouteInvariants<unknown>;
    else mismatches.push({ literals: [key], key: ['routes', key], message: `routes["${key}"] is not a route of the app (its routes: ${routeList(operations)}), so its invariants are not checked` });
  }
  return kept;
}

/** The examples of one route, each part and name checked in turn; names the contract does not have or whose values it refuses are left out. */
function routeExamples(reference: string, key: string, examples: unknown, operation: Operation | undefined, document: unknown, mismatches: DefinitionMismatch[]): RequestExamples {
  if (!isRecord(examples)) throw invalid(reference, `examples["${key}"] is not an object { ${EXAMPLE_PARTS.join('?, ')}? }`);
  const kept: Record<string, Record<string, readonly unknown[]>> = {};
  for (const [part, byName] of Object.entries(examples)) {
    if (!(EXAMPLE_PARTS as readonly string[]).includes(part)) throw invalid(reference, `examples["${key}"].${part} is not a request part (expected one of ${EXAMPLE_PARTS.join(', ')})`);
    if (!isRecord(byName)) throw invalid(reference, `examples["${key}"].${part} is not an object mapping names to arrays of values`);
    for (const [name, values] of Object.entries(byName)) {
      if (!Array.isArray(values) || values.length === 0) throw invalid(reference, `examples["${key}"].${part}.${name} is not a non-empty array of values`);
      if (operation === undefined) continue;
      const [problem] = exampleProblems(operation, document, { [part]: { [name]: values } });
      if (problem === undefined) (kept[part] ??= {})[name] = values;
      else mismatches.push({ literals: [name, key], key: ['examples', key, part, name], message: `examples["${key}"], ${problem}, so these values are not used` });
    }
  }
  return kept;
}

function checkExamples(reference: string, examples: unknown, operations: ReadonlyMap<string, Operation>, document: unknown, mismatches: DefinitionMismatch[]): Record<string, RequestExamples> | undefined {
  if (examples === undefined) return undefined;
  if (!isRecord(examples)) throw invalid(reference, '`examples` is not an object of routes');
  const kept: Record<string, RequestExamples> = {};
  for (const [key, values] of Object.entries(examples)) {
    const operation = operations.get(key);
    const checked = routeExamples(reference, key, values, operation, document, mismatches);
    if (operation === undefined) mismatches.push({ literals: [key], key: ['examples', key], message: `examples["${key}"] is not a route of the app (its routes: ${routeList(operations)}), so its values are not used` });
    else kept[key] = checked;
  }
  return kept;
}

/**
 * The invariants definition `contracts.properties.invariants` names, loaded from TypeScript source and
 * checked: a missing module is NPV1101, a missing export NPV1102, a module that throws while loading NPV1104,
 * a definition of the wrong shape (an invariant or `prepare` that is not a function, an unknown key, examples
 * that are not arrays of values) NPV1105. Against the operations of `document` (the normalized extracted
 * contract), a route it does not serve or an example it refuses is a mismatch: left out and returned.
 */
export async function loadInvariants(modules: ModuleLoader, root: string, reference: string, document: unknown): Promise<LoadedInvariants> {
  let loaded: { value: unknown; file: string };
  try {
    loaded = await modules.load(exportReference(reference), CONFIG_KEY);
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
  const mismatches: DefinitionMismatch[] = [];
  const routes = checkRoutes(reference, value['routes'], operations, mismatches);
  const examples = checkExamples(reference, value['examples'], operations, document, mismatches);
  const prepare = value['prepare'] as InvariantsDefinition<unknown, unknown>['prepare'];
  return {
    file: path.relative(root, loaded.file).split(path.sep).join('/'),
    definition: { routes, ...(examples === undefined ? {} : { examples }), ...(prepare === undefined ? {} : { prepare }) },
    mismatches,
  };
}
