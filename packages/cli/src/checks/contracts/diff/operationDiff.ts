import { isStructured, sampleStructured, serializationOf, serialize } from './serialization.js';
import { objectAt } from './documentChange.js';
import { effectiveStability, readStability } from './lifecycle.js';
import { dereference, isRecord, type ClosedSchemasPolicy, type JsonSchema, type Operation, type OperationParameter } from '@npvguard/harness/contracts';
import { changeKind } from './catalogue.js';
import type { LifecycleContext } from './lifecycle.js';
import { compareParameterLifecycle, isDeprecatedParameter } from './parameterLifecycle.js';
import { compareSchemas } from './schemaDiff.js';
import type { SchemaDiffContext } from './schemaContext.js';
import { compareMediaTypes } from './mediaTypes.js';
import type { ContractChange, ExchangePart, OperationPair, WitnessProbe } from './types.js';

export interface OperationDiffInput {
  old: Operation;
  new: Operation;
  oldRoot: unknown;
  newRoot: unknown;
  closedSchemas: ClosedSchemasPolicy;
  lifecycle: LifecycleContext;
  /** `pair`, when given: the operations the change's witness is searched against (one media type's schemas). */
  report(change: ContractChange, pair?: OperationPair): void;
}

function change(input: OperationDiffInput, id: string, location: string, message: string, pointer: string, side: 'old' | 'new', probe?: WitnessProbe): ContractChange {
  const kind = changeKind(id);
  return {
    id,
    level: kind.level,
    method: input.new.method,
    path: input.new.path,
    location,
    message: `${location}: ${message}`,
    pointer,
    side,
    ...(probe === undefined || kind.level === 'info' ? {} : { probe }),
  };
}

const parameterKey = (parameter: OperationParameter): string => `${parameter.in}:${parameter.name}`;
const isSuccess = (status: string): boolean => /^2(\d\d|XX)$/.test(status);

function context(input: OperationDiffInput, side: 'request' | 'response', subject: 'property' | 'parameter', part: ExchangePart, locationPrefix: string): SchemaDiffContext {
  return {
    side,
    subject,
    part,
    method: input.new.method,
    path: input.new.path,
    locationPrefix,
    oldRoot: input.oldRoot,
    newRoot: input.newRoot,
    report: input.report,
    active: new Set(),
    closedSchemas: input.closedSchemas,
    lifecycle: input.lifecycle,
    operationStability: effectiveStability(readStability(objectAt(input.newRoot, input.new.pointer))),
  };
}

/**
 * The schemas to compare for a parameter. A query or header parameter that became a list in form style with explode
 * (OpenAPI's default for query) still accepts a value sent once, as a one-element list: the old scalar is compared with
 * the list's items.
 */
function parameterSchemas(previous: OperationParameter, next: OperationParameter, input: OperationDiffInput): { oldSchema: JsonSchema; newSchema: JsonSchema } {
  const resolved = (schema: JsonSchema, root: unknown): Record<string, unknown> | undefined => {
    const value = dereference(schema, root);
    return isRecord(value) ? value : undefined;
  };
  const before = resolved(previous.schema, input.oldRoot);
  const after = resolved(next.schema, input.newRoot);
  const isList = (schema: Record<string, unknown> | undefined): boolean => schema !== undefined && (schema['type'] === 'array' || (Array.isArray(schema['type']) && schema['type'].includes('array')));
  const style = next.style ?? (next.in === 'query' || next.in === 'cookie' ? 'form' : 'simple');
  const explode = next.explode ?? style === 'form';
  if (next.in !== 'path' && !isList(before) && isList(after) && ((style === 'form' && explode) || style === 'simple') && after?.['items'] !== undefined) {
    return { oldSchema: previous.schema, newSchema: after['items'] as JsonSchema };
  }
  return { oldSchema: previous.schema, newSchema: next.schema };
}

/** A list or object parameter whose style or explode changed: old clients put it on the wire in a way the server no longer reads. */
function compareSerialization(input: OperationDiffInput, previous: OperationParameter, next: OperationParameter, location: string): void {
  const before = serializationOf(previous);
  const after = serializationOf(next);
  if (before.style === after.style && before.explode === after.explode) return;
  if (!isStructured(previous, input.oldRoot) && !isStructured(next, input.newRoot)) return;
  const value = sampleStructured(previous, input.oldRoot);
  const sent = serialize(previous.name, value, before.style, before.explode);
  const meant = serialize(previous.name, value, after.style, after.explode);
  if (sent === meant) return;
  const described = (way: { style: string; explode: boolean }): string => `style ${way.style}, explode ${String(way.explode)}`;
  const found = change(input, 'request-parameter-serialization-changed', location, `the serialization changed from ${described(before)} to ${described(after)}`, next.pointer, 'new');
  input.report({
    ...found,
    witness: {
      direction: 'old-accepts-new-rejects',
      request: { method: input.old.method, path: input.old.path, [previous.in === 'query' ? 'query' : previous.in]: sent },
      refusedBecause: `the new contract reads ${JSON.stringify(value)} as ${meant} (${described(after)}), not as ${sent}, which old clients send (${described(before)})`,
    },
  });
}

function compareParameters(input: OperationDiffInput): void {
  const oldByKey = new Map(input.old.parameters.map((parameter) => [parameterKey(parameter), parameter]));
  const newByKey = new Map(input.new.parameters.map((parameter) => [parameterKey(parameter), parameter]));
  for (const [key, parameter] of newByKey) {
    const location = `${parameter.in} parameter ${parameter.name}`;
    const part: ExchangePart = { kind: 'parameter', in: parameter.in, name: parameter.name };
    const previous = oldByKey.get(key);
    if (previous === undefined) {
      // A path parameter renamed keeps its position, and path shapes already matched: not a new parameter.
      if (parameter.in === 'path') continue;
      if (parameter.required) input.report(change(input, 'new-required-request-parameter', location, 'a required parameter was added', parameter.pointer, 'new', { part, valuePath: [], omit: true, direction: 'old-accepts-new-rejects' }));
      else input.report(change(input, 'new-optional-request-parameter', location, 'an optional parameter was added', parameter.pointer, 'new'));
      continue;
    }
    if (!previous.required && parameter.required) {
      input.report(change(input, 'request-parameter-became-required', location, 'the parameter became required', parameter.pointer, 'new', { part, valuePath: [], omit: true, direction: 'old-accepts-new-rejects' }));
    } else if (previous.required && !parameter.required) {
      input.report(change(input, 'request-parameter-became-optional', location, 'the parameter became optional', parameter.pointer, 'new'));
    }
    compareSerialization(input, previous, parameter, location);
    compareSchemas(context(input, 'request', 'parameter', part, location), { ...parameterSchemas(previous, parameter, input), valuePath: [], pointer: `${parameter.pointer}/schema` });
  }
  for (const [key, parameter] of oldByKey) {
    if (!newByKey.has(key) && parameter.in !== 'path' && !isDeprecatedParameter(input.oldRoot, parameter)) {
      input.report(change(input, 'request-parameter-removed', `${parameter.in} parameter ${parameter.name}`, 'the parameter is no longer described', parameter.pointer, 'old'));
    }
  }
}

function compareBodies(input: OperationDiffInput): void {
  const previous = input.old.body;
  const next = input.new.body;
  const part: ExchangePart = { kind: 'body' };
  if (previous === undefined && next === undefined) return;
  if (previous === undefined && next !== undefined) {
    if (next.required) input.report(change(input, 'request-body-added-required', 'request body', 'a required request body was added', next.pointer, 'new', { part, valuePath: [], omit: true, direction: 'old-accepts-new-rejects' }));
    else input.report(change(input, 'request-body-added-optional', 'request body', 'an optional request body was added', next.pointer, 'new'));
    return;
  }
  if (previous !== undefined && next === undefined) {
    input.report(change(input, 'request-body-removed', 'request body', 'the request body is no longer described', previous.pointer, 'old'));
    return;
  }
  if (previous === undefined || next === undefined) return;
  if (!previous.required && next.required) input.report(change(input, 'request-body-became-required', 'request body', 'the request body became required', next.pointer, 'new', { part, valuePath: [], omit: true, direction: 'old-accepts-new-rejects' }));
  else if (previous.required && !next.required) input.report(change(input, 'request-body-became-optional', 'request body', 'the request body became optional', next.pointer, 'new'));
  if (previous.schema !== undefined && next.schema !== undefined) {
    compareSchemas(context(input, 'request', 'property', part, 'request body'), { oldSchema: previous.schema, newSchema: next.schema, valuePath: [], pointer: `${next.pointer}/content/${(next.mediaType ?? 'application/json').replace(/\//g, '~1')}/schema` });
  }
}

function compareResponses(input: OperationDiffInput): void {
  const newByStatus = new Map(input.new.responses.map((response) => [response.status, response]));
  const oldByStatus = new Map(input.old.responses.map((response) => [response.status, response]));
  for (const [status, previous] of oldByStatus) {
    const next = newByStatus.get(status);
    const location = `response ${status}`;
    const part: ExchangePart = { kind: 'response', status };
    if (next === undefined) {
      const id = isSuccess(status) ? 'response-success-status-removed' : 'response-non-success-status-removed';
      input.report(change(input, id, location, `the status ${status} is no longer documented`, previous.pointer, 'old', { part, valuePath: [], oldSchema: previous.schema ?? true, direction: 'old-accepts-new-rejects' }));
      continue;
    }
    if (previous.schema !== undefined && next.schema !== undefined) {
      compareSchemas(context(input, 'response', 'property', part, location), { oldSchema: previous.schema, newSchema: next.schema, valuePath: [], pointer: `${next.pointer}/content/${(next.mediaType ?? 'application/json').replace(/\//g, '~1')}/schema` });
    }
  }
  for (const [status, next] of newByStatus) {
    if (!oldByStatus.has(status)) input.report(change(input, isSuccess(status) ? 'response-success-status-added' : 'response-non-success-status-added', `response ${status}`, `the status ${status} was added`, next.pointer, 'new'));
  }
}

/** Every change between two versions of one operation: parameters, request body, responses. */
export function compareOperations(input: OperationDiffInput): void {
  compareParameters(input);
  compareParameterLifecycle(input);
  compareBodies(input);
  compareResponses(input);
  compareMediaTypes({
    ...input,
    compare(side, status, pair, schemas) {
      const part: ExchangePart = side === 'request' ? { kind: 'body' } : { kind: 'response', status: status ?? '' };
      const own = context(input, side, 'property', part, schemas.location);
      compareSchemas({ ...own, report: (found) => input.report(found, pair) }, { oldSchema: schemas.oldSchema, newSchema: schemas.newSchema, valuePath: [], pointer: schemas.pointer });
    },
  });
}
