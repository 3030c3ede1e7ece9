import { isRecord } from './jsonSchema.js';

/**
 * Rewrites OpenAPI 3.0 schema dialect into JSON Schema 2020-12, everywhere in a document: `nullable: true`
 * becomes a `null` type (and a `null` enum member), boolean `exclusiveMinimum`/`exclusiveMaximum` become
 * numeric bounds. Both keys mean nothing elsewhere in an OpenAPI document, so the rewrite is safe on the
 * whole tree. Returns a new value; the input is not changed.
 */
export function normalizeOpenApiSchemas(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalizeOpenApiSchemas);
  if (!isRecord(value)) return value;
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) result[key] = normalizeOpenApiSchemas(item);
  if (result['nullable'] === true) {
    delete result['nullable'];
    const type = result['type'];
    if (typeof type === 'string') result['type'] = [type, 'null'];
    else if (Array.isArray(type) && !type.includes('null')) result['type'] = [...type, 'null'];
    const members = result['enum'];
    if (Array.isArray(members) && !members.includes(null)) result['enum'] = [...members, null];
    if (type === undefined && result['$ref'] === undefined && members === undefined) {
      // Without a type, `nullable` only matters next to a composition: wrap it so null is one more branch.
      const { allOf, anyOf, oneOf } = result;
      if (allOf !== undefined || anyOf !== undefined || oneOf !== undefined) {
        const inner = { ...result };
        for (const key of Object.keys(result)) delete result[key];
        result['anyOf'] = [inner, { type: 'null' }];
      }
    }
  } else if (result['nullable'] === false) {
    delete result['nullable'];
  }
  for (const [flag, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (result[flag] === true && typeof result[bound] === 'number') {
      result[flag] = result[bound];
      delete result[bound];
    } else if (typeof result[flag] === 'boolean') {
      // false, or true with no bound beside it: 3.0 gives the flag no meaning then.
      delete result[flag];
    }
  }
  return result;
}
