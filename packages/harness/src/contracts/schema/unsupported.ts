import { escapePointerSegment, isRecord, type JsonSchema } from './jsonSchema.js';
import { SUPPORTED_FORMATS } from './strings.js';
import { unsupportedPatternReason } from './pattern.js';

/** A keyword generation does not implement; values are still checked against it, by filtering. */
export interface UnsupportedKeyword {
  /** JSON pointer of the schema holding the keyword, relative to the schema given. */
  path: string;
  keyword: string;
  reason: string;
}

/** Keywords that only describe (annotations) or that generation implements. */
const KNOWN_KEYWORDS = new Set([
  'type', 'enum', 'const', 'format', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf',
  'minLength', 'maxLength', 'pattern', 'items', 'prefixItems', 'minItems', 'maxItems', 'uniqueItems',
  'properties', 'required', 'additionalProperties', 'minProperties', 'maxProperties',
  'allOf', 'anyOf', 'oneOf', 'not', '$ref', '$defs', 'definitions', 'nullable',
  'title', 'description', 'default', 'examples', 'example', 'deprecated', 'readOnly', 'writeOnly',
  '$id', '$schema', '$comment', '$anchor', 'discriminator', 'xml', 'externalDocs', 'contentMediaType', 'contentEncoding',
]);

const SCHEMA_MAPS = ['properties', '$defs', 'definitions', 'patternProperties', 'dependentSchemas'] as const;
const SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'] as const;
const SCHEMA_VALUES = ['additionalProperties', 'items', 'not', 'contains', 'propertyNames', 'if', 'then', 'else', 'unevaluatedProperties', 'unevaluatedItems'] as const;

export interface FindUnsupportedOptions {
  /** Only the schema's own keywords, not its subschemas. */
  shallow?: boolean;
}

/** Every keyword in `schema` (and its subschemas) that generation does not implement, with where it is. */
export function findUnsupportedKeywords(schema: JsonSchema, options: FindUnsupportedOptions = {}): UnsupportedKeyword[] {
  const found: UnsupportedKeyword[] = [];
  const visit = (node: unknown, path: string): void => {
    if (!isRecord(node)) return;
    for (const [keyword, value] of Object.entries(node)) {
      if (keyword.startsWith('x-')) continue;
      if (!KNOWN_KEYWORDS.has(keyword)) {
        found.push({ path, keyword, reason: `the ${keyword} keyword is not generated; values are filtered against it` });
      } else if (keyword === 'format' && typeof value === 'string' && !SUPPORTED_FORMATS.includes(value)) {
        found.push({ path, keyword, reason: `format ${value} is not generated; strings are filtered against it` });
      } else if (keyword === 'pattern' && typeof value === 'string') {
        const reason = unsupportedPatternReason(value);
        if (reason !== undefined) found.push({ path, keyword, reason: `pattern ${value} uses syntax outside the generated subset (${reason}); strings are filtered against it` });
      }
    }
    if (options.shallow === true) return;
    for (const key of SCHEMA_MAPS) {
      const map = node[key];
      if (isRecord(map)) for (const [name, child] of Object.entries(map)) visit(child, `${path}/${key}/${escapePointerSegment(name)}`);
    }
    for (const key of SCHEMA_LISTS) {
      const list = node[key];
      if (Array.isArray(list)) list.forEach((child, index) => visit(child, `${path}/${key}/${index}`));
    }
    for (const key of SCHEMA_VALUES) visit(node[key], `${path}/${key}`);
  };
  visit(schema, '');
  return found;
}
