import { isRecord, resolvePointer, SchemaError, type JsonSchema } from './jsonSchema.js';

/**
 * Thrown by `invalidFromSchema` / `invalidSamplesFromSchema` when the schema accepts every JSON value (`{}`,
 * `true`, a schema of annotations only, an `anyOf` with such a branch...): no invalid value exists, so there
 * is nothing to generate. A `SchemaError`, so callers that already handle those keep working; callers that
 * want to tell "nothing to break" from "could not generate" test for this class.
 */
export class NoInvalidValueError extends SchemaError {
  override readonly name = 'NoInvalidValueError';
}

/** Keywords that only describe, or that ajv's draft 2020-12 vocabulary ignores in validation. */
const ANNOTATIONS = new Set([
  'title', 'description', 'default', 'examples', 'example', 'deprecated', 'readOnly', 'writeOnly', '$id', '$schema',
  '$comment', '$anchor', '$defs', 'definitions', 'discriminator', 'xml', 'externalDocs', 'contentMediaType',
  'contentEncoding', 'contentSchema', 'then', 'else',
]);
/** Applicators whose one subschema constrains only values it applies to: universal when the subschema is. */
const SINGLE_APPLICATORS = new Set(['items', 'additionalProperties', 'unevaluatedItems', 'unevaluatedProperties', 'propertyNames', 'additionalItems']);
/** Applicators holding a map of subschemas, each constraining only values it applies to. */
const MAP_APPLICATORS = new Set(['properties', 'patternProperties', 'dependentSchemas']);
/** Lower bounds that constrain nothing at zero. */
const ZERO_BOUNDS = new Set(['minLength', 'minItems', 'minProperties', 'minContains']);
const EVERY_TYPE = ['null', 'boolean', 'number', 'string', 'array', 'object'];

/**
 * Whether `schema` certainly accepts every JSON value, once the `ignoring` keywords are left out everywhere
 * in it. Conservative: `true` only when each keyword is an annotation, a constraint that is void as written
 * (`required: []`, `minLength: 0`, every type listed), or an applicator whose subschemas all accept
 * everything. Anything it cannot prove (an unknown keyword, a recursive reference) answers `false`, and
 * generation then decides.
 */
export function acceptsEveryValue(schema: JsonSchema, root: unknown = schema, ignoring: readonly string[] = []): boolean {
  const visit = (node: unknown, references: ReadonlySet<string>): boolean => {
    if (node === true) return true;
    if (!isRecord(node)) return false;
    const every = (value: unknown): boolean => visit(value, references);
    for (const [keyword, value] of Object.entries(node)) {
      if (keyword.startsWith('x-') || ANNOTATIONS.has(keyword) || ignoring.includes(keyword)) continue;
      if (keyword === '$ref') {
        if (typeof value !== 'string' || references.has(value)) return false;
        if (!visit(resolvePointer(root, value), new Set([...references, value]))) return false;
      } else if (SINGLE_APPLICATORS.has(keyword)) {
        if (!every(value)) return false;
      } else if (MAP_APPLICATORS.has(keyword)) {
        if (!isRecord(value) || !Object.values(value).every(every)) return false;
      } else if (keyword === 'allOf' || keyword === 'prefixItems') {
        if (!Array.isArray(value) || !value.every(every)) return false;
      } else if (keyword === 'anyOf') {
        if (!Array.isArray(value) || !value.some(every)) return false;
      } else if (keyword === 'oneOf') {
        // Two branches that accept everything leave no value matching exactly one.
        if (!Array.isArray(value) || value.length !== 1 || !every(value[0])) return false;
      } else if (keyword === 'not') {
        if (value !== false) return false;
      } else if (keyword === 'if') {
        // `if` alone constrains nothing; with `then`/`else`, each branch present must accept everything.
        if (!['then', 'else'].every((branch) => node[branch] === undefined || ignoring.includes(branch) || every(node[branch]))) return false;
      } else if (!voidConstraint(keyword, value)) {
        return false;
      }
    }
    return true;
  };
  return visit(schema, new Set());
}

/** A constraint keyword whose value, as written, rules nothing out. */
function voidConstraint(keyword: string, value: unknown): boolean {
  if (keyword === 'type') {
    const types = Array.isArray(value) ? value : [value];
    return EVERY_TYPE.every((type) => types.includes(type));
  }
  if (keyword === 'required') return Array.isArray(value) && value.length === 0;
  if (keyword === 'dependentRequired') return isRecord(value) && Object.values(value).every((names) => Array.isArray(names) && names.length === 0);
  if (keyword === 'uniqueItems') return value === false;
  return ZERO_BOUNDS.has(keyword) && value === 0;
}
