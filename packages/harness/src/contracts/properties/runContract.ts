import type { ContractApp } from '../openapi/app.js';
import { normalizeOpenApiSchemas } from '../schema/normalize.js';
import { pairOperations, runProperty, type PropertyKind, type PropertyOutcome, type PropertyRunOptions } from './runProperties.js';

export interface ContractRunOptions extends PropertyRunOptions {
  /** The base contract (an OpenAPI 3.x document): enables old-client replay. */
  baseDocument?: unknown;
  /** Which properties to run. Default all that apply. */
  properties?: readonly PropertyKind[];
  /** Only operations for which this returns true (`METHOD /path`). */
  filter?: (method: string, path: string) => boolean;
}

/** Every contract property of every operation in `document`, one after another, against `app`. */
export async function runContractProperties(app: ContractApp, document: unknown, options: ContractRunOptions = {}): Promise<PropertyOutcome[]> {
  const head = normalizeOpenApiSchemas(document);
  const base = options.baseDocument === undefined ? undefined : normalizeOpenApiSchemas(options.baseDocument);
  const wanted = options.properties ?? ['valid', 'invalid', 'replay'];
  const outcomes: PropertyOutcome[] = [];
  for (const pair of pairOperations(head, base)) {
    if (options.filter !== undefined && !options.filter(pair.head.method, pair.head.path)) continue;
    if (wanted.includes('valid')) outcomes.push(await runProperty(app, 'valid', pair.head, head, options));
    if (wanted.includes('invalid')) outcomes.push(await runProperty(app, 'invalid', pair.head, head, options));
    if (wanted.includes('replay') && pair.base !== undefined) outcomes.push(await runProperty(app, 'replay', pair.base, base, options));
  }
  return outcomes;
}
