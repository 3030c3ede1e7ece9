import type { ContractApp } from '../openapi/app.js';
import { normalizeOpenApiSchemas } from '../schema/normalize.js';
import { routeKey, type RequestExamples, type RouteInvariants } from './invariants.js';
import { pairOperations, runProperty, type PropertyKind, type PropertyOutcome, type PropertyRunOptions } from './runProperties.js';

export interface ContractRunOptions<Context = undefined> extends PropertyRunOptions {
  /** The base contract (an OpenAPI 3.x document): enables old-client replay. */
  baseDocument?: unknown;
  /** Which properties to run. Default all that apply. */
  properties?: readonly PropertyKind[];
  /** Only operations for which this returns true (`METHOD /path`). */
  filter?: (method: string, path: string) => boolean;
  /** `METHOD /path` → invariants every answer to a valid request must keep. */
  invariants?: Readonly<Record<string, RouteInvariants<Context>>>;
  /** `METHOD /path` → values mixed into generated requests. */
  examples?: Readonly<Record<string, RequestExamples>>;
  /** Given to the invariants. */
  context?: Context;
}

/** Every contract property of every operation in `document`, one after another, against `app`. */
export async function runContractProperties<Context = undefined>(app: ContractApp, document: unknown, options: ContractRunOptions<Context> = {}): Promise<PropertyOutcome[]> {
  const head = normalizeOpenApiSchemas(document);
  const base = options.baseDocument === undefined ? undefined : normalizeOpenApiSchemas(options.baseDocument);
  const wanted = options.properties ?? ['valid', 'invalid', 'replay'];
  const { invariants: allInvariants, examples: allExamples, baseDocument: _baseDocument, properties: _properties, filter, ...shared } = options;
  const outcomes: PropertyOutcome[] = [];
  for (const pair of pairOperations(head, base)) {
    if (filter !== undefined && !filter(pair.head.method, pair.head.path)) continue;
    const key = routeKey(pair.head.method, pair.head.path);
    const invariants = allInvariants?.[key];
    const examples = allExamples?.[key];
    const route = {
      ...shared,
      ...(invariants === undefined ? {} : { invariants }),
      ...(examples === undefined ? {} : { examples }),
    };
    if (wanted.includes('valid')) outcomes.push(await runProperty(app, 'valid', pair.head, head, route));
    if (wanted.includes('invalid')) outcomes.push(await runProperty(app, 'invalid', pair.head, head, route));
    if (wanted.includes('replay') && pair.base !== undefined) outcomes.push(await runProperty(app, 'replay', pair.base, base, route));
  }
  return outcomes;
}
