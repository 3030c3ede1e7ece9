import { isRecord, DEFAULT_CLOSED_SCHEMAS, listOperations, normalizeOpenApiSchemas, type ClosedSchemasPolicy, type Operation } from '@npvguard/harness/contracts';
import { compareDocumentParts } from './documentDiff.js';
import { compareVersions } from './version.js';
import { lifecycleContext, type LifecycleOptions } from './lifecycle.js';
import { addedOperationChanges, removedOperationChanges } from './operationLifecycle.js';
import { compareOperations } from './operationDiff.js';
import type { ContractChange, OperationPair } from './types.js';
import { findWitness } from './witness.js';

const operationKey = (operation: Operation): string => `${operation.method} ${operation.pathKey}`;

/**
 * OpenAPI 3.0 ignores the properties written next to a `$ref` (a Reference Object cannot be extended); 3.1 applies them,
 * as JSON Schema 2020-12 does. A 3.0 document is read as its readers read it.
 */
function withoutReferenceSiblings(given: unknown): unknown {
  // A 3.1 document of webhooks or components alone has no paths: it has no operations.
  const document = isRecord(given) && given['paths'] === undefined ? { ...given, paths: {} } : given;
  if (!isRecord(document) || typeof document['openapi'] !== 'string' || !document['openapi'].startsWith('3.0')) return document;
  const strip = (value: unknown, nameMap: boolean): unknown => {
    if (Array.isArray(value)) return value.map((item) => strip(item, false));
    if (!isRecord(value)) return value;
    if (!nameMap && typeof value['$ref'] === 'string') return { $ref: value['$ref'] };
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, strip(item, !nameMap && (key === 'properties' || key === 'patternProperties'))]));
  };
  return strip(document, false);
}

function compareKey(change: ContractChange): string {
  return `${change.path}\u0000${change.method}\u0000${change.location}\u0000${change.id}\u0000${change.message}`;
}

export interface DiffOptions extends LifecycleOptions {
  /** How clients read answer objects whose schema refuses properties it does not list. Default `tolerant`. */
  closedSchemas?: ClosedSchemasPolicy;
  /** Judge `info.version` against the changes (a version that went down, breaking changes without a new version). Default off. */
  versionPolicy?: boolean;
}

/**
 * The semantic diff of two OpenAPI 3.0/3.1 documents (parsed, local `$ref`s allowed). Operations are
 * matched by method and path shape; every change gets an id and level, and every breaking change is
 * searched for a witness. A breaking change without a witness is kept as a warning: the schemas differ,
 * but no exchange the old contract allows was found that the new one refuses. Old clients judge answers
 * as the closed-schema policy says, here and in old-client replay alike.
 */
export function diffDocuments(oldDocument: unknown, newDocument: unknown, options: DiffOptions = {}): ContractChange[] {
  const closedSchemas = options.closedSchemas ?? DEFAULT_CLOSED_SCHEMAS;
  const lifecycle = lifecycleContext(options);
  const oldRoot = normalizeOpenApiSchemas(withoutReferenceSiblings(oldDocument));
  const newRoot = normalizeOpenApiSchemas(withoutReferenceSiblings(newDocument));
  const oldOperations = listOperations(oldRoot);
  const newOperations = listOperations(newRoot);
  const newByKey = new Map(newOperations.map((operation) => [operationKey(operation), operation]));
  const oldByKey = new Map(oldOperations.map((operation) => [operationKey(operation), operation]));
  const newPaths = new Set(newOperations.map((operation) => operation.pathKey));
  const pairs: Array<{ old: Operation; new: Operation }> = [];
  const changes: Array<{ change: ContractChange; pair: OperationPair }> = [];
  for (const previous of oldOperations) {
    const next = newByKey.get(operationKey(previous));
    if (next === undefined) {
      for (const change of removedOperationChanges(previous, newPaths.has(previous.pathKey), oldRoot, lifecycle)) changes.push({ change, pair: { old: previous, new: undefined } });
      continue;
    }
    const pair = { old: previous, new: next };
    pairs.push(pair);
    compareOperations({ old: previous, new: next, oldRoot, newRoot, closedSchemas, lifecycle, report: (change, own) => changes.push({ change, pair: own ?? pair }) });
  }
  for (const next of newOperations) {
    if (oldByKey.has(operationKey(next))) continue;
    for (const change of addedOperationChanges(next, newRoot)) changes.push({ change, pair: { old: undefined, new: next } });
  }
  compareDocumentParts({ oldRoot, newRoot, pairs, lifecycle, report: (change, pair) => changes.push({ change, pair }) });
  for (const { change, pair } of changes) {
    if (change.probe === undefined || change.level === 'info') continue;
    const witness = findWitness(change, pair, oldRoot, newRoot, closedSchemas);
    if (witness !== undefined) change.witness = witness;
    else if (change.level === 'error') {
      change.level = 'warning';
      change.message = `${change.message} (no request or answer was found that one contract allows and the other refuses, so it may not break clients)`;
    }
  }
  const found = changes.map(({ change }) => change);
  if (options.versionPolicy === true) found.push(...compareVersions(oldDocument, newDocument, found));
  return found.sort((left, right) => compareKey(left).localeCompare(compareKey(right)));
}
