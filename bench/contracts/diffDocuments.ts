/**
 * The documents `contracts diff` is timed on: a small pair (a fixture and a copy with one breaking change), a
 * generated pair of 200 operations (JSON, and the same as YAML), and the fixture whose schemas live in other files.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';

const FIXTURES = path.resolve(import.meta.dirname, '..', '..', 'packages', 'cli', 'tests', 'contracts', 'fixtures');

export interface DocumentPair {
  name: string;
  old: string;
  new: string;
}

type Json = Record<string, unknown>;

/** 100 paths × GET and POST over 20 component schemas; `changed` tightens a limit, adds a property and a path. */
export function largeDocument(changed: boolean): Json {
  const schemas: Json = {
    Person: { type: 'object', required: ['name'], properties: { name: { type: 'string', maxLength: 80 }, email: { type: 'string', format: 'email' } } },
    Problem: { type: 'object', required: ['title'], properties: { title: { type: 'string' }, status: { type: 'integer', minimum: 100, maximum: 599 } } },
  };
  for (let index = 0; index < 20; index += 1) {
    schemas[`Item${index}`] = {
      type: 'object',
      required: ['id', 'name', 'status'],
      properties: {
        id: { type: 'string', pattern: '^[a-z0-9-]+$' },
        name: { type: 'string', maxLength: 120 },
        price: { type: 'number', minimum: 0 },
        status: { type: 'string', enum: ['draft', 'live', 'retired'] },
        tags: { type: 'array', maxItems: 10, items: { type: 'string' } },
        owner: { $ref: '#/components/schemas/Person' },
        ...(changed && index === 5 ? { rating: { type: 'number', minimum: 0, maximum: 5 } } : {}),
      },
    };
  }
  const paths: Json = {};
  for (let index = 0; index < 100; index += 1) {
    const item = { $ref: `#/components/schemas/Item${index % 20}` };
    const limit = { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: changed && index === 0 ? 40 : 50 } };
    paths[`/r${index}/items`] = {
      get: {
        parameters: [limit, { name: 'cursor', in: 'query', schema: { type: 'string' } }],
        responses: {
          '200': { description: 'a page', content: { 'application/json': { schema: { type: 'array', items: item } } } },
          '404': { description: 'none', content: { 'application/json': { schema: { $ref: '#/components/schemas/Problem' } } } },
        },
      },
    };
    paths[`/r${index}/items/{id}`] = {
      post: {
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        requestBody: { required: true, content: { 'application/json': { schema: item } } },
        responses: { '201': { description: 'stored', content: { 'application/json': { schema: item } } } },
      },
    };
  }
  if (changed) paths['/extra'] = { get: { responses: { '204': { description: 'nothing' } } } };
  return { openapi: '3.1.0', info: { title: 'large', version: changed ? '2' : '1' }, paths, components: { schemas } };
}

/** Writes every pair under `folder` and returns them. */
export function writeDocumentPairs(folder: string): DocumentPair[] {
  mkdirSync(folder, { recursive: true });
  const small = JSON.parse(readFileSync(path.join(FIXTURES, 'specs', 'catalog-3.1.json'), 'utf8')) as { components: { schemas: { Price: { properties: { currency: { enum: string[] } } } } } };
  writeFileSync(path.join(folder, 'small-old.json'), JSON.stringify(small, null, 2));
  small.components.schemas.Price.properties.currency.enum = ['EUR', 'USD'];
  writeFileSync(path.join(folder, 'small-new.json'), JSON.stringify(small, null, 2));
  for (const changed of [false, true]) {
    const document = largeDocument(changed);
    const side = changed ? 'new' : 'old';
    writeFileSync(path.join(folder, `large-${side}.json`), JSON.stringify(document, null, 2));
    writeFileSync(path.join(folder, `large-${side}.yaml`), stringify(document, { aliasDuplicateObjects: false }));
  }
  cpSync(path.join(FIXTURES, 'external'), path.join(folder, 'external-old'), { recursive: true });
  cpSync(path.join(FIXTURES, 'external'), path.join(folder, 'external-new'), { recursive: true });
  const pet = path.join(folder, 'external-new', 'schemas', 'pet.yaml');
  writeFileSync(pet, readFileSync(pet, 'utf8').replace('maxLength: 64', 'maxLength: 32'));
  return [
    { name: 'small (catalog, 8 operations, JSON)', old: 'small-old.json', new: 'small-new.json' },
    { name: 'external $refs (6 files, YAML+JSON)', old: 'external-old/api.yaml', new: 'external-new/api.yaml' },
    { name: 'large (200 operations, JSON)', old: 'large-old.json', new: 'large-new.json' },
    { name: 'large (200 operations, YAML)', old: 'large-old.yaml', new: 'large-new.yaml' },
  ];
}
