import { isRecord } from '@npvguard/harness/contracts';

/**
 * How the members of an object are read while looking for `$ref`s: as OpenAPI keywords (a `$ref` here is a
 * reference), as a map of names (`paths`, `responses`, `content`...: every value is an object of keywords), as a
 * schema (every member that is not data may hold subschemas, as the comparison reads them), as a schema's map
 * of names (`properties`...), or as data (`example`, `default`, `enum`, extensions: a `$ref` inside is a value).
 */
export type MemberContext = 'keywords' | 'names' | 'schema' | 'schema-names' | 'data';

/** OpenAPI keywords whose object value maps names to objects of keywords. */
const NAME_MAPS = new Set([
  'paths',
  'webhooks',
  'responses',
  'parameters',
  'examples',
  'requestBodies',
  'headers',
  'securitySchemes',
  'links',
  'callbacks',
  'pathItems',
  'content',
  'encoding',
  'variables',
  'mapping',
]);

/** Schema keywords whose object value maps names to schemas. */
const SCHEMA_NAME_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);

/** Keywords whose value is data (or text), never a schema or an OpenAPI object. */
const DATA_KEYWORDS = new Set(['example', 'examples', 'default', 'const', 'enum', 'value', 'description', 'title', '$comment']);

/** Maps of names in which `x-...` members are extensions (data), not names. */
const EXTENSIBLE_MAPS = new Set(['paths', 'responses']);

/** The context of the member `key` (holding `child`) of an object read in `context`, whose own key is `parentKey`. */
export function memberContext(context: MemberContext, parentKey: string | undefined, key: string, child: unknown): MemberContext {
  switch (context) {
    case 'data':
      return 'data';
    case 'names':
      return key.startsWith('x-') && parentKey !== undefined && EXTENSIBLE_MAPS.has(parentKey) ? 'data' : 'keywords';
    case 'schema-names':
      return 'schema';
    case 'schema':
      if (key.startsWith('x-') || DATA_KEYWORDS.has(key)) return 'data';
      return SCHEMA_NAME_MAPS.has(key) && isRecord(child) ? 'schema-names' : 'schema';
    case 'keywords':
      if (key.startsWith('x-') || (DATA_KEYWORDS.has(key) && !(key === 'examples' && isRecord(child)))) return 'data';
      if (key === 'schema') return 'schema';
      if (key === 'schemas' && isRecord(child)) return 'schema-names';
      return NAME_MAPS.has(key) && isRecord(child) ? 'names' : 'keywords';
  }
}

/** The context of the items of an array read in `context`. */
export function itemContext(context: MemberContext): MemberContext {
  if (context === 'data') return 'data';
  return context === 'schema' || context === 'schema-names' ? 'schema' : 'keywords';
}

/** A `$ref` object: read as keywords or as a schema, with a string `$ref`. */
export function referenceOf(value: unknown, context: MemberContext): string | undefined {
  if ((context !== 'keywords' && context !== 'schema') || !isRecord(value)) return undefined;
  const reference = value['$ref'];
  return typeof reference === 'string' ? reference : undefined;
}

/** Deeper than this, a document is refused: no real contract nests so deep, and the comparison recurses. */
export const MAX_DEPTH = 256;

export interface ReferenceSite {
  reference: string;
  /** The path to the `$ref` object. */
  path: string[];
}

export interface ReferenceScan {
  references: ReferenceSite[];
  /** The path of a value nested deeper than MAX_DEPTH. */
  tooDeep?: string[];
  /** The path of a value that contains itself (a YAML alias of one of its own parents). */
  circular?: string[];
  /** Values shared through YAML aliases expand to more than MAX_EXPANDED values. */
  tooLarge?: boolean;
}

/** Values a document may hold once YAML aliases are expanded (each reader of the document walks them all). */
export const MAX_EXPANDED = 2_000_000;

/**
 * Every `$ref` in `value` (read as keywords), with the path to its `$ref` object. A value shared by several
 * parents (a YAML alias) is read once, and counted each time; the scan stops at a value nested deeper than
 * MAX_DEPTH, containing itself, or expanding beyond MAX_EXPANDED values.
 */
export function scanReferences(value: unknown): ReferenceScan {
  const sizes = new Map<object, number>();
  const onPath = new Set<object>();
  const path: string[] = [];
  const scan: ReferenceScan = { references: [] };
  let expanded = 0;
  const stopped = () => scan.tooDeep !== undefined || scan.circular !== undefined || scan.tooLarge === true;
  /** The number of values `current` stands for, aliases expanded. */
  const walk = (current: unknown, context: MemberContext, parentKey: string | undefined): number => {
    if (typeof current !== 'object' || current === null || stopped()) return 1;
    if (onPath.has(current)) {
      scan.circular = [...path];
      return 1;
    }
    const known = sizes.get(current);
    if (known !== undefined) {
      expanded += known;
      if (expanded > MAX_EXPANDED) scan.tooLarge = true;
      return known;
    }
    if (path.length > MAX_DEPTH) {
      scan.tooDeep = [...path];
      return 1;
    }
    onPath.add(current);
    expanded += 1;
    let size = 1;
    const reference = referenceOf(current, context);
    if (reference !== undefined) scan.references.push({ reference, path: [...path] });
    if (Array.isArray(current)) {
      for (let index = 0; index < current.length; index += 1) {
        path.push(String(index));
        size += walk(current[index], itemContext(context), parentKey);
        path.pop();
      }
    } else {
      for (const key of Object.keys(current)) {
        if (key === '$ref' && reference !== undefined) continue;
        const child = (current as Record<string, unknown>)[key];
        path.push(key);
        size += walk(child, memberContext(context, parentKey, key, child), key);
        path.pop();
      }
    }
    onPath.delete(current);
    sizes.set(current, size);
    return size;
  };
  walk(value, 'keywords', undefined);
  return scan;
}
