/** A JSON Schema (draft 2020-12, or OpenAPI 3.x after `normalizeOpenApiSchemas`): an object or a boolean. */
export type JsonSchema = boolean | SchemaObject;
export type SchemaObject = Record<string, unknown>;

export const JSON_TYPES = ['null', 'boolean', 'integer', 'number', 'string', 'array', 'object'] as const;
export type JsonType = (typeof JSON_TYPES)[number];

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isJsonType(value: unknown): value is JsonType {
  return typeof value === 'string' && (JSON_TYPES as readonly string[]).includes(value);
}

/** The `type` keyword as a list; undefined when the schema does not constrain the type. */
export function declaredTypes(schema: SchemaObject): JsonType[] | undefined {
  const type = schema['type'];
  if (type === undefined) return undefined;
  const list = Array.isArray(type) ? type : [type];
  return list.filter(isJsonType);
}

/** The JSON type of a value, `integer` for whole numbers. */
export function typeOfValue(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'string') return 'string';
  return 'object';
}

/** The parts of a local reference `#/a/b~1c` → `['a', 'b/c']`. */
export function pointerSegments(reference: string): string[] | undefined {
  if (reference === '#') return [];
  if (!reference.startsWith('#/')) return undefined;
  return reference
    .slice(2)
    .split('/')
    .map((segment) => decodeURIComponent(segment).replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function escapePointerSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** A thrown error for schemas this toolkit cannot work with (an unresolvable $ref, an unsatisfiable schema). */
export class SchemaError extends Error {
  override readonly name: string = 'SchemaError';
}

/** Follows a local `$ref` inside `root`; undefined when it does not resolve. */
export function resolvePointer(root: unknown, reference: string): unknown {
  const segments = pointerSegments(reference);
  if (segments === undefined) return undefined;
  let current: unknown = root;
  for (const segment of segments) {
    if (Array.isArray(current)) current = current[Number(segment)];
    else if (isRecord(current)) current = current[segment];
    else return undefined;
    if (current === undefined) return undefined;
  }
  return current;
}

/**
 * Follows `$ref` chains until a schema without `$ref` (siblings of a `$ref` are merged over the target,
 * as JSON Schema 2020-12 applies both). Throws SchemaError on a dangling or cyclic chain.
 */
export function dereference(schema: JsonSchema, root: unknown): JsonSchema {
  let current: JsonSchema = schema;
  const seen = new Set<string>();
  while (isRecord(current) && typeof current['$ref'] === 'string') {
    const reference = current['$ref'];
    if (seen.has(reference)) throw new SchemaError(`$ref cycle through ${reference}`);
    seen.add(reference);
    const target = resolvePointer(root, reference);
    if (typeof target !== 'boolean' && !isRecord(target)) throw new SchemaError(`$ref ${reference} does not resolve to a schema`);
    const { $ref: _reference, ...siblings } = current;
    current = typeof target === 'boolean' || Object.keys(siblings).length === 0 ? target : { ...target, ...siblings };
  }
  return current;
}

/** JSON equality with object keys in any order. */
export function jsonEqual(left: unknown, right: unknown): boolean {
  return canonicalJson(left) === canonicalJson(right);
}

/** JSON text with object keys sorted at every level: equal values give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeysDeep(value));
}

export function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (!isRecord(value)) return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const item = value[key];
    if (item !== undefined) sorted[key] = sortKeysDeep(item);
  }
  return sorted;
}
