import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { extractOpenApi, isLibrarySchema, type RecordedRoute, type SchemaConverter } from '../../src/contracts/index.js';

const zodConverter: SchemaConverter = (schema, io) => z.toJSONSchema(schema as z.ZodType, { io, target: 'draft-2020-12' });

const Quote = z.object({ service: z.enum(['economy', 'express']), etaDays: z.number().int().min(0) });
const Query = z.object({ origin: z.string().regex(/^[A-Z]{2}$/), weightGrams: z.coerce.number().int().min(1) });

function route(schema: Record<string, unknown>, method = 'GET', url = '/quotes'): RecordedRoute {
  return { method, url, schema };
}

describe('route schemas written with a schema library', () => {
  it('tells schema-library objects from JSON Schema, including the JSON Schema zod itself produces', () => {
    expect(isLibrarySchema(Quote)).toBe(true);
    expect(isLibrarySchema({ type: 'object', properties: {} })).toBe(false);
    expect(isLibrarySchema(z.toJSONSchema(Quote))).toBe(false);
    expect(isLibrarySchema({ '~standard': { version: 1, vendor: 'valibot', validate: () => ({ value: 1 }) }, type: 'object' })).toBe(true);
    expect(isLibrarySchema(new (class Schema {})())).toBe(true);
    expect(isLibrarySchema([])).toBe(false);
  });

  it('converts request parts as input and responses as output, so parameters and response properties are JSON Schema', () => {
    const { document, unconvertedSchemas } = extractOpenApi([route({ querystring: Query, response: { 200: z.object({ quotes: z.array(Quote), cached: z.boolean().default(false) }) } })], { convertSchema: zodConverter });
    expect(unconvertedSchemas).toEqual([]);
    const get = (document['paths'] as Record<string, Record<string, Record<string, unknown>>>)['/quotes']?.['get'];
    expect(get?.['parameters']).toEqual([
      { in: 'query', name: 'origin', required: true, schema: { type: 'string', pattern: '^[A-Z]{2}$' } },
      { in: 'query', name: 'weightGrams', required: true, schema: { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER } },
    ]);
    const ok = get?.['responses'] as Record<string, { content: Record<string, { schema: Record<string, unknown> }> }>;
    const schema = ok['200']?.content['application/json']?.schema;
    // Output: a defaulted property is always present in what the route answers.
    expect(schema?.['required']).toEqual(['cached', 'quotes']);
    expect((schema?.['properties'] as Record<string, unknown>)['quotes']).toMatchObject({ type: 'array', items: { type: 'object', properties: { etaDays: { type: 'integer', minimum: 0 } } } });
    expect(JSON.stringify(document)).not.toMatch(/"def"|"_zod"|"shape"/);
  });

  it('keeps a recursive schema finite: its self-reference points at a component', () => {
    const Category: z.ZodType = z.object({ name: z.string(), get children() { return z.array(Category); } });
    const { document, unconvertedSchemas, unresolvedReferences } = extractOpenApi([route({ response: { 200: Category } })], { convertSchema: zodConverter });
    expect(unconvertedSchemas).toEqual([]);
    expect(unresolvedReferences).toEqual([]);
    const components = (document['components'] as { schemas: Record<string, { properties: Record<string, unknown> }> }).schemas;
    const [name, component] = Object.entries(components)[0] ?? [];
    expect(component?.properties['children']).toEqual({ type: 'array', items: { $ref: `#/components/schemas/${String(name)}` } });
  });

  it('converts schemas under a response content map', () => {
    const { document } = extractOpenApi([route({ response: { 200: { description: 'the quotes', content: { 'application/json': { schema: Quote } } } } })], { convertSchema: zodConverter });
    expect(JSON.stringify(document)).toContain('"etaDays":{"maximum":9007199254740991,"minimum":0,"type":"integer"}');
  });

  it('reports, never snapshots, a schema it cannot convert: no converter, or one the library cannot represent', () => {
    const noConverter = extractOpenApi([{ ...route({ body: Quote }, 'POST'), source: { file: '/app/routes.ts', line: 4, column: 3 } }]);
    expect(noConverter.unconvertedSchemas).toEqual([
      { method: 'POST', url: '/quotes', part: 'body', reason: 'it is a zod schema, not JSON Schema, and no converter for it was found', source: { file: '/app/routes.ts', line: 4, column: 3 } },
    ]);
    expect(JSON.stringify(noConverter.document)).not.toContain('_zod');
    const dated = extractOpenApi([route({ response: { 200: z.object({ at: z.date() }) } })], { convertSchema: zodConverter });
    expect(dated.unconvertedSchemas).toEqual([{ method: 'GET', url: '/quotes', part: 'response.200', reason: 'a zod schema that could not be converted to JSON Schema: Date cannot be represented in JSON Schema' }]);
  });

  it('leaves JSON Schema routes and a plugin\'s own routes untouched', () => {
    const json = { type: 'object', properties: { id: { type: 'string' } } };
    const plain = extractOpenApi([route({ response: { 200: json } })], { convertSchema: () => { throw new Error('not called'); } });
    expect(plain.unconvertedSchemas).toEqual([]);
    const plugin = extractOpenApi([{ ...route({ response: { 200: Quote } }), source: { file: '/n/node_modules/x/index.js', line: 1, column: 1, package: 'x' } }]);
    expect(plugin.unconvertedSchemas).toEqual([]);
  });
});
