import fc from 'fast-check';
import { canonicalJson, declaredTypes, dereference, isRecord, SchemaError, type JsonSchema, type JsonType, type SchemaObject } from './jsonSchema.js';
import { mergeAllOf } from './merge.js';
import { stringArbitrary } from './strings.js';
import { findUnsupportedKeywords } from './unsupported.js';
import { createValidator, type SchemaValidator } from './validator.js';

export interface SchemaArbitraryOptions {
  /** The document `#/...` references resolve in (an OpenAPI document); default the schema itself. */
  root?: unknown;
  /** How many `$ref`s deep optional parts are still generated; deeper, only required parts. Default 3. */
  maxDepth?: number;
  /** Most items of an array without maxItems past its minItems. Default 4. */
  maxItems?: number;
  /** Also generate extra properties where `additionalProperties` is absent or `true`. Default false. */
  extraProperties?: boolean;
}

interface BuildContext {
  root: unknown;
  maxDepth: number;
  maxItems: number;
  extraProperties: boolean;
}

/** Tries a filter may fail in a row before generation gives up with a SchemaError instead of looping forever. */
const FILTER_PATIENCE = 1000;

/** `arbitrary.filter(accept)`, but a schema almost nothing satisfies fails loudly instead of hanging. */
export function patientFilter<T>(arbitrary: fc.Arbitrary<T>, accept: (value: T) => boolean, what: string): fc.Arbitrary<T> {
  let misses = 0;
  return arbitrary.filter((value) => {
    if (accept(value)) {
      misses = 0;
      return true;
    }
    misses += 1;
    if (misses > FILTER_PATIENCE) throw new SchemaError(`no value for ${what} found in ${FILTER_PATIENCE} tries`);
    return false;
  });
}

const anyJson: fc.Arbitrary<unknown> = fc.jsonValue({ maxDepth: 2 }).map((value) => (Object.is(value, -0) ? 0 : value));

/** Keywords whose effect generation leaves to a filter against the schema's own validator. */
function needsFilter(schema: SchemaObject): boolean {
  const number = typeof schema['multipleOf'] === 'number' && !Number.isInteger(schema['multipleOf']);
  const lengthAndShape = (schema['format'] !== undefined || schema['pattern'] !== undefined) && (schema['minLength'] !== undefined || schema['maxLength'] !== undefined);
  const keywords = ['oneOf', 'not', 'allOf', 'minProperties', 'maxProperties'].some((keyword) => schema[keyword] !== undefined);
  return number || lengthAndShape || keywords || findUnsupportedKeywords(schema, { shallow: true }).length > 0;
}

function inferredTypes(schema: SchemaObject): JsonType[] {
  const declared = declaredTypes(schema);
  if (declared !== undefined) return declared;
  if (['properties', 'required', 'additionalProperties', 'minProperties', 'maxProperties'].some((key) => schema[key] !== undefined)) return ['object'];
  if (['items', 'prefixItems', 'minItems', 'maxItems', 'uniqueItems'].some((key) => schema[key] !== undefined)) return ['array'];
  if (['minLength', 'maxLength', 'pattern', 'format'].some((key) => schema[key] !== undefined)) return ['string'];
  if (['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'].some((key) => schema[key] !== undefined)) return ['number'];
  return [];
}

function numberBounds(schema: SchemaObject, integer: boolean): { min: number; max: number; minExcluded: boolean; maxExcluded: boolean } {
  const read = (key: string): number | undefined => (typeof schema[key] === 'number' ? schema[key] : undefined);
  let min = read('minimum');
  let max = read('maximum');
  let minExcluded = false;
  let maxExcluded = false;
  const exclusiveMin = read('exclusiveMinimum');
  const exclusiveMax = read('exclusiveMaximum');
  if (exclusiveMin !== undefined && (min === undefined || exclusiveMin >= min)) [min, minExcluded] = [exclusiveMin, true];
  if (exclusiveMax !== undefined && (max === undefined || exclusiveMax <= max)) [max, maxExcluded] = [exclusiveMax, true];
  // A one-sided range spans 1000 from its bound (more from a bound so large that 1000 is below its precision); an open one is centred on zero.
  const span = (bound: number) => Math.max(1000, Math.abs(bound) * 1e-6);
  const low = min ?? (max === undefined ? -1000 : max - span(max));
  const high = max ?? low + span(low);
  if (integer) {
    const first = minExcluded ? Math.floor(low) + 1 : Math.ceil(low);
    const last = maxExcluded ? Math.ceil(high) - 1 : Math.floor(high);
    return { min: Math.max(first, Number.MIN_SAFE_INTEGER), max: Math.min(last, Number.MAX_SAFE_INTEGER), minExcluded: false, maxExcluded: false };
  }
  return { min: low, max: high, minExcluded, maxExcluded };
}

function numberArbitrary(schema: SchemaObject, integer: boolean): fc.Arbitrary<number> {
  const bounds = numberBounds(schema, integer);
  const step = typeof schema['multipleOf'] === 'number' && schema['multipleOf'] > 0 ? schema['multipleOf'] : undefined;
  if (bounds.min > bounds.max) throw new SchemaError(`empty numeric range ${bounds.min}..${bounds.max}`);
  if (step !== undefined) {
    const first = Math.ceil(bounds.min / step);
    const last = Math.floor(bounds.max / step);
    if (first > last) throw new SchemaError(`no multiple of ${step} in ${bounds.min}..${bounds.max}`);
    return fc.integer({ min: first, max: last }).map((factor) => (factor * step === 0 ? 0 : factor * step));
  }
  if (integer) return fc.integer({ min: bounds.min, max: bounds.max });
  return fc
    .double({ min: bounds.min, max: bounds.max, minExcluded: bounds.minExcluded, maxExcluded: bounds.maxExcluded, noNaN: true, noDefaultInfinity: true })
    .map((value) => (Object.is(value, -0) ? 0 : value));
}

function arrayArbitrary(schema: SchemaObject, context: BuildContext, depth: number): fc.Arbitrary<unknown[]> {
  const minItems = typeof schema['minItems'] === 'number' ? schema['minItems'] : 0;
  const shallow = depth >= context.maxDepth;
  const maxItems = shallow ? minItems : Math.max(minItems, typeof schema['maxItems'] === 'number' ? Math.min(schema['maxItems'], minItems + context.maxItems) : minItems + context.maxItems);
  const prefix = Array.isArray(schema['prefixItems']) ? (schema['prefixItems'] as JsonSchema[]) : [];
  const itemSchema = (schema['items'] ?? true) as JsonSchema;
  const rest = itemSchema === false ? undefined : build(itemSchema, context, depth);
  const head = prefix.map((part) => build(part, context, depth));
  const restMin = Math.max(0, minItems - head.length);
  const restMax = rest === undefined ? 0 : Math.max(restMin, maxItems - head.length);
  const restItems: fc.Arbitrary<unknown[]> =
    rest === undefined
      ? fc.constant([])
      : schema['uniqueItems'] === true
        ? fc.uniqueArray(rest, { minLength: restMin, maxLength: restMax, selector: canonicalJson })
        : fc.array(rest, { minLength: restMin, maxLength: restMax });
  const items = fc.tuple(fc.tuple(...head), restItems).map(([first, second]) => [...first, ...second]);
  const contains = schema['contains'];
  if (contains === undefined || (contains !== true && !isRecord(contains))) return items;
  // Items matching `contains` (as many as minContains asks), put after the generated ones; the filter judges the rest.
  const wanted = typeof schema['minContains'] === 'number' ? schema['minContains'] : 1;
  const matching = build(rest === undefined ? (contains as JsonSchema) : { allOf: [itemSchema, contains] }, context, depth);
  return fc.tuple(items, fc.array(matching, { minLength: wanted, maxLength: wanted })).map(([first, second]) => [...first.slice(0, Math.max(0, maxItems - second.length)), ...second]);
}

function objectArbitrary(schema: SchemaObject, context: BuildContext, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const properties = isRecord(schema['properties']) ? schema['properties'] : {};
  const required = Array.isArray(schema['required']) ? schema['required'].filter((name): name is string => typeof name === 'string') : [];
  const additional = (schema['additionalProperties'] ?? true) as JsonSchema;
  const shallow = depth >= context.maxDepth;
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, propertySchema] of Object.entries(properties)) {
    if (shallow && !required.includes(name)) continue;
    model[name] = build(propertySchema as JsonSchema, context, depth);
  }
  for (const name of required) {
    if (model[name] === undefined) model[name] = additional === false || additional === true ? anyJson : build(additional, context, depth);
  }
  const known = new Set(Object.keys(properties));
  const fixed = fc.record(model, { requiredKeys: required.filter((name) => model[name] !== undefined) });
  const extraValues = additional === false || (additional === true && !context.extraProperties) || shallow ? undefined : additional === true ? anyJson : build(additional, context, depth);
  if (extraValues === undefined) return fixed;
  const key = fc.string({ minLength: 1, maxLength: 8 }).filter((name) => !known.has(name) && name !== '__proto__');
  return fc.tuple(fixed, fc.dictionary(key, extraValues, { maxKeys: 2 })).map(([base, extra]) => ({ ...extra, ...base }));
}

function typedArbitrary(schema: SchemaObject, type: JsonType, context: BuildContext, depth: number): fc.Arbitrary<unknown> {
  switch (type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return numberArbitrary(schema, true);
    case 'number':
      return numberArbitrary(schema, false);
    case 'string':
      return stringArbitrary(schema);
    case 'array':
      return arrayArbitrary(schema, context, depth);
    case 'object':
      return objectArbitrary(schema, context, depth);
  }
}

function withoutKey(schema: SchemaObject, key: string): SchemaObject {
  const { [key]: _removed, ...rest } = schema;
  return rest;
}

function build(schema: JsonSchema, context: BuildContext, depth: number): fc.Arbitrary<unknown> {
  if (schema === true) return anyJson;
  if (schema === false) throw new SchemaError('the schema `false` admits no value');
  if (typeof schema['$ref'] === 'string') {
    if (depth > context.maxDepth + 8) throw new SchemaError(`$ref ${schema['$ref']} needs unbounded nesting`);
    return build(dereference(schema, context.root), context, depth + 1);
  }
  const generated = buildKeywords(schema, context, depth);
  if (!needsFilter(schema)) return generated;
  const validate = createValidator(schema, context.root);
  return patientFilter(generated, validate, 'the schema');
}

function buildKeywords(schema: SchemaObject, context: BuildContext, depth: number): fc.Arbitrary<unknown> {
  if ('const' in schema) return fc.constant(schema['const']);
  if (Array.isArray(schema['enum'])) {
    if (schema['enum'].length === 0) throw new SchemaError('an empty enum admits no value');
    return fc.constantFrom(...(schema['enum'] as unknown[]));
  }
  if (Array.isArray(schema['allOf'])) return build(mergeAllOf(schema, context.root), context, depth);
  for (const keyword of ['oneOf', 'anyOf'] as const) {
    const branches = schema[keyword];
    if (Array.isArray(branches) && branches.length > 0) {
      const siblings = withoutKey(schema, keyword);
      const options = (branches as JsonSchema[]).map((branch) =>
        build(Object.keys(siblings).length === 0 ? branch : { allOf: [siblings, branch] }, context, depth),
      );
      return fc.oneof(...options);
    }
  }
  const types = inferredTypes(schema);
  if (types.length === 0) return anyJson;
  // `number` includes the integers; generating both keeps integer-valued numbers common, as in real payloads.
  return fc.oneof(...types.map((type) => typedArbitrary(schema, type, context, depth)));
}

/**
 * A fast-check arbitrary of JSON values valid against `schema` (JSON Schema 2020-12; run OpenAPI 3.0
 * documents through `normalizeOpenApiSchemas` first). Supported: type (and lists of types), enum,
 * const, formats date-time/date/time/uuid/email/uri/hostname/ipv4, minimum/maximum and exclusive bounds,
 * multipleOf, minLength/maxLength, the pattern subset of `patternArbitrary`, properties/required,
 * additionalProperties, items/prefixItems with minItems/maxItems/uniqueItems, oneOf/anyOf/allOf/not,
 * and local `$ref`s (recursive ones too, optional parts cut at `maxDepth`). Keywords outside that set
 * (see `findUnsupportedKeywords`) are honoured by filtering against ajv.
 */
export function arbitraryFromSchema(schema: JsonSchema, options: SchemaArbitraryOptions = {}): fc.Arbitrary<unknown> {
  const context: BuildContext = {
    root: options.root ?? schema,
    maxDepth: options.maxDepth ?? 3,
    maxItems: options.maxItems ?? 4,
    extraProperties: options.extraProperties ?? false,
  };
  return build(schema, context, 0);
}

export type { SchemaValidator };
