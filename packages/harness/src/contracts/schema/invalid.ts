import fc from 'fast-check';
import { arbitraryFromSchema, patientFilter, type SchemaArbitraryOptions } from './arbitrary.js';
import { declaredTypes, dereference, isRecord, typeOfValue, type JsonSchema, type SchemaObject } from './jsonSchema.js';
import { mergeAllOf } from './merge.js';
import { createValidator } from './validator.js';

/** A value that breaks one constraint of its schema, and which one. */
export interface InvalidSample {
  value: unknown;
  /** JSON pointer of the broken location inside the value (`''` for the value itself). */
  path: string;
  keyword: string;
}

interface Mutation {
  path: readonly (string | number)[];
  keyword: string;
  /** The new value at `path`; `undefined` with keyword `required` removes the property. */
  replacement: unknown;
  remove?: boolean;
}

/**
 * Wrong-type replacements, least coercible first: servers that coerce types (fastify's default ajv turns
 * 7 into "7" and "1" into 1) cannot turn an object into a scalar, nor a word into a number.
 */
const SAMPLES_BY_TYPE: ReadonlyArray<readonly [string, unknown]> = [
  ['object', {}],
  ['string', 'not-a-number'],
  ['array', []],
  ['number', 0.5],
  ['boolean', true],
  ['null', null],
  ['integer', 7],
];
function allowsType(types: readonly string[], value: unknown): boolean {
  const type = typeOfValue(value);
  return types.includes(type) || (type === 'integer' && types.includes('number'));
}

function numberMutations(schema: SchemaObject, integer: boolean): Array<{ keyword: string; replacement: number }> {
  const found: Array<{ keyword: string; replacement: number }> = [];
  const step = integer ? 1 : 0.5;
  if (typeof schema['minimum'] === 'number') found.push({ keyword: 'minimum', replacement: integer ? Math.ceil(schema['minimum']) - 1 : schema['minimum'] - step });
  if (typeof schema['maximum'] === 'number') found.push({ keyword: 'maximum', replacement: integer ? Math.floor(schema['maximum']) + 1 : schema['maximum'] + step });
  if (typeof schema['exclusiveMinimum'] === 'number') found.push({ keyword: 'exclusiveMinimum', replacement: schema['exclusiveMinimum'] });
  if (typeof schema['exclusiveMaximum'] === 'number') found.push({ keyword: 'exclusiveMaximum', replacement: schema['exclusiveMaximum'] });
  const multiple = schema['multipleOf'];
  if (typeof multiple === 'number' && multiple > 0 && !(integer && multiple === 1)) {
    const offset = integer && Number.isInteger(multiple / 2) ? multiple / 2 : integer ? 1 : multiple / 2;
    found.push({ keyword: 'multipleOf', replacement: multiple + offset });
  }
  return found;
}

function compilePattern(source: string): RegExp | undefined {
  try {
    return new RegExp(source, 'u');
  } catch {
    return undefined;
  }
}

function stringMutations(schema: SchemaObject, value: string): Array<{ keyword: string; replacement: string }> {
  const found: Array<{ keyword: string; replacement: string }> = [];
  const codePoints = [...value];
  if (typeof schema['minLength'] === 'number' && schema['minLength'] > 0) found.push({ keyword: 'minLength', replacement: codePoints.slice(0, schema['minLength'] - 1).join('') });
  if (typeof schema['maxLength'] === 'number') found.push({ keyword: 'maxLength', replacement: value + 'x'.repeat(Math.max(1, schema['maxLength'] + 1 - codePoints.length)) });
  if (typeof schema['pattern'] === 'string') {
    const pattern = compilePattern(schema['pattern']);
    const candidate = pattern === undefined ? undefined : ['', '!', '~ ~', '0', 'a', 'A-'].find((text) => !pattern.test(text));
    if (candidate !== undefined) found.push({ keyword: 'pattern', replacement: candidate });
  }
  if (typeof schema['format'] === 'string') found.push({ keyword: 'format', replacement: `not a ${schema['format']}` });
  return found;
}

/** Every single-constraint mutation of `value` at this node and below. */
function mutations(schema: JsonSchema, value: unknown, root: unknown, path: readonly (string | number)[], depth: number): Mutation[] {
  if (depth > 32) return [];
  const resolved = dereference(schema, root);
  if (!isRecord(resolved)) return [];
  const node = resolved['allOf'] === undefined ? resolved : mergeAllOf(resolved, root);
  const found: Mutation[] = [];
  const types = declaredTypes(node);
  if (types !== undefined) {
    const other = SAMPLES_BY_TYPE.find(([, sample]) => !allowsType(types, sample));
    if (other !== undefined) found.push({ path, keyword: 'type', replacement: other[1] });
  }
  for (const keyword of ['anyOf', 'oneOf'] as const) {
    const branches = node[keyword];
    if (!Array.isArray(branches)) continue;
    const branchTypes = (branches as JsonSchema[]).map((branch) => {
      const resolvedBranch = dereference(branch, root);
      return isRecord(resolvedBranch) ? declaredTypes(resolvedBranch) : undefined;
    });
    if (branchTypes.every((list) => list !== undefined)) {
      const union = branchTypes.flatMap((list) => list ?? []);
      const other = SAMPLES_BY_TYPE.find(([, sample]) => !allowsType(union, sample));
      if (other !== undefined) found.push({ path, keyword, replacement: other[1] });
    }
  }
  const members = Array.isArray(node['enum']) ? (node['enum'] as unknown[]) : 'const' in node ? [node['const']] : undefined;
  if (members !== undefined) {
    const strings = members.filter((member): member is string => typeof member === 'string');
    const candidate = strings.length === members.length ? `${strings.join('')}-other` : members.every((member) => typeof member === 'number') ? Math.max(...(members as number[])) + 1 : 'other';
    found.push({ path, keyword: 'const' in node ? 'const' : 'enum', replacement: candidate });
  }
  if (typeof value === 'number') {
    for (const mutation of numberMutations(node, types?.includes('integer') === true && !types.includes('number'))) found.push({ path, ...mutation });
  } else if (typeof value === 'string') {
    for (const mutation of stringMutations(node, value)) found.push({ path, ...mutation });
  } else if (Array.isArray(value)) {
    if (typeof node['minItems'] === 'number' && node['minItems'] > 0) found.push({ path, keyword: 'minItems', replacement: value.slice(0, node['minItems'] - 1) });
    if (typeof node['maxItems'] === 'number' && value.length > 0) {
      const padded = [...value];
      while (padded.length <= node['maxItems']) padded.push(value[padded.length % value.length]);
      found.push({ path, keyword: 'maxItems', replacement: padded });
    }
    if (node['uniqueItems'] === true && value.length > 0 && (typeof node['maxItems'] !== 'number' || value.length < node['maxItems'])) {
      found.push({ path, keyword: 'uniqueItems', replacement: [...value, value[0]] });
    }
    const items = (node['items'] ?? true) as JsonSchema;
    const prefix = Array.isArray(node['prefixItems']) ? (node['prefixItems'] as JsonSchema[]) : [];
    value.forEach((item, index) => found.push(...mutations(prefix[index] ?? items, item, root, [...path, index], depth + 1)));
  } else if (isRecord(value)) {
    const properties = isRecord(node['properties']) ? node['properties'] : {};
    const required = Array.isArray(node['required']) ? node['required'] : [];
    for (const name of required) {
      if (typeof name === 'string' && name in value) found.push({ path: [...path, name], keyword: 'required', replacement: undefined, remove: true });
    }
    if (node['additionalProperties'] === false) {
      let extra = 'unexpectedProperty';
      while (extra in properties) extra = `${extra}_`;
      found.push({ path: [...path, extra], keyword: 'additionalProperties', replacement: 'unexpected' });
    }
    for (const [name, item] of Object.entries(value)) {
      const propertySchema = properties[name] as JsonSchema | undefined;
      const additional = node['additionalProperties'];
      const childSchema = propertySchema ?? (isRecord(additional) ? (additional as JsonSchema) : undefined);
      if (childSchema !== undefined) found.push(...mutations(childSchema, item, root, [...path, name], depth + 1));
    }
  }
  return found;
}

function applyMutation(value: unknown, mutation: Mutation): unknown {
  if (mutation.path.length === 0) return mutation.replacement;
  const copy: unknown = structuredClone(value);
  let parent: unknown = copy;
  for (const segment of mutation.path.slice(0, -1)) parent = (parent as Record<string | number, unknown>)[segment];
  const last = mutation.path[mutation.path.length - 1] as string | number;
  if (mutation.remove === true) delete (parent as Record<string | number, unknown>)[last];
  else (parent as Record<string | number, unknown>)[last] = mutation.replacement;
  return copy;
}

const toPointer = (path: readonly (string | number)[]): string => path.map((segment) => `/${String(segment).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');

/**
 * Values that break exactly one constraint of `schema`: a valid value from `arbitraryFromSchema` with
 * one mutation (a wrong type, a value outside an enum or a bound, a length or item count one past its
 * limit, a pattern or format miss, a required property removed, a property `additionalProperties: false`
 * forbids). Every sample is confirmed invalid by ajv.
 */
export interface InvalidSampleOptions extends SchemaArbitraryOptions {
  /** Constraints not to break (e.g. `additionalProperties`, which servers often strip instead of refusing). */
  skipKeywords?: readonly string[];
}

export function invalidSamplesFromSchema(schema: JsonSchema, options: InvalidSampleOptions = {}): fc.Arbitrary<InvalidSample> {
  const root = options.root ?? schema;
  const validate = createValidator(schema, root);
  const samples = fc.tuple(arbitraryFromSchema(schema, options), fc.nat()).map(([valid, choice]): InvalidSample | undefined => {
    const skipped = options.skipKeywords ?? [];
    const candidates = mutations(schema, valid, root, [], 0).filter((mutation) => !skipped.includes(mutation.keyword));
    const picked = candidates[choice % Math.max(1, candidates.length)];
    if (picked === undefined) return undefined;
    return { value: applyMutation(valid, picked), path: toPointer(picked.path), keyword: picked.keyword };
  });
  return patientFilter(samples, (sample) => sample !== undefined && !validate(sample.value), 'an invalid value').map((sample) => sample as InvalidSample);
}

/** The values of `invalidSamplesFromSchema`, each violating one constraint of `schema`. */
export function invalidFromSchema(schema: JsonSchema, options: InvalidSampleOptions = {}): fc.Arbitrary<unknown> {
  return invalidSamplesFromSchema(schema, options).map((sample) => sample.value);
}
