import { canonicalJson, dereference, isRecord, mergeAllOf, type ClosedSchemasPolicy, type JsonSchema, type SchemaObject } from '@npvguard/harness/contracts';
import { changeKind, conceptId, isChangeId, type ChangeLevel } from './catalogue.js';
import type { SchemaPlace } from './concepts.js';
import type { LifecycleContext, StabilityLevel } from './lifecycle.js';
import type { ContractChange, ExchangePart, ValueSegment, WitnessProbe } from './types.js';

/** Where a schema comparison happens and how it reports. */
export interface SchemaDiffContext {
  side: 'request' | 'response';
  subject: 'property' | 'parameter';
  part: ExchangePart;
  method: string;
  path: string;
  /** `request body`, `query parameter q`, `response 200`. */
  locationPrefix: string;
  oldRoot: unknown;
  newRoot: unknown;
  report(change: ContractChange): void;
  /** Pairs of references already being compared: recursive schemas are compared once. */
  active: Set<string>;
  /** How clients read answer objects whose schema refuses properties it does not list. */
  closedSchemas: ClosedSchemasPolicy;
  /** Inside a request property the schema marks `readOnly`: clients do not send it, so tightening it is safe. */
  readOnly?: boolean;
  /** Inside an answer property the schema marks `writeOnly`: it is never sent, so its changes are safe. */
  writeOnly?: boolean;
  /** The lifecycle policy and day of the diff, and the stability level of the operation (for property deprecations). */
  lifecycle?: LifecycleContext;
  operationStability?: StabilityLevel;
}

export interface SchemaPosition {
  oldSchema: JsonSchema;
  newSchema: JsonSchema;
  valuePath: readonly ValueSegment[];
  /** JSON pointer of the new schema in the new document. */
  pointer: string;
}

export function renderValuePath(path: readonly ValueSegment[]): string {
  let text = '';
  for (const segment of path) {
    if ('property' in segment) text += text === '' ? segment.property : `.${segment.property}`;
    else if ('items' in segment) text += '[]';
    else if ('index' in segment) text += `[${segment.index}]`;
    else text += text === '' ? '*' : '.*';
  }
  return text;
}

/** The place a schema position is at: the body or parameter itself, or something inside it. */
export function placeOf(context: SchemaDiffContext, position: Pick<SchemaPosition, 'valuePath'>): SchemaPlace {
  const root = position.valuePath.length === 0;
  if (context.side === 'response') return root ? 'response-body' : 'response-property';
  if (context.subject === 'property') return root ? 'request-body' : 'request-property';
  if (root) return 'request-parameter';
  return context.part.kind === 'parameter' && context.part.in === 'header' ? 'request-header-property' : 'request-parameter-property';
}

/** The id of a schema concept at a position: the most specific one the catalogue has. */
export function schemaId(context: SchemaDiffContext, position: Pick<SchemaPosition, 'valuePath'>, concept: string): string {
  if (context.readOnly === true && context.side === 'request' && isChangeId(`request-read-only-property-${concept}`)) return `request-read-only-property-${concept}`;
  if (context.writeOnly === true && context.side === 'response' && isChangeId(`response-write-only-property-${concept}`)) return `response-write-only-property-${concept}`;
  return conceptId(placeOf(context, position), concept);
}

/**
 * Reports one change at a schema position; `id` is a full id or a concept of the context's subject. `level`, when
 * given, is the change's level under the context's settings (a closed-schema policy that makes it safe).
 */
export function emit(
  context: SchemaDiffContext,
  position: SchemaPosition,
  id: string,
  message: string,
  probe: Partial<Omit<WitnessProbe, 'part'>> = {},
  level?: ChangeLevel,
): void {
  const kind = { ...changeKind(id), ...(level === undefined ? {} : { level }) };
  const where = renderValuePath(position.valuePath);
  const location = where === '' ? context.locationPrefix : `${context.locationPrefix} ${where}`;
  const change: ContractChange = {
    id,
    level: kind.level,
    method: context.method,
    path: context.path,
    location,
    message: `${location}: ${message}`,
    pointer: position.pointer,
    side: 'new',
  };
  if (kind.level !== 'info') {
    change.probe = {
      part: context.part,
      valuePath: position.valuePath,
      oldSchema: position.oldSchema,
      newSchema: position.newSchema,
      direction: context.side === 'request' ? 'old-accepts-new-rejects' : 'new-allows-old-rejects',
      ...probe,
    };
  }
  context.report(change);
}

/** A schema with `$ref` chains followed and `allOf` merged into one keyword set. */
export function flatten(schema: JsonSchema, root: unknown): JsonSchema {
  const resolved = dereference(schema, root);
  if (!isRecord(resolved)) return resolved;
  return resolved['allOf'] === undefined ? resolved : mergeAllOf(resolved, root);
}

/** The pointer a schema's `$ref` leads to, or the given pointer when it has none. */
export function pointerAfterReference(schema: JsonSchema, pointer: string): string {
  return isRecord(schema) && typeof schema['$ref'] === 'string' && schema['$ref'].startsWith('#') ? schema['$ref'] : pointer;
}

/**
 * Text identifying what a schema means, references inlined (to a fixed depth), key order ignored: a
 * branch moved into `components` and referenced compares equal to the same branch inline.
 */
export function schemaMeaning(schema: JsonSchema, root: unknown, depth = 0): string {
  // Keys of these maps are names chosen by the API (a property called `title`), not schema keywords.
  const NAME_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);
  const ANNOTATIONS = new Set(['description', 'title', 'examples', 'example', '$comment']);
  const inline = (value: unknown, level: number, isNameMap: boolean): unknown => {
    if (Array.isArray(value)) return value.map((item) => inline(item, level, false));
    if (!isRecord(value)) return value;
    if (!isNameMap && typeof value['$ref'] === 'string' && level < 8) {
      const { $ref: _reference, ...siblings } = value;
      const target = inline(dereference({ $ref: value['$ref'] }, root), level + 1, false);
      return Object.keys(siblings).length === 0 ? target : { allOf: [target, inline(siblings, level, false)] };
    }
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (!isNameMap && ANNOTATIONS.has(key)) continue;
      // Values, not schemas: a `$ref` inside a default or an enum member is data.
      if (!isNameMap && (key === 'default' || key === 'enum' || key === 'const')) copy[key] = item;
      else if (!isNameMap && key === 'required' && Array.isArray(item)) copy[key] = [...(item as unknown[])].map(String).sort();
      else copy[key] = inline(item, level, !isNameMap && NAME_MAPS.has(key));
    }
    return copy;
  };
  return canonicalJson(inline(schema, depth, false));
}

export function asObject(schema: JsonSchema): SchemaObject {
  return schema === true ? {} : schema === false ? { not: {} } : schema;
}
