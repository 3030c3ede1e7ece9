import { arbitraryFromSchema, createValidator, declaredTypes, describeErrors, isRecord, type JsonSchema, type Operation, type OperationResponse } from '@npvguard/harness/contracts';
import { documentChange, follow, objectAt, recordAt } from './documentChange.js';
import { samples } from './exchange.js';
import type { ContractChange, Witness } from './types.js';

const VALUE_SAMPLES = 24;
const SEED = 20_240_601;

interface Header {
  required: boolean;
  schema: JsonSchema | undefined;
  pointer: string;
}

/** A header's schema: `schema`, or the schema of its one `content` entry. */
function headerSchema(header: Record<string, unknown>, root: unknown): JsonSchema | undefined {
  const content = follow(header['content'], root);
  const schema = header['schema'] ?? (isRecord(content) ? (Object.values(content).find(isRecord) ?? {})['schema'] : undefined);
  const resolved = follow(schema, root);
  return typeof resolved === 'boolean' || isRecord(resolved) ? (resolved as JsonSchema) : undefined;
}

/** The headers of a documented answer by lower-case name; `Content-Type` is the media type's, not a header of the contract. */
function headersOf(response: OperationResponse, root: unknown): Map<string, Header> {
  const raw = objectAt(root, response.pointer);
  const found = new Map<string, Header>();
  for (const [name, value] of Object.entries(recordAt(raw, 'headers', root))) {
    const header = follow(value, root);
    if (!isRecord(header) || name.toLowerCase() === 'content-type') continue;
    found.set(name.toLowerCase(), { required: header['required'] === true, schema: headerSchema(header, root), pointer: `${response.pointer}/headers/${name.replace(/~/g, '~0').replace(/\//g, '~1')}` });
  }
  return found;
}

function typesOf(schema: JsonSchema | undefined): string[] | undefined {
  if (!isRecord(schema)) return undefined;
  return declaredTypes(schema)?.filter((type) => type !== 'null');
}

function formatOf(schema: JsonSchema | undefined): string | undefined {
  return isRecord(schema) && typeof schema['format'] === 'string' ? schema['format'] : undefined;
}

/** The schema says null is allowed: a `null` type or enum member, or a `null` branch of anyOf/oneOf. */
function saysNullable(schema: JsonSchema | undefined): boolean {
  if (!isRecord(schema)) return false;
  if (declaredTypes(schema)?.includes('null') === true) return true;
  if (Array.isArray(schema['enum']) && schema['enum'].includes(null)) return true;
  return [schema['anyOf'], schema['oneOf']].some((branches) => Array.isArray(branches) && branches.some((branch) => isRecord(branch) && declaredTypes(branch)?.includes('null') === true));
}

/** Null is allowed: the schema says so, or it constrains nothing that would refuse it. */
function acceptsNull(schema: JsonSchema | undefined): boolean {
  if (schema === undefined || schema === true) return true;
  if (schema === false) return false;
  if (saysNullable(schema)) return true;
  return ['type', 'enum', 'const', 'anyOf', 'oneOf', 'allOf', 'not', '$ref'].every((keyword) => schema[keyword] === undefined);
}

/** Every value of `type` is a value of one of `types` (integers are numbers). */
const coveredBy = (type: string, types: readonly string[]): boolean => types.includes(type) || (type === 'integer' && types.includes('number'));
/** Formats whose values are all values of another: an int32 is an int64, a float a double. */
const NARROWER_FORMATS: Readonly<Record<string, string>> = { int32: 'int64', float: 'double' };

export type HeaderTypeChange = 'changed' | 'generalized' | 'specialized' | 'compatible';

/**
 * How a header's type and format changed, read as old clients read it: a header is text, so a client that read
 * it as a string (or as anything) reads every new value; otherwise every new type must be one it read
 * (`specialized`), a wider set is `generalized`, another one `changed`. A format removed, or changed to one
 * whose values the old format does not allow, is `changed`. Undefined when neither changed.
 */
export function classifyHeaderType(oldSchema: JsonSchema | undefined, newSchema: JsonSchema | undefined): HeaderTypeChange | undefined {
  const [before, after] = [typesOf(oldSchema), typesOf(newSchema)];
  const [oldFormat, newFormat] = [formatOf(oldSchema), formatOf(newSchema)];
  const typesChanged = JSON.stringify([...(before ?? ['*'])].sort()) !== JSON.stringify([...(after ?? ['*'])].sort());
  if (!typesChanged && oldFormat === newFormat) return undefined;
  const narrowed = after !== undefined && after.length > 0 && (before === undefined || after.every((type) => coveredBy(type, before)));
  const widened = before !== undefined && before.length > 0 && (after === undefined || before.every((type) => coveredBy(type, after)));
  const readsAnyText = before === undefined || before.includes('string');
  const typeBreaks = typesChanged && !narrowed && !readsAnyText;
  const formatBreaks = oldFormat !== undefined && newFormat !== oldFormat && (newFormat === undefined || NARROWER_FORMATS[newFormat] !== oldFormat);
  if (typeBreaks || formatBreaks) return widened && typesChanged ? 'generalized' : 'changed';
  return typesChanged && !narrowed ? 'compatible' : 'specialized';
}

/** A header value the new schema allows and the old one refuses, checked with ajv on both. */
function valueWitness(name: string, status: string, oldSchema: JsonSchema | undefined, newSchema: JsonSchema | undefined, oldRoot: unknown, newRoot: unknown, candidates: readonly unknown[]): Witness | undefined {
  if (oldSchema === undefined) return undefined;
  const accepts = createValidator(newSchema ?? true, newRoot);
  const refuses = createValidator(oldSchema, oldRoot);
  const sampled = newSchema === undefined ? [] : samples(() => arbitraryFromSchema(newSchema, { root: newRoot, maxItems: 1 }), VALUE_SAMPLES, SEED);
  for (const value of [...candidates, ...sampled]) {
    if (!accepts(value) || refuses(value)) continue;
    return { direction: 'new-allows-old-rejects', response: { status, headers: { [name]: value } }, refusedBecause: `the old contract refuses it: header ${name}: ${describeErrors(refuses.errors())}` };
  }
  return undefined;
}

function missingWitness(name: string, status: string): Witness {
  return { direction: 'new-allows-old-rejects', response: { status, headers: {} }, refusedBecause: `the old contract refuses it: the required header ${name} is missing` };
}

const NO_WITNESS_NOTE = ' (no header value was found that the new contract allows and the old one refuses, so it may not break clients)';

/**
 * The headers of each answer both sides document. What old clients read is what the old contract promised: a
 * required header gone or made optional, a value they cannot read (null, another type or format) breaks them; the
 * witness is an answer the new contract allows and the old one refuses. Without one, a change is kept as a warning.
 */
export function compareResponseHeaders(previous: Operation, next: Operation, oldRoot: unknown, newRoot: unknown, report: (change: ContractChange) => void): void {
  const owner = { method: next.method, path: next.path };
  const newByStatus = new Map(next.responses.map((response) => [response.status, response]));
  for (const oldResponse of previous.responses) {
    const newResponse = newByStatus.get(oldResponse.status);
    if (newResponse === undefined) continue;
    const status = oldResponse.status;
    const [before, after] = [headersOf(oldResponse, oldRoot), headersOf(newResponse, newRoot)];
    const emit = (id: string, name: string, message: string, pointer: string, side: 'old' | 'new', witness?: Witness | 'none'): void => {
      const change = documentChange(id, owner, `response ${status} header ${name}`, `response ${status} header ${name}: ${message}`, pointer, side, witness === undefined || witness === 'none' ? {} : { witness });
      if (witness === 'none' && change.level === 'error') report({ ...change, level: 'warning', message: `${change.message}${NO_WITNESS_NOTE}` });
      else report(change);
    };
    for (const [name, header] of before) {
      const current = after.get(name);
      if (current === undefined) {
        if (header.required) emit('required-response-header-removed', name, 'the required header is no longer documented', header.pointer, 'old', missingWitness(name, status));
        else emit('optional-response-header-removed', name, 'the optional header is no longer documented', header.pointer, 'old');
        continue;
      }
      if (header.required && !current.required) emit('response-header-became-optional', name, 'the header became optional: answers may come without it', current.pointer, 'new', missingWitness(name, status));
      if (!acceptsNull(header.schema) && saysNullable(current.schema)) emit('response-header-became-nullable', name, 'the header may now be null', current.pointer, 'new', valueWitness(name, status, header.schema, current.schema, oldRoot, newRoot, [null]) ?? 'none');
      else if (saysNullable(header.schema) && !acceptsNull(current.schema)) emit('response-header-became-not-nullable', name, 'the header is no longer null', current.pointer, 'new');
      const kind = classifyHeaderType(header.schema, current.schema);
      if (kind === undefined) continue;
      const described = (schema: JsonSchema | undefined): string => `${(typesOf(schema) ?? ['any type']).join(' or ')}${formatOf(schema) === undefined ? '' : ` (${String(formatOf(schema))})`}`;
      const message = `the type changed from ${described(header.schema)} to ${described(current.schema)}`;
      const breaks = kind === 'changed' || kind === 'generalized';
      const witness = breaks ? (valueWitness(name, status, header.schema, current.schema, oldRoot, newRoot, [0.5, '', 'text', 1, true]) ?? 'none') : undefined;
      emit(`response-header-type-${kind}`, name, message, current.pointer, 'new', witness);
    }
    for (const [name, header] of after) {
      if (!before.has(name)) emit('response-header-added', name, `the ${header.required ? 'required' : 'optional'} header was added`, header.pointer, 'new');
    }
  }
}
