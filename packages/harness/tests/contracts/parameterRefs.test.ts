import { describe, expect, it } from 'vitest';
import { extractOpenApi, type RecordedRoute } from '../../src/contracts/index.js';

const Params = { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } };
const Query = { type: 'object', properties: { limit: { type: 'integer', minimum: 1, default: 20 } } };
const Venue = { type: 'object', required: ['id'], properties: { id: { type: 'string' } } };

function route(schema: Record<string, unknown>): RecordedRoute {
  return { method: 'GET', url: '/venues/:id', schema };
}

describe('parameters of a route whose params or querystring schema is a shared schema', () => {
  it('gives the same contract as the inline schemas, so moving them to addSchema is no change', () => {
    const inline = extractOpenApi([route({ params: Params, querystring: Query, response: { 200: Venue } })]);
    const shared = extractOpenApi([route({ params: { $ref: 'VenueParams#' }, querystring: { $ref: 'Page' }, response: { 200: { $ref: 'Venue#' } } })], {
      sharedSchemas: { VenueParams: { $id: 'VenueParams', ...Params }, Page: { $id: 'Page', ...Query }, Venue: { $id: 'Venue', ...Venue } },
    });
    expect(shared.unresolvedReferences).toEqual([]);
    expect(shared.document).toEqual(inline.document);
    const get = (shared.document['paths'] as Record<string, Record<string, Record<string, unknown>>>)['/venues/{id}']?.['get'];
    expect(get?.['parameters']).toEqual([
      { in: 'path', name: 'id', required: true, schema: { type: 'string', format: 'uuid' } },
      { in: 'query', name: 'limit', required: false, schema: { type: 'integer', minimum: 1, default: 20 } },
    ]);
  });
});
