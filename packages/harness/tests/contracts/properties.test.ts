import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { contractTests } from '../../src/index.js';
import { listOperations, normalizeOpenApiSchemas, runProperty, startContractApp, unrecordedRoutes, recordRoutes, stableJson } from '../../src/contracts/index.js';

const Song = {
  type: 'object',
  required: ['id', 'title'],
  additionalProperties: false,
  properties: { id: { type: 'string', minLength: 1 }, title: { type: 'string' }, plays: { type: 'integer', minimum: 0 } },
} as const;

type Defect = 'none' | 'extra-field' | 'undocumented-status' | 'drops-title';

/** A songs API; `defect` plants one contract violation. Serialized with JSON.stringify, so what the handler returns is what clients get. */
function buildSongs(defect: Defect = 'none') {
  const app = Fastify({ logger: false });
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  void app.register(async (instance) => {
    instance.get('/songs/:id', { schema: { params: { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 8 } } }, response: { 200: Song } } }, async (request, reply) => {
      const { id } = request.params as { id: string };
      if (defect === 'undocumented-status' && id.length > 2) return reply.code(410).send({ gone: true });
      const song = { id, title: `song ${id}`, plays: 1 };
      if (defect === 'extra-field') return { ...song, isrc: 'X' };
      if (defect === 'drops-title') return { id, plays: 1 };
      return song;
    });
    instance.post('/songs', { schema: { body: { type: 'object', required: ['title'], properties: { title: { type: 'string', minLength: 1, maxLength: 30 } } }, response: { 201: Song } } }, async (request, reply) => {
      const { title } = request.body as { title: string };
      return reply.code(201).send({ id: 's1', title });
    });
  });
  return app;
}

const handles: Array<{ app: { close(): PromiseLike<unknown> } }> = [];
afterAll(async () => {
  for (const handle of handles) await handle.app.close();
});

async function songs(defect: Defect) {
  const handle = await startContractApp(() => buildSongs(defect));
  handles.push(handle);
  const document = normalizeOpenApiSchemas(handle.extraction.document);
  const get = listOperations(document).find((operation) => operation.method === 'GET');
  if (get === undefined) throw new Error('no GET operation');
  return { handle, document, get };
}

describe('contract properties through inject', () => {
  it('extracts a canonical OpenAPI 3.1 document from the recorded routes', async () => {
    const { handle } = await songs('none');
    expect(handle.unrecorded).toEqual([]);
    expect(Object.keys(handle.extraction.document['paths'] as object)).toEqual(['/songs', '/songs/{id}']);
    expect(stableJson(handle.extraction.document)).toContain('"openapi": "3.1.0"');
  });

  it('passes an app that keeps its contract', async () => {
    const { handle, get, document } = await songs('none');
    const valid = await runProperty(handle.app, 'valid', get, document, { numRuns: 40 });
    expect(valid.failure).toBeUndefined();
    expect(valid.requests).toBe(40);
    // A GET with only a path parameter has nothing to break without naming another route: no invalid requests.
    const invalid = await runProperty(handle.app, 'invalid', get, document, { numRuns: 40 });
    expect(invalid).toEqual({ property: 'invalid', method: 'GET', path: '/songs/{id}', requests: 0 });
  });

  it('catches a handler that starts returning a field the schema lacks, with the shrunk request, seed and path', async () => {
    const { handle, get, document } = await songs('extra-field');
    const outcome = await runProperty(handle.app, 'valid', get, document, { numRuns: 40, seed: 5 });
    expect(outcome.failure?.kind).toBe('response-schema-mismatch');
    expect(outcome.failure?.message).toContain('must NOT have additional properties');
    expect(outcome.failure?.counterexample?.url).toMatch(/^\/songs\/.+/);
    expect(outcome.failure?.replayPath).toMatch(/^\d+(:\d+)*$/);
    const again = await runProperty(handle.app, 'valid', get, document, { numRuns: 40, seed: 5 });
    expect(again.failure?.counterexample).toEqual(outcome.failure?.counterexample);
  });

  it('catches a status the schema does not document, shrunk to the shortest failing id', async () => {
    const { handle, get, document } = await songs('undocumented-status');
    const outcome = await runProperty(handle.app, 'valid', get, document, { numRuns: 60 });
    expect(outcome.failure?.kind).toBe('undocumented-status');
    expect(outcome.failure?.response?.statusCode).toBe(410);
    expect(decodeURIComponent(outcome.failure?.counterexample?.url.slice('/songs/'.length) ?? '')).toHaveLength(3);
  });

  it('old-client replay: requests from the base contract, answers judged by the base contract', async () => {
    const base = await songs('none');
    const head = await songs('drops-title');
    // The head's own contract still says title is required, but here the head app is judged by the base contract.
    const outcome = await runProperty(head.handle.app, 'replay', base.get, base.document, { numRuns: 20 });
    expect(outcome.failure?.kind).toBe('response-schema-mismatch');
    expect(outcome.failure?.message).toContain("must have required property 'title'");
  });

  it('reports routes registered on the root instance before recording began', async () => {
    const app = Fastify({ logger: false });
    app.get('/early', async () => 'x');
    const recording = recordRoutes(app);
    void app.register(async (instance) => {
      instance.get('/late', async () => 'y');
    });
    await app.ready();
    // The HEAD fastify serves for /early is its twin, not a second unrecorded route.
    expect(unrecordedRoutes(app, recording)).toEqual([{ method: 'GET', url: '/early' }]);
    await app.close();
  });

  it('sends valid requests the route accepts: generated bodies pass fastify validation', async () => {
    const { handle, document } = await songs('none');
    const post = listOperations(document).find((operation) => operation.method === 'POST');
    if (post === undefined) throw new Error('no POST');
    const outcome = await runProperty(handle.app, 'valid', post, document, { numRuns: 30 });
    expect(outcome.failure).toBeUndefined();
    const invalid = await runProperty(handle.app, 'invalid', post, document, { numRuns: 30 });
    expect(invalid.failure).toBeUndefined();
    expect(invalid.requests).toBe(30);
  });
});

contractTests(() => buildSongs('none'), { title: 'contractTests on the songs app', numRuns: 25, replayCommand: 'npx vitest run --project harness tests/contracts/properties.test.ts' });
