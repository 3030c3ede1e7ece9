import { isRecord } from '@npvguard/harness/contracts';

/**
 * How the members of an object are read while looking for `$ref`s: as OpenAPI/JSON Schema keywords (a `$ref`
 * here is a reference), as a map of names (`properties`, `paths`, `responses`...: every value is an object of
 * keywords), or as data (`example`, `default`, `enum`, extensions: a `$ref` inside is a value like any other).
 */
export type MemberContext = 'keywords' | 'names' | 'data';

/** Keywords whose object value maps names to objects of keywords. */
const NAME_MAPS = new Set([
  'properties',
  'patternProperties',
  '$defs',
  'definitions',
  'dependentSchemas',
  'paths',
  'webhooks',
  'schemas',
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

/** Keywords whose value is data, never a schema or an OpenAPI object. */
const DATA_KEYWORDS = new Set(['example', 'default', 'const', 'enum', 'value']);

/** Maps of names in which `x-...` members are extensions (data), not names. */
const EXTENSIBLE_MAPS = new Set(['paths', 'responses']);

/** The context of the member `key` (holding `child`) of an object read in `context`, whose own key is `parentKey`. */
export function memberContext(context: MemberContext, parentKey: string | undefined, key: string, child: unknown): MemberContext {
  if (context === 'data') return 'data';
  if (context === 'names') return key.startsWith('x-') && parentKey !== undefined && EXTENSIBLE_MAPS.has(parentKey) ? 'data' : 'keywords';
  if (key.startsWith('x-') || DATA_KEYWORDS.has(key)) return 'data';
  if (key === 'examples') return isRecord(child) ? 'names' : 'data';
  return NAME_MAPS.has(key) && isRecord(child) ? 'names' : 'keywords';
}

/** The context of the items of an array read in `context`. */
export function itemContext(context: MemberContext): MemberContext {
  return context === 'data' ? 'data' : 'keywords';
}

/** A `$ref` object: read in keyword context, with a string `$ref`. */
export function referenceOf(value: unknown, context: MemberContext): string | undefined {
  if (context !== 'keywords' || !isRecord(value)) return undefined;
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
  /** The path of a value that contains itself (a YAML alias of one of its parents). */
  circular?: string[];
}

/**
 * Every `$ref` in `value` (read as keywords), with the path to its `$ref` object. A value shared by several
 * parents (a YAML alias) is read once; the scan stops at a value nested deeper than MAX_DEPTH or containing itself.
 */
export function scanReferences(value: unknown): ReferenceScan {
  const seen = new Set<object>();
  const onPath = new Set<object>();
  const path: string[] = [];
  const scan: ReferenceScan = { references: [] };
  const walk = (current: unknown, context: MemberContext, parentKey: string | undefined): void => {
    if (typeof current !== 'object' || current === null || scan.tooDeep !== undefined || scan.circular !== undefined) return;
    if (onPath.has(current)) {
      scan.circular = [...path];
      return;
    }
    if (seen.has(current)) return;
    if (path.length > MAX_DEPTH) {
      scan.tooDeep = [...path];
      return;
    }
    seen.add(current);
    onPath.add(current);
    const reference = referenceOf(current, context);
    if (reference !== undefined) scan.references.push({ reference, path: [...path] });
    if (Array.isArray(current)) {
      for (let index = 0; index < current.length; index += 1) {
        path.push(String(index));
        walk(current[index], itemContext(context), parentKey);
        path.pop();
      }
    } else {
      for (const key of Object.keys(current)) {
        if (key === '$ref' && reference !== undefined) continue;
        const child = (current as Record<string, unknown>)[key];
        path.push(key);
        walk(child, memberContext(context, parentKey, key, child), key);
        path.pop();
      }
    }
    onPath.delete(current);
  };
  walk(value, 'keywords', undefined);
  return scan;
}
