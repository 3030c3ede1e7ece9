import { declaredTypes, dereference, escapePointerSegment, isRecord, type JsonSchema, type SchemaObject } from '../schema/jsonSchema.js';
import { createValidator } from '../schema/validator.js';

/** Reports stop after this many paths: the first few say what is wrong. */
const MOST_PATHS = 10;

/** Keywords through which a schema says which properties an object may have. */
const PROPERTY_KEYWORDS = ['properties', 'patternProperties', 'additionalProperties', 'unevaluatedProperties'] as const;

/** Keywords that only annotate: a schema made of these alone admits any value. */
const ANNOTATIONS = new Set(['title', 'description', 'default', 'examples', 'example', 'deprecated', 'readOnly', 'writeOnly', '$comment', '$id', '$schema', 'nullable']);

function toJson(value: unknown, ancestors: Set<object>): unknown {
  let current = value;
  if (typeof current === 'object' && current !== null && typeof (current as { toJSON?: unknown }).toJSON === 'function') {
    current = (current as { toJSON(): unknown }).toJSON();
  }
  if (typeof current === 'function' || typeof current === 'symbol' || current === undefined) return undefined;
  if (typeof current !== 'object' || current === null) return current;
  // A cycle cannot be serialized at all; what matters here is that the walk ends.
  if (ancestors.has(current)) return null;
  ancestors.add(current);
  let result: unknown;
  if (Array.isArray(current)) {
    result = current.map((item: unknown) => toJson(item, ancestors) ?? null);
  } else {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(current)) {
      const converted = toJson(item, ancestors);
      if (converted !== undefined) copy[key] = converted;
    }
    result = copy;
  }
  ancestors.delete(current);
  return result;
}

/** A payload as JSON would carry it: `toJSON` applied; undefined values, functions and symbols left out. */
export function jsonForm(value: unknown): unknown {
  return toJson(value, new Set());
}

function admitsAnything(schema: JsonSchema): boolean {
  return schema === true || (isRecord(schema) && Object.keys(schema).every((key) => ANNOTATIONS.has(key)));
}

/**
 * The schemas that apply to `value` at one position: the schema itself, every `allOf` part, the `anyOf` /
 * `oneOf` branches the value matches (all of them when it matches none, so a property any branch declares
 * counts as declared), `then` or `else` as `if` decides, and `dependentSchemas` of present keys. A matching
 * branch that admits anything is returned as `true`.
 */
function applicable(schema: JsonSchema, root: unknown, value: unknown, visiting: Set<SchemaObject>): JsonSchema[] {
  const resolved = dereference(schema, root);
  if (typeof resolved === 'boolean') return [resolved];
  // A schema that reaches itself through allOf/anyOf at the same position adds nothing new.
  if (visiting.has(resolved)) return [];
  visiting.add(resolved);
  const found: JsonSchema[] = [resolved];
  const parts = (keyword: string): JsonSchema[] => (Array.isArray(resolved[keyword]) ? (resolved[keyword] as JsonSchema[]) : []);
  for (const part of parts('allOf')) {
    if (part !== true) found.push(...applicable(part, root, value, visiting));
  }
  for (const keyword of ['anyOf', 'oneOf']) {
    const branches = parts(keyword);
    if (branches.length === 0) continue;
    const matching = branches.filter((branch) => createValidator(branch, root)(value));
    if (matching.some((branch) => admitsAnything(dereference(branch, root)))) found.push(true);
    for (const branch of matching.length > 0 ? matching : branches) found.push(...applicable(branch, root, value, visiting));
  }
  const condition = resolved['if'];
  if (typeof condition === 'boolean' || isRecord(condition)) {
    const holds = createValidator(condition, root)(value);
    const consequence = resolved[holds ? 'then' : 'else'];
    if (typeof consequence === 'boolean' || isRecord(consequence)) found.push(...applicable(consequence, root, value, visiting));
  }
  const dependent = resolved['dependentSchemas'];
  if (isRecord(dependent) && isRecord(value)) {
    for (const [key, dependentSchema] of Object.entries(dependent)) {
      if (key in value && (typeof dependentSchema === 'boolean' || isRecord(dependentSchema))) found.push(...applicable(dependentSchema, root, value, visiting));
    }
  }
  visiting.delete(resolved);
  return found;
}

function constrainsProperties(schema: SchemaObject): boolean {
  return PROPERTY_KEYWORDS.some((keyword) => schema[keyword] !== undefined) || (declaredTypes(schema)?.includes('object') ?? false);
}

function admittingSchema(value: unknown): JsonSchema | undefined {
  return value === true || isRecord(value) ? (value as JsonSchema) : undefined;
}

/** The schemas a property falls under: its `properties` entry, matching `patternProperties`, else `additionalProperties`. */
function propertySchemas(schemas: readonly SchemaObject[], key: string): JsonSchema[] {
  const found: JsonSchema[] = [];
  for (const schema of schemas) {
    const own: JsonSchema[] = [];
    const properties = schema['properties'];
    if (isRecord(properties) && Object.hasOwn(properties, key)) {
      const declared = admittingSchema(properties[key]);
      if (declared !== undefined) own.push(declared);
    }
    const patterns = schema['patternProperties'];
    if (isRecord(patterns)) {
      for (const [pattern, patternSchema] of Object.entries(patterns)) {
        const admitted = admittingSchema(patternSchema);
        if (admitted !== undefined && new RegExp(pattern, 'u').test(key)) own.push(admitted);
      }
    }
    if (own.length === 0) {
      for (const keyword of ['additionalProperties', 'unevaluatedProperties']) {
        const admitted = admittingSchema(schema[keyword]);
        if (admitted !== undefined) own.push(admitted);
      }
    }
    found.push(...own);
  }
  return found;
}

/** The schemas an array item falls under: `prefixItems` by position, else `items` (or a tuple's `additionalItems`). */
function itemSchemas(schemas: readonly SchemaObject[], index: number): JsonSchema[] {
  const found: JsonSchema[] = [];
  for (const schema of schemas) {
    const prefix = Array.isArray(schema['prefixItems']) ? (schema['prefixItems'] as unknown[]) : Array.isArray(schema['items']) ? (schema['items'] as unknown[]) : undefined;
    const positional = prefix === undefined ? undefined : admittingSchema(prefix[index]);
    const rest = Array.isArray(schema['items']) ? schema['additionalItems'] : schema['items'];
    const admitted = positional ?? (prefix !== undefined && index < prefix.length ? undefined : admittingSchema(rest));
    if (admitted !== undefined) found.push(admitted);
  }
  return found;
}

function walk(schemas: readonly JsonSchema[], root: unknown, value: unknown, path: string, found: string[]): void {
  if (found.length >= MOST_PATHS) return;
  const expanded = schemas.flatMap((schema) => applicable(schema, root, value, new Set()));
  // `false` refuses the value itself, which schema validation reports; `true` from a matching branch admits it whole.
  if (expanded.includes(false) || expanded.includes(true)) return;
  const objects = expanded.filter(isRecord);
  if (Array.isArray(value)) {
    value.forEach((item: unknown, index) => {
      const items = itemSchemas(objects, index);
      if (items.length > 0) walk(items, root, item, `${path}/${index}`, found);
    });
    return;
  }
  if (!isRecord(value) || !objects.some(constrainsProperties)) return;
  for (const [key, item] of Object.entries(value)) {
    const declared = propertySchemas(objects, key);
    if (declared.length === 0) {
      if (found.length < MOST_PATHS) found.push(`${path}/${escapePointerSegment(key)}`);
    } else {
      walk(declared, root, item, `${path}/${escapePointerSegment(key)}`, found);
    }
  }
}

/**
 * JSON pointers (`/cards/0/internalCost`) of the object properties in `value` that `schema` does not
 * declare: not in `properties`, matching no `patternProperties`, and not admitted by
 * `additionalProperties` / `unevaluatedProperties` (`true` or a schema; absent does not admit, since
 * fastify's serializer drops such properties). An object whose schema says nothing about properties (no
 * `type: object`, no property keywords, as `{}`) admits any. At most ten paths. `value` should be in JSON
 * form (see `jsonForm`). `$ref`s resolve in `root`.
 */
export function undeclaredProperties(schema: JsonSchema, root: unknown, value: unknown): string[] {
  const found: string[] = [];
  walk([schema], root, value, '', found);
  return found;
}
