import { arbitraryFromSchema, dereference, escapeSegment, isRecord, resolvePointer, type JsonSchema, type Operation } from '@npvguard/harness/contracts';
import { changeKind } from './catalogue.js';
import { samples } from './exchange.js';
import type { ContractChange, OperationPair } from './types.js';

export interface MediaTypeInput {
  old: Operation;
  new: Operation;
  oldRoot: unknown;
  newRoot: unknown;
  report(change: ContractChange, pair?: OperationPair): void;
  /** Compares two schemas of one media type, against the operations given (which carry that media type's schemas). */
  compare(side: 'request' | 'response', status: string | undefined, pair: OperationPair, schemas: { oldSchema: JsonSchema; newSchema: JsonSchema; pointer: string; location: string }): void;
}

type Content = Map<string, { schema: JsonSchema | undefined }>;

/** A `content` map at a pointer (a request body or a response, `$ref` followed), keyed by media type. */
function contentAt(root: unknown, pointer: string | undefined): Content {
  const found: Content = new Map();
  if (pointer === undefined) return found;
  const owner = dereference(resolvePointer(root, pointer) as JsonSchema, root);
  const content = isRecord(owner) ? owner['content'] : undefined;
  if (!isRecord(content)) return found;
  for (const [type, media] of Object.entries(content)) {
    const schema = isRecord(media) ? media['schema'] : undefined;
    found.set(type.toLowerCase(), { schema: typeof schema === 'boolean' || isRecord(schema) ? (schema as JsonSchema) : undefined });
  }
  return found;
}

const bare = (type: string): string => (type.split(';')[0] ?? type).trim().toLowerCase();

/** Whether `general` covers `specific`: `*\/*`, `application/*`, or a `+json` suffix type's base. */
function covers(general: string, specific: string): boolean {
  const [generalType, generalSub] = bare(general).split('/');
  const [specificType, specificSub] = bare(specific).split('/');
  if (generalType === '*') return true;
  if (generalType !== specificType) return false;
  if (generalSub === '*') return true;
  return specificSub !== undefined && generalSub !== undefined && specificSub.endsWith(`+${generalSub.split('+').pop() ?? ''}`) && !generalSub.includes('+');
}

function change(input: MediaTypeInput, id: string, location: string, message: string, pointer: string, side: 'old' | 'new', witness?: ContractChange['witness']): ContractChange {
  return { id, level: changeKind(id).level, method: input.new.method, path: input.new.path, location, message: `${location}: ${message}`, pointer, side, ...(witness === undefined ? {} : { witness }) };
}

function sampleOf(schema: JsonSchema | undefined, root: unknown): unknown {
  if (schema === undefined) return 'text';
  return samples(() => arbitraryFromSchema(schema, { root, maxItems: 1 }), 1, 1)[0] ?? 'text';
}

function requestWith(operation: Operation, mediaType: string, schema: JsonSchema | undefined): Operation {
  const body = operation.body;
  return { ...operation, body: body === undefined ? undefined : { ...body, schema, mediaType } };
}

function responseWith(operation: Operation, status: string, mediaType: string, schema: JsonSchema | undefined): Operation {
  return { ...operation, responses: operation.responses.map((response) => (response.status === status ? { ...response, schema, mediaType } : response)) };
}

/**
 * Each media type of the request body and of every answer compared on its own: removed and added media types, a
 * media type whose schema appeared or went, and the schemas of media types both sides describe (form and multipart
 * bodies by their schema). The JSON media type the operation is read with is compared by the operation diff.
 */
export function compareMediaTypes(input: MediaTypeInput): void {
  const requestLocation = 'request body';
  const oldBody = contentAt(input.oldRoot, input.old.body?.pointer);
  const newBody = contentAt(input.newRoot, input.new.body?.pointer);
  const bodyPointer = input.new.body?.pointer ?? input.old.body?.pointer ?? input.new.pointer;
  if (oldBody.size > 0 && newBody.size > 0) {
    for (const [type, media] of oldBody) {
      const pointer = `${bodyPointer}/content/${escapeSegment(type)}`;
      const counterpart = newBody.get(type) ?? [...newBody].find(([other]) => bare(other) === bare(type))?.[1];
      if (counterpart === undefined) {
        const witness = {
          direction: 'old-accepts-new-rejects' as const,
          request: { method: input.old.method, path: input.old.path, headers: { 'content-type': type }, body: sampleOf(media.schema, input.oldRoot) },
          refusedBecause: `the new contract refuses it: the request body no longer accepts ${type} (it accepts ${[...newBody.keys()].join(', ')})`,
        };
        input.report(change(input, 'request-body-media-type-removed', requestLocation, `the media type ${type} was removed`, pointer, 'old', witness));
        continue;
      }
      if (media.schema === undefined && counterpart.schema !== undefined) {
        const pair = { old: requestWith(input.old, type, true), new: requestWith(input.new, type, counterpart.schema) };
        const found = change(input, 'request-body-media-type-schema-added', requestLocation, `a schema was added to ${type}`, pointer, 'new');
        input.report({ ...found, probe: { part: { kind: 'body' }, valuePath: [], oldSchema: true, candidates: [{}, 'text', 1, []], direction: 'old-accepts-new-rejects' } }, pair);
      } else if (media.schema !== undefined && counterpart.schema === undefined) {
        input.report(change(input, 'request-body-media-type-schema-removed', requestLocation, `the schema of ${type} was removed`, pointer, 'new'));
      } else if (media.schema !== undefined && counterpart.schema !== undefined && !(type === input.old.body?.mediaType?.toLowerCase() && input.old.body.schema !== undefined)) {
        const pair = { old: requestWith(input.old, type, media.schema), new: requestWith(input.new, type, counterpart.schema) };
        input.compare('request', undefined, pair, { oldSchema: media.schema, newSchema: counterpart.schema, pointer: `${pointer}/schema`, location: `${requestLocation} (${type})` });
      }
    }
    for (const type of newBody.keys()) {
      if (![...oldBody.keys()].some((other) => bare(other) === bare(type))) input.report(change(input, 'request-body-media-type-added', requestLocation, `the media type ${type} was added`, `${bodyPointer}/content/${escapeSegment(type)}`, 'new'));
    }
  }
  for (const previous of input.old.responses) {
    const next = input.new.responses.find((response) => response.status === previous.status);
    if (next === undefined) continue;
    const location = `response ${previous.status}`;
    const oldContent = contentAt(input.oldRoot, previous.pointer);
    const newContent = contentAt(input.newRoot, next.pointer);
    // `application/json; charset=utf-8` and `application/json` are one media type with a parameter: not removed.
    const sameBare = (type: string, others: Content): boolean => [...others.keys()].some((other) => bare(other) === bare(type));
    const removed = [...oldContent.keys()].filter((type) => !newContent.has(type) && !sameBare(type, newContent));
    const added = [...newContent.keys()].filter((type) => !oldContent.has(type) && !sameBare(type, oldContent));
    for (const type of oldContent.keys()) {
      const renamed = newContent.has(type) ? undefined : [...newContent.keys()].find((other) => bare(other) === bare(type) && other !== type);
      if (renamed !== undefined) input.report(change(input, 'response-media-type-name-changed', location, `the media type ${type} became ${renamed}: the same media type with other parameters`, `${next.pointer}/content/${escapeSegment(renamed)}`, 'new'));
    }
    for (const type of removed) {
      const pointer = `${previous.pointer}/content/${escapeSegment(type)}`;
      const general = added.find((candidate) => covers(candidate, type) && candidate !== type);
      const specific = added.find((candidate) => covers(type, candidate) && candidate !== type);
      const witness = {
        direction: 'old-accepts-new-rejects' as const,
        response: { status: previous.status, headers: { 'content-type': type }, body: sampleOf(oldContent.get(type)?.schema, input.oldRoot) },
        refusedBecause: `the new contract no longer allows it: response ${previous.status} is no longer described as ${type}`,
      };
      if (general !== undefined) {
        input.report(change(input, 'response-media-type-name-generalized', location, `the media type ${type} became the more general ${general}: clients may get media types they cannot read`, pointer, 'new', { ...witness, response: { ...witness.response, headers: { 'content-type': general } }, refusedBecause: `the old contract does not allow ${general} for response ${previous.status}` }));
      } else if (specific !== undefined) {
        input.report(change(input, 'response-media-type-name-specialized', location, `the media type ${type} became the more specific ${specific}`, pointer, 'new'));
      } else {
        input.report(change(input, 'response-media-type-removed', location, `the media type ${type} was removed`, pointer, 'old', witness));
      }
    }
    for (const type of added) {
      if (removed.some((old) => covers(type, old) || covers(old, type))) continue;
      input.report(change(input, 'response-media-type-added', location, `the media type ${type} was added`, `${next.pointer}/content/${escapeSegment(type)}`, 'new'));
    }
    for (const [type, media] of oldContent) {
      const counterpart = newContent.get(type);
      if (counterpart === undefined) continue;
      const pointer = `${next.pointer}/content/${escapeSegment(type)}`;
      if (media.schema !== undefined && counterpart.schema === undefined) {
        input.report(change(input, 'response-body-media-type-schema-removed', location, `the schema of ${type} was removed: answers of any shape may come`, pointer, 'new'));
      } else if (media.schema === undefined && counterpart.schema !== undefined) {
        input.report(change(input, 'response-body-media-type-schema-added', location, `a schema was added to ${type}`, pointer, 'new'));
      } else if (media.schema !== undefined && counterpart.schema !== undefined && !(type === previous.mediaType?.toLowerCase() && previous.schema !== undefined)) {
        const pair = { old: responseWith(input.old, previous.status, type, media.schema), new: responseWith(input.new, next.status, type, counterpart.schema) };
        input.compare('response', previous.status, pair, { oldSchema: media.schema, newSchema: counterpart.schema, pointer: `${pointer}/schema`, location: `${location} (${type})` });
      }
    }
  }
}

