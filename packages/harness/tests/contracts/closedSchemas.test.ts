import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { addedResponsePropertyBreaks, clientResponseView, createValidator, listOperations, normalizeOpenApiSchemas, runProperty, startContractApp } from '../../src/contracts/index.js';

describe('clientResponseView', () => {
  const root = {
    components: {
      schemas: {
        Card: { type: 'object', properties: { id: { type: 'string' } }, additionalProperties: false },
      },
    },
  };
  const answer = {
    type: 'object',
    properties: {
      cards: { type: 'array', items: { $ref: '#/components/schemas/Card' } },
      // A property named like the keyword: a name, not a keyword, so `false` stays (the property must be absent).
      additionalProperties: false,
      mode: { const: { additionalProperties: false } },
    },
    unevaluatedProperties: false,
  } as const;

  it('strict: the schema and document as written', () => {
    const view = clientResponseView(answer, root, 'strict');
    expect(view.schema).toBe(answer);
    expect(view.root).toBe(root);
  });

  it('tolerant: every closing keyword taken out, in the schema and in the schemas it references, and nothing else', () => {
    const view = clientResponseView(answer, root, 'tolerant');
    expect(view.schema).toEqual({
      type: 'object',
      properties: { cards: { type: 'array', items: { $ref: '#/components/schemas/Card' } }, additionalProperties: false, mode: { const: { additionalProperties: false } } },
    });
    expect(view.root).toEqual({ components: { schemas: { Card: { type: 'object', properties: { id: { type: 'string' } } } } } });
    // The inputs are left as they were, and the same view comes back for the same inputs (compiled validators are reused).
    expect(answer.unevaluatedProperties).toBe(false);
    expect(root.components.schemas.Card.additionalProperties).toBe(false);
    expect(clientResponseView(answer, root, 'tolerant').schema).toBe(view.schema);
  });

  it('tolerant: an answer with unknown properties passes, one that breaks a declared property does not', () => {
    const view = clientResponseView(answer, root, 'tolerant');
    const validate = createValidator(view.schema, view.root);
    expect(validate({ cards: [{ id: 'a', artwork: 'x.png' }], rankedBy: 'model', mode: { additionalProperties: false } })).toBe(true);
    expect(validate({ cards: [{ id: 1 }] })).toBe(false);
    expect(validate({ additionalProperties: 'present' })).toBe(false);
    expect(validate({ mode: { other: true } })).toBe(false);
    expect(createValidator(answer, root)({ cards: [{ id: 'a', artwork: 'x.png' }] })).toBe(false);
  });

  it('addedResponsePropertyBreaks: only a closed schema under strict', () => {
    const closed = { type: 'object', properties: {}, additionalProperties: false };
    expect(addedResponsePropertyBreaks(closed, 'strict')).toBe(true);
    expect(addedResponsePropertyBreaks({ ...closed, additionalProperties: undefined, unevaluatedProperties: false }, 'strict')).toBe(true);
    expect(addedResponsePropertyBreaks(closed, 'tolerant')).toBe(false);
    expect(addedResponsePropertyBreaks({ type: 'object', properties: {} }, 'strict')).toBe(false);
    expect(addedResponsePropertyBreaks({ type: 'object', additionalProperties: { type: 'string' } }, 'strict')).toBe(false);
  });
});

const Track = { type: 'object', required: ['id'], properties: { id: { type: 'string' } }, additionalProperties: false } as const;
const TrackWithTitle = { ...Track, properties: { ...Track.properties, title: { type: 'string' } } } as const;

type Version = 'base' | 'adds-title' | 'drops-id' | 'undeclared-title';

/** A tracks API whose answer schema is closed; the head versions add an optional property or stop sending a required one. */
function buildTracks(version: Version) {
  const app = Fastify({ logger: false });
  void app.register(async (instance) => {
    const params = { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 8 } } };
    const response = version === 'adds-title' ? TrackWithTitle : version === 'drops-id' ? { ...Track, required: [], properties: {} } : Track;
    instance.get('/tracks/:id', { schema: { params, response: { 200: response } } }, async (request) => {
      const { id } = request.params as { id: string };
      if (version === 'adds-title' || version === 'undeclared-title') return { id, title: `track ${id}` };
      if (version === 'drops-id') return {};
      return { id };
    });
  });
  return app;
}

const handles: Array<{ app: { close(): PromiseLike<unknown> } }> = [];
afterAll(async () => {
  for (const handle of handles) await handle.app.close();
});

async function tracks(version: Version) {
  const handle = await startContractApp(() => buildTracks(version));
  handles.push(handle);
  const document = normalizeOpenApiSchemas(handle.extraction.document);
  const [get] = listOperations(document);
  if (get === undefined) throw new Error('no operation');
  return { handle, document, get };
}

describe('old-client replay follows the closed-schema policy', () => {
  it('a property the head added to a closed answer passes replay when tolerant (the default), fails it when strict', async () => {
    const base = await tracks('base');
    const head = await tracks('adds-title');
    expect((await runProperty(head.handle.app, 'replay', base.get, base.document, { numRuns: 10 })).failure).toBeUndefined();
    expect((await runProperty(head.handle.app, 'replay', base.get, base.document, { numRuns: 10, closedSchemas: 'tolerant' })).failure).toBeUndefined();
    const strict = await runProperty(head.handle.app, 'replay', base.get, base.document, { numRuns: 10, closedSchemas: 'strict' });
    expect(strict.failure?.kind).toBe('response-schema-mismatch');
    expect(strict.failure?.message).toContain('(root) must NOT have additional properties (title) (contracts.closedSchemas is strict: clients refuse properties their schema does not list)');
  });

  it('a required property the head stops sending fails replay under both policies', async () => {
    const base = await tracks('base');
    const head = await tracks('drops-id');
    for (const closedSchemas of ['tolerant', 'strict'] as const) {
      const outcome = await runProperty(head.handle.app, 'replay', base.get, base.document, { numRuns: 10, closedSchemas });
      expect(outcome.failure?.message, closedSchemas).toContain("must have required property 'id'");
      expect(outcome.failure?.message, closedSchemas).not.toContain('closedSchemas');
    }
  });

  it('the valid-request property judges the head by its own schema as written, whatever the policy', async () => {
    const head = await tracks('undeclared-title');
    const outcome = await runProperty(head.handle.app, 'valid', head.get, head.document, { numRuns: 10, closedSchemas: 'tolerant', payloads: head.handle.payloads });
    expect(outcome.failure?.kind).toBe('response-schema-mismatch');
    expect(outcome.failure?.message).toContain('/title');
  });
});
