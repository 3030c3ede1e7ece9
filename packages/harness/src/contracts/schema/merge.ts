import { dereference, isRecord, type JsonSchema, type SchemaObject } from './jsonSchema.js';

const LOWER_BOUNDS = ['minimum', 'exclusiveMinimum', 'minLength', 'minItems', 'minProperties'] as const;
const UPPER_BOUNDS = ['maximum', 'exclusiveMaximum', 'maxLength', 'maxItems', 'maxProperties'] as const;

/**
 * One schema standing for `allOf` (and its siblings), so a generator can work from a single set of
 * keywords: properties merged (a property named by both becomes their own `allOf`), `required` united,
 * types and enums intersected, the tighter of two bounds kept. A value the merge admits may still miss a
 * keyword this cannot combine; generators check values against the original schema.
 */
export function mergeAllOf(schema: SchemaObject, root: unknown): SchemaObject {
  const { allOf, ...siblings } = schema;
  let merged: SchemaObject = siblings;
  if (!Array.isArray(allOf)) return merged;
  for (const part of allOf as JsonSchema[]) {
    const resolved = dereference(part, root);
    if (resolved === true) continue;
    if (resolved === false) return { not: {} };
    const flattened = resolved['allOf'] === undefined ? resolved : mergeAllOf(resolved, root);
    merged = mergeTwo(merged, flattened);
  }
  return merged;
}

function mergeTwo(left: SchemaObject, right: SchemaObject): SchemaObject {
  const result: SchemaObject = { ...left };
  for (const [key, value] of Object.entries(right)) {
    const existing = result[key];
    if (existing === undefined) {
      result[key] = value;
    } else if (key === 'properties' && isRecord(existing) && isRecord(value)) {
      const properties: SchemaObject = { ...existing };
      for (const [name, propertySchema] of Object.entries(value)) {
        properties[name] = properties[name] === undefined ? propertySchema : { allOf: [properties[name], propertySchema] };
      }
      result[key] = properties;
    } else if (key === 'required' && Array.isArray(existing) && Array.isArray(value)) {
      result[key] = [...new Set([...existing, ...value])];
    } else if (key === 'type') {
      const leftTypes = Array.isArray(existing) ? existing : [existing];
      const rightTypes = Array.isArray(value) ? value : [value];
      const both = leftTypes.filter((type) => rightTypes.includes(type) || (type === 'integer' && rightTypes.includes('number')));
      const widened = rightTypes.filter((type) => type === 'integer' && leftTypes.includes('number'));
      result[key] = [...new Set([...both, ...widened])];
    } else if (key === 'enum' && Array.isArray(existing) && Array.isArray(value)) {
      result[key] = existing.filter((member) => value.some((other) => JSON.stringify(other) === JSON.stringify(member)));
    } else if ((LOWER_BOUNDS as readonly string[]).includes(key) && typeof existing === 'number' && typeof value === 'number') {
      result[key] = Math.max(existing, value);
    } else if ((UPPER_BOUNDS as readonly string[]).includes(key) && typeof existing === 'number' && typeof value === 'number') {
      result[key] = Math.min(existing, value);
    } else if (key === 'additionalProperties' && (existing === false || value === false)) {
      result[key] = false;
    } else {
      result[key] = value;
    }
  }
  return result;
}
