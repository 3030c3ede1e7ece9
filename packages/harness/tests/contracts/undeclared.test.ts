import Fastify from 'fastify';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { jsonForm, listOperations, normalizeOpenApiSchemas, runProperty, startContractApp, undeclaredProperties, type Operation } from '../../src/contracts/index.js';

const Card = {
  type: 'object',
  required: ['id', 'title'],
  additionalProperties: false,
  properties: { id: { type: 'string' }, title: { type: 'string' } },
} as const;

const Page = {
  type: 'object',
  required: ['cards'],
  additionalProperties: false,
  properties: { cards: { type: 'array', items: Card }, labels: { type: 'object', additionalProperties: true }, scores: { type: 'object', patternProperties: { '^s_': { type: 'number' } } } },
} as const;

type Defect = 'none' | 'top-level-field' | 'nested-field' | 'admitted-fields' | 'string-payload' | 'default-error-handler';

/** A cards API with fastify's default serializer (fast-json-stringify), which drops undeclared properties. */
function buildCards(defect: Defect) {
  const app = Fastify({ logger: false });
  void app.register(async (instance) => {
    instance.get(
      '/cards/:id',
      { schema: { params: { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 6 } } }, response: { 200: Page, 404: { type: 'object', properties: { message: { type: 'string' } } } } } },
      async (request, reply) => {
        const { id } = request.params as { id: string };
        const cards = [
          { id, title: `card ${id}` },
          { id: `${id}-2`, title: 'second', ...(defect === 'nested-field' && id.length > 1 ? { internalCost: 3 } : {}) },
        ];
        if (defect === 'top-level-field') return { cards, generatedAt: new Date(0) };
        if (defect === 'admitted-fields') return { cards, labels: { anything: { nested: true } }, scores: { s_model: 0.5 } };
        if (defect === 'string-payload') return reply.code(404).type('application/json').send(JSON.stringify({ message: 'no such card', debug: 'x' }));
        if (defect === 'default-error-handler') throw Object.assign(new Error('gone'), { statusCode: 404, hint: 'dropped by the 404 schema' });
        return { cards };
      },
    );
  });
  return app;
}

const apps: Array<{ close(): PromiseLike<unknown> }> = [];
afterAll(async () => {
  for (const app of apps) await app.close();
});

async function cardsRoute(defect: Defect): Promise<{ handle: Awaited<ReturnType<typeof startContractApp<ReturnType<typeof buildCards>>>>; operation: Operation; document: unknown }> {
  const handle = await startContractApp(() => buildCards(defect));
  apps.push(handle.app);
  const document = normalizeOpenApiSchemas(handle.extraction.document);
  const [operation] = listOperations(document);
  if (operation === undefined) throw new Error('no operation');
  return { handle, operation, document };
}

describe('undeclared response properties, seen before fastify serializes the answer', () => {
  it('a top-level field the schema lacks is a response-schema-mismatch naming its path, although the body never shows it', async () => {
    const { handle, operation, document } = await cardsRoute('top-level-field');
    const outcome = await runProperty(handle.app, 'valid', operation, document, { numRuns: 20, payloads: handle.payloads });
    expect(outcome.failure?.kind).toBe('response-schema-mismatch');
    expect(outcome.failure?.message).toBe(
      "the payload the handler answered with has properties the 200 schema does not declare: /generatedAt (fastify's default serializer drops them silently; another serializer would send them undocumented)",
    );
    expect(outcome.failure?.response?.body).not.toHaveProperty('generatedAt');
    // The first generated request already fails, and shrinking keeps the shortest id.
    expect(decodeURIComponent(outcome.failure?.counterexample?.url.slice('/cards/'.length) ?? '')).toHaveLength(1);
  });

  it('a field in an array item is reported with the item index, for the shrunk request that first shows it', async () => {
    const { handle, operation, document } = await cardsRoute('nested-field');
    const outcome = await runProperty(handle.app, 'valid', operation, document, { numRuns: 30, payloads: handle.payloads });
    expect(outcome.failure?.message).toContain('does not declare: /cards/1/internalCost (');
    expect(decodeURIComponent(outcome.failure?.counterexample?.url.slice('/cards/'.length) ?? '')).toHaveLength(2);
  });

  it('fields additionalProperties: true or a matching patternProperties admits are not reported', async () => {
    const { handle, operation, document } = await cardsRoute('admitted-fields');
    const outcome = await runProperty(handle.app, 'valid', operation, document, { numRuns: 20, payloads: handle.payloads });
    expect(outcome.failure).toBeUndefined();
    expect(outcome.notes).toBeUndefined();
  });

  it('a payload sent as a string skips serialization: its body is what clients get, and is checked', async () => {
    const { handle, operation, document } = await cardsRoute('string-payload');
    const outcome = await runProperty(handle.app, 'valid', operation, document, { numRuns: 10, payloads: handle.payloads });
    expect(outcome.failure?.message).toBe('the body has properties the 404 schema does not declare: /debug');
  });

  it("answers of fastify's default error handler are judged on their body (the handler's own payload is not observable)", async () => {
    const { handle, operation, document } = await cardsRoute('default-error-handler');
    const outcome = await runProperty(handle.app, 'valid', operation, document, { numRuns: 10, payloads: handle.payloads });
    expect(outcome.failure).toBeUndefined();
  });

  it('without a payload capture the run says what it could not see, and replay does not judge undeclared properties', async () => {
    const { handle, operation, document } = await cardsRoute('top-level-field');
    const uncaptured = await runProperty(handle.app, 'valid', operation, document, { numRuns: 5 });
    expect(uncaptured.failure).toBeUndefined();
    expect(uncaptured.notes).toEqual([expect.stringContaining('were not captured')]);
    const replay = await runProperty(handle.app, 'replay', operation, document, { numRuns: 5, payloads: handle.payloads });
    expect(replay.failure).toBeUndefined();
  });
});

describe('undeclaredProperties', () => {
  const root = { components: { schemas: { Card } } };

  it('follows $ref, allOf, the anyOf branch a value matches, and array items', () => {
    const schema = { allOf: [{ $ref: '#/components/schemas/Card' }, { properties: { tags: { type: 'array', items: { anyOf: [{ type: 'string' }, { type: 'object', properties: { name: { type: 'string' } } }] } } } }] };
    expect(undeclaredProperties(schema, root, { id: 'a', title: 't', tags: ['x', { name: 'n', colour: 'red' }], extra: 1 })).toEqual(['/tags/1/colour', '/extra']);
  });

  it('an object whose schema says nothing about properties admits any, a bare type: object admits none', () => {
    expect(undeclaredProperties({ type: 'object', properties: { meta: {} } }, {}, { meta: { free: 1 } })).toEqual([]);
    expect(undeclaredProperties({ type: 'object', properties: { meta: { type: 'object' } } }, {}, { meta: { dropped: 1 } })).toEqual(['/meta/dropped']);
  });

  it('escapes path segments as JSON pointers', () => {
    expect(undeclaredProperties({ type: 'object', properties: {} }, {}, { 'a/b': 1, 'c~d': 2 })).toEqual(['/a~1b', '/c~0d']);
  });

  it('jsonForm is what JSON carries: toJSON applied, undefined and functions left out', () => {
    expect(jsonForm({ at: new Date(0), gone: undefined, call: () => 1, list: [undefined, 1] })).toEqual({ at: '1970-01-01T00:00:00.000Z', list: [null, 1] });
  });

  it('property: any one property added to a valid object under additionalProperties: false is reported, at its path', () => {
    const Item = { type: 'object', additionalProperties: false, properties: { name: { type: 'string' }, parts: { type: 'array', items: { type: 'object', additionalProperties: false, properties: { size: { type: 'integer' } } } } } };
    const item = fc.record({ name: fc.string(), parts: fc.array(fc.record({ size: fc.integer() }), { minLength: 1, maxLength: 4 }) }, { requiredKeys: [] });
    fc.assert(
      fc.property(item, fc.nat(), fc.boolean(), (value, index, nested) => {
        expect(undeclaredProperties(Item, {}, value)).toEqual([]);
        const copy = structuredClone(value);
        const parts = copy.parts;
        if (nested && parts !== undefined && parts.length > 0) {
          const at = index % parts.length;
          (parts[at] as Record<string, unknown>)['unknown'] = 1;
          expect(undeclaredProperties(Item, {}, copy)).toEqual([`/parts/${at}/unknown`]);
        } else {
          (copy as Record<string, unknown>)['unknown'] = 1;
          expect(undeclaredProperties(Item, {}, copy)).toEqual(['/unknown']);
        }
      }),
      { numRuns: 200 },
    );
  });
});
