import { canonicalJson, declaredTypes, dereference, isRecord, jsonEqual, typeOfValue, type JsonSchema, type SchemaObject } from './jsonSchema.js';
import { mergeAllOf } from './merge.js';

/** One change to a valid value that breaks one keyword of the schema at `path`. */
export interface Mutation {
  path: readonly (string | number)[];
  keyword: string;
  /** The new value at `path`. */
  replacement: unknown;
  /** Remove the property at `path` instead (keyword `required`). */
  remove?: boolean;
}

/** What mutations need beyond the schema: where references resolve, valid values of a subschema, and a validator. */
export interface MutationContext {
  root: unknown;
  /** Distinct values valid against `schema`, drawn once with a fixed seed; empty when none could be drawn. */
  valuesOf(schema: JsonSchema): readonly unknown[];
  /** Whether `value` is valid against `schema` (references resolve in `root`). */
  accepts(schema: JsonSchema, value: unknown): boolean;
}

/**
 * Wrong-type replacements, least coercible first: servers that coerce types (fastify's default ajv turns
 * 7 into "7" and "1" into 1) cannot turn an object into a scalar, nor a word into a number.
 */
const SAMPLES_BY_TYPE: readonly unknown[] = [{}, 'not-a-number', [], 0.5, true, null, 7];

/** Deeper than this, a value is not searched for more mutations (generated values are far shallower). */
const MAX_VALUE_DEPTH = 32;

function allowsType(types: readonly string[], value: unknown): boolean {
  const type = typeOfValue(value);
  return types.includes(type) || (type === 'integer' && types.includes('number'));
}

function withoutKeys(schema: SchemaObject, keys: readonly string[]): SchemaObject {
  const rest: SchemaObject = {};
  for (const [key, value] of Object.entries(schema)) if (!keys.includes(key)) rest[key] = value;
  return rest;
}

/**
 * The first candidate that breaks only `keywords` of `node`: valid against the node without them. With
 * `fallback`, the first candidate when none does (the value is then invalid for more than one reason,
 * which beats not breaking the keyword at all).
 */
function choose(context: MutationContext, node: SchemaObject, keywords: readonly string[], candidates: readonly unknown[], fallback: boolean): unknown {
  const rest = withoutKeys(node, keywords);
  const found = candidates.find((candidate) => context.accepts(rest, candidate));
  return found === undefined && fallback ? candidates[0] : found;
}

/** Other values of the same JSON type as `value`, closest first; none for `null`. */
function sameTypeVariants(value: unknown): unknown[] {
  if (typeof value === 'number') return Number.isInteger(value) ? [value + 1, value - 1] : [value + 0.5, value - 0.5];
  if (typeof value === 'string') return [`${value}-other`, `${value}x`, ...(value.length > 0 ? [value.slice(0, -1)] : []), 'x'];
  if (typeof value === 'boolean') return [!value];
  if (Array.isArray(value)) return value.length > 0 ? [value.slice(0, -1), [...value, value[0]]] : [[null]];
  if (isRecord(value)) {
    const [first] = Object.keys(value);
    if (first === undefined) return [{ other: 0 }];
    return [...sameTypeVariants(value[first]).map((variant) => ({ ...value, [first]: variant })), { ...value, [`${first}-other`]: 0 }];
  }
  return [];
}

function numberMutations(context: MutationContext, node: SchemaObject, value: number, integer: boolean): Array<{ keyword: string; replacement: unknown }> {
  const found: Array<{ keyword: string; replacement: unknown }> = [];
  const read = (key: string): number | undefined => (typeof node[key] === 'number' ? node[key] : undefined);
  const multiple = read('multipleOf');
  const step = multiple !== undefined && multiple > 0 ? multiple : undefined;
  // Past a bound, on the grid of multipleOf first when there is one, so only the bound is broken.
  const below = (bound: number, inclusive: boolean): number[] => {
    const plain = integer ? (inclusive ? Math.ceil(bound) - 1 : Math.floor(bound)) : inclusive ? bound - 0.5 : bound;
    return step === undefined ? [plain] : [(inclusive ? Math.ceil(bound / step) - 1 : Math.floor(bound / step)) * step, plain];
  };
  const above = (bound: number, inclusive: boolean): number[] => {
    const plain = integer ? (inclusive ? Math.floor(bound) + 1 : Math.ceil(bound)) : inclusive ? bound + 0.5 : bound;
    return step === undefined ? [plain] : [(inclusive ? Math.floor(bound / step) + 1 : Math.ceil(bound / step)) * step, plain];
  };
  const bounds: Array<[string, number[] | undefined]> = [
    ['minimum', read('minimum') === undefined ? undefined : below(read('minimum') ?? 0, true)],
    ['maximum', read('maximum') === undefined ? undefined : above(read('maximum') ?? 0, true)],
    ['exclusiveMinimum', read('exclusiveMinimum') === undefined ? undefined : below(read('exclusiveMinimum') ?? 0, false)],
    ['exclusiveMaximum', read('exclusiveMaximum') === undefined ? undefined : above(read('exclusiveMaximum') ?? 0, false)],
  ];
  for (const [keyword, candidates] of bounds) {
    if (candidates !== undefined) found.push({ keyword, replacement: choose(context, node, [keyword], candidates, true) });
  }
  if (step !== undefined && !(integer && step === 1)) {
    const offset = integer && Number.isInteger(step / 2) ? step / 2 : integer ? 1 : step / 2;
    found.push({ keyword: 'multipleOf', replacement: choose(context, node, ['multipleOf'], [value + offset, value - offset, step + offset], true) });
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

function stringMutations(context: MutationContext, node: SchemaObject, value: string): Array<{ keyword: string; replacement: unknown }> {
  const found: Array<{ keyword: string; replacement: unknown }> = [];
  const codePoints = [...value];
  const minLength = typeof node['minLength'] === 'number' ? node['minLength'] : 0;
  if (minLength > 0) found.push({ keyword: 'minLength', replacement: codePoints.slice(0, minLength - 1).join('') });
  if (typeof node['maxLength'] === 'number') {
    const missing = Math.max(1, node['maxLength'] + 1 - codePoints.length);
    // Repeating the last character keeps a pattern like ^[a-c]+$ satisfied; 'x' is the fallback.
    const last = codePoints[codePoints.length - 1] ?? 'x';
    found.push({ keyword: 'maxLength', replacement: choose(context, node, ['maxLength'], [value + last.repeat(missing), value + 'x'.repeat(missing)], true) });
  }
  const sized = (text: string): string => text.repeat(Math.max(1, minLength));
  if (typeof node['pattern'] === 'string') {
    const pattern = compilePattern(node['pattern']);
    const candidates = pattern === undefined ? [] : ['', '!', '~ ~', '0', 'a', 'A-', sized('!'), sized('0'), sized('a')].filter((text) => !pattern.test(text));
    if (candidates.length > 0) found.push({ keyword: 'pattern', replacement: choose(context, node, ['pattern'], candidates, true) });
  }
  if (typeof node['format'] === 'string') {
    found.push({ keyword: 'format', replacement: choose(context, node, ['format'], [`not a ${node['format']}`, sized('!'), '!'], true) });
  }
  return found;
}

function arrayMutations(context: MutationContext, node: SchemaObject, value: readonly unknown[], path: readonly (string | number)[]): Mutation[] {
  const found: Mutation[] = [];
  const items = (node['items'] ?? true) as JsonSchema;
  const prefix = Array.isArray(node['prefixItems']) ? (node['prefixItems'] as JsonSchema[]) : [];
  const unique = node['uniqueItems'] === true;
  if (typeof node['minItems'] === 'number' && node['minItems'] > 0) found.push({ path, keyword: 'minItems', replacement: value.slice(0, node['minItems'] - 1) });
  if (typeof node['maxItems'] === 'number') {
    // Padded with values valid where they land (and distinct under uniqueItems), so only maxItems breaks.
    const padded: unknown[] = [...value];
    while (padded.length <= node['maxItems']) {
      const pool = context.valuesOf(prefix[padded.length] ?? items);
      const next = unique ? pool.find((candidate) => !padded.some((present) => jsonEqual(present, candidate))) : pool[0];
      if (next === undefined) break;
      padded.push(next);
    }
    if (padded.length > node['maxItems']) found.push({ path, keyword: 'maxItems', replacement: padded });
  }
  if (unique && value.length > 0 && (typeof node['maxItems'] !== 'number' || value.length < node['maxItems'])) {
    found.push({ path, keyword: 'uniqueItems', replacement: [...value, value[0]] });
  }
  return found;
}

function objectMutations(context: MutationContext, node: SchemaObject, value: Record<string, unknown>, path: readonly (string | number)[]): Mutation[] {
  const found: Mutation[] = [];
  const properties = isRecord(node['properties']) ? node['properties'] : {};
  const required = Array.isArray(node['required']) ? node['required'].filter((name): name is string => typeof name === 'string') : [];
  const additional = node['additionalProperties'] ?? true;
  for (const name of required) {
    if (name in value) found.push({ path: [...path, name], keyword: 'required', replacement: undefined, remove: true });
  }
  if (additional === false) {
    let extra = 'unexpectedProperty';
    while (extra in properties) extra = `${extra}_`;
    found.push({ path: [...path, extra], keyword: 'additionalProperties', replacement: 'unexpected' });
  }
  const names = Object.keys(value);
  const optional = names.filter((name) => !required.includes(name));
  if (typeof node['minProperties'] === 'number' && node['minProperties'] > 0) {
    // Only properties no `required` names are dropped, so only the count breaks.
    const removed = optional.slice(0, names.length - node['minProperties'] + 1);
    if (names.length - removed.length < node['minProperties']) {
      found.push({ path, keyword: 'minProperties', replacement: Object.fromEntries(Object.entries(value).filter(([name]) => !removed.includes(name))) });
    }
  }
  if (typeof node['maxProperties'] === 'number' && additional !== false && node['patternProperties'] === undefined) {
    const pool = context.valuesOf(additional as JsonSchema);
    const added: Record<string, unknown> = {};
    for (let index = 0; pool.length > 0 && names.length + Object.keys(added).length <= node['maxProperties']; index += 1) {
      const name = `extra${index}`;
      if (!(name in value) && !(name in properties)) added[name] = pool[index % pool.length];
    }
    if (names.length + Object.keys(added).length > node['maxProperties']) found.push({ path, keyword: 'maxProperties', replacement: { ...value, ...added } });
  }
  return found;
}

/** The keyword mutations of one node of the schema, for the value found there. */
function nodeMutations(context: MutationContext, node: SchemaObject, value: unknown, path: readonly (string | number)[]): Mutation[] {
  const found: Mutation[] = [];
  const types = declaredTypes(node);
  if (types !== undefined) {
    // Only a wrong type that breaks nothing else (an enum, a not) counts; the enum's own mutation covers the rest.
    const replacement = choose(context, node, ['type'], SAMPLES_BY_TYPE.filter((sample) => !allowsType(types, sample)), false);
    if (replacement !== undefined) found.push({ path, keyword: 'type', replacement });
  }
  for (const keyword of ['anyOf', 'oneOf'] as const) {
    const branches = node[keyword];
    if (!Array.isArray(branches)) continue;
    const branchTypes = (branches as JsonSchema[]).map((branch) => {
      const resolvedBranch = dereference(branch, context.root);
      return isRecord(resolvedBranch) ? declaredTypes(resolvedBranch) : undefined;
    });
    if (branchTypes.every((list) => list !== undefined)) {
      const union = branchTypes.flatMap((list) => list ?? []);
      const replacement = choose(context, node, [keyword], SAMPLES_BY_TYPE.filter((sample) => !allowsType(union, sample)), false);
      if (replacement !== undefined) found.push({ path, keyword, replacement });
    }
  }
  const members = Array.isArray(node['enum']) ? (node['enum'] as unknown[]) : 'const' in node ? [node['const']] : undefined;
  if (members !== undefined) {
    // A value of the same type first (another string for a string enum), so only the enum or const breaks.
    const candidates = [...sameTypeVariants(value), ...SAMPLES_BY_TYPE, 'other'].filter((candidate) => !members.some((member) => jsonEqual(member, candidate)));
    const keyword = 'const' in node ? 'const' : 'enum';
    if (candidates.length > 0) found.push({ path, keyword, replacement: choose(context, node, ['const', 'enum'], candidates, true) });
  }
  if (node['not'] !== undefined) {
    // A value the negated schema accepts and every sibling keyword too: it breaks `not` alone.
    const pool = context.valuesOf({ allOf: [withoutKeys(node, ['not']), node['not'] as JsonSchema] }).filter((candidate) => !jsonEqual(candidate, value));
    const replacement = pool[canonicalJson(value).length % Math.max(1, pool.length)];
    if (replacement !== undefined) found.push({ path, keyword: 'not', replacement });
  }
  if (typeof value === 'number') {
    for (const mutation of numberMutations(context, node, value, types?.includes('integer') === true && !types.includes('number'))) found.push({ path, ...mutation });
  } else if (typeof value === 'string') {
    for (const mutation of stringMutations(context, node, value)) found.push({ path, ...mutation });
  } else if (Array.isArray(value)) {
    found.push(...arrayMutations(context, node, value, path));
  } else if (isRecord(value)) {
    found.push(...objectMutations(context, node, value, path));
  }
  return found;
}

/** Every single-constraint mutation of `value` (valid against `schema`) at this node and below. */
export function mutationsOf(context: MutationContext, schema: JsonSchema, value: unknown, path: readonly (string | number)[] = [], depth = 0): Mutation[] {
  if (depth > MAX_VALUE_DEPTH) return [];
  const resolved = dereference(schema, context.root);
  if (!isRecord(resolved)) return [];
  const node = resolved['allOf'] === undefined ? resolved : mergeAllOf(resolved, context.root);
  const found = nodeMutations(context, node, value, path);
  if (Array.isArray(value)) {
    const items = (node['items'] ?? true) as JsonSchema;
    const prefix = Array.isArray(node['prefixItems']) ? (node['prefixItems'] as JsonSchema[]) : [];
    value.forEach((item, index) => found.push(...mutationsOf(context, prefix[index] ?? items, item, [...path, index], depth + 1)));
  } else if (isRecord(value)) {
    const properties = isRecord(node['properties']) ? node['properties'] : {};
    const additional = node['additionalProperties'];
    for (const [name, item] of Object.entries(value)) {
      const childSchema = (properties[name] as JsonSchema | undefined) ?? (isRecord(additional) ? (additional as JsonSchema) : undefined);
      if (childSchema !== undefined) found.push(...mutationsOf(context, childSchema, item, [...path, name], depth + 1));
    }
  }
  return found;
}

/** `value` with `mutation` applied; the input is not changed. */
export function applyMutation(value: unknown, mutation: Mutation): unknown {
  if (mutation.path.length === 0) return mutation.replacement;
  const copy: unknown = structuredClone(value);
  let parent: unknown = copy;
  for (const segment of mutation.path.slice(0, -1)) parent = (parent as Record<string | number, unknown>)[segment];
  const target = parent as Record<string | number, unknown>;
  const last = mutation.path[mutation.path.length - 1] as string | number;
  if (mutation.remove === true) delete target[last];
  else target[last] = mutation.replacement;
  return copy;
}
