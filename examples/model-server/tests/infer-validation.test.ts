import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModelServer } from '../src/server.js';
import { inferBody, SAMPLE_ROWS, shippedModel } from './helpers.js';

let app: FastifyInstance;

beforeAll(async () => {
  app = buildModelServer({ models: [shippedModel()], logLevel: 'silent' });
  await app.ready();
});

afterAll(async () => {
  await app.close();
});

const URL_PATH = '/v2/models/npv-ranker/infer';

async function postRaw(payload: string, contentType = 'application/json') {
  return app.inject({ method: 'POST', url: URL_PATH, payload, headers: { 'content-type': contentType } });
}

function validBody(): { id: string; inputs: Array<Record<string, unknown>>; outputs: Array<Record<string, unknown>> } {
  return inferBody(SAMPLE_ROWS, 'r1') as ReturnType<typeof validBody>;
}

function withInput(change: (input: Record<string, unknown>) => void): unknown {
  const body = validBody();
  change(body.inputs[0]!);
  return body;
}

describe('invalid infer bodies are 400 with the reason', () => {
  const cases: Array<[string, unknown, string]> = [
    ['wrong input name', withInput((input) => { input.name = 'feature'; }), 'inputs[0]: unknown input name "feature"; the model takes "features"'],
    ['shape with 11 columns', withInput((input) => { input.shape = [3, 11]; }), 'input "features": shape must be [rows, 12], got [3,11]'],
    ['shape of rank 1', withInput((input) => { input.shape = [36]; }), 'input "features": shape must be [rows, 12], got [36]'],
    ['negative rows', withInput((input) => { input.shape = [-1, 12]; }), 'input "features": shape must be [rows, 12], got [-1,12]'],
    ['fractional rows', withInput((input) => { input.shape = [1.5, 12]; }), 'input "features": shape must be [rows, 12], got [1.5,12]'],
    ['more than 1000 rows', withInput((input) => { input.shape = [1001, 12]; }), 'input "features": at most 1000 rows per request, got 1001'],
    ['datatype INT64', withInput((input) => { input.datatype = 'INT64'; }), 'input "features": datatype must be "FP32", got "INT64"'],
    ['missing datatype', withInput((input) => { delete input.datatype; }), 'input "features": datatype must be "FP32", got undefined'],
    ['data one value short', withInput((input) => { (input.data as number[]).pop(); }), 'input "features": "data" has 35 values, shape needs 36'],
    ['shape bigger than data', withInput((input) => { input.shape = [4, 12]; }), 'input "features": "data" has 36 values, shape needs 48'],
    ['nested data', withInput((input) => { input.data = SAMPLE_ROWS; }), 'input "features": "data" has 3 values, shape needs 36'],
    ['a string in data', withInput((input) => { (input.data as unknown[])[5] = '0.5'; }), 'input "features": data[5] must be a finite number, got "0.5"'],
    ['a null in data', withInput((input) => { (input.data as unknown[])[0] = null; }), 'input "features": data[0] must be a finite number, got null'],
    ['a value beyond FP32', withInput((input) => { (input.data as unknown[])[2] = 1e39; }), 'input "features": data[2] is out of the FP32 range'],
    ['missing inputs', { id: 'x' }, 'request: "inputs" must be an array'],
    ['empty inputs', { inputs: [] }, 'request: expected exactly 1 input tensor ("features"), got 0'],
    ['two inputs', { inputs: [validBody().inputs[0], validBody().inputs[0]] }, 'request: expected exactly 1 input tensor ("features"), got 2'],
    ['extra junk at the top', { ...validBody(), junk: true }, 'request: unknown field "junk"'],
    ['extra junk in the input', withInput((input) => { input.scale = 2; }), 'inputs[0]: unknown field "scale"'],
    ['an unknown output', { ...validBody(), outputs: [{ name: 'probabilities' }] }, 'outputs[0]: unknown output name "probabilities"; the model produces "scores"'],
    ['outputs not an array', { ...validBody(), outputs: { name: 'scores' } }, 'request: "outputs" must be an array'],
    ['a numeric id', { ...validBody(), id: 7 }, 'request: "id" must be a string'],
    ['a body that is an array', [validBody()], 'request body must be a JSON object'],
    ['a body that is a string', 'features', 'request body must be a JSON object'],
  ];

  it.each(cases)('%s', async (_label, body, error) => {
    const response = await postRaw(JSON.stringify(body));
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ error });
  });

  it('refuses NaN and Infinity, which are not JSON', async () => {
    for (const literal of ['NaN', 'Infinity', '-Infinity']) {
      const payload = JSON.stringify(validBody()).replace('0.9', literal);
      const response = await postRaw(payload);
      expect(response.statusCode).toBe(400);
      expect(response.json<{ error: string }>().error).toMatch(/not valid JSON/);
    }
  });

  it('refuses a body that is not JSON at all', async () => {
    const response = await postRaw('{"inputs": [');
    expect(response.statusCode).toBe(400);
    expect(response.json<{ error: string }>().error).toMatch(/not valid JSON/);
  });

  it('refuses an unsupported content type with 415 and the protocol error shape', async () => {
    const response = await postRaw('features=1', 'application/x-www-form-urlencoded');
    expect(response.statusCode).toBe(415);
    expect(Object.keys(response.json())).toEqual(['error']);
  });

  it('refuses a JSON body sent as text/plain, which arrives as a string', async () => {
    const response = await postRaw(JSON.stringify(validBody()), 'text/plain');
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ error: 'request body must be a JSON object' });
  });
});

/** Mutations that each make a valid body invalid. */
const invalidating = fc.oneof(
  fc.string().filter((name) => name !== 'features').map((name) => withInput((input) => { input.name = name; })),
  fc.string().filter((type) => type !== 'FP32').map((type) => withInput((input) => { input.datatype = type; })),
  fc.array(fc.integer({ min: -5, max: 40 }), { maxLength: 4 })
    .filter((shape) => !(shape.length === 2 && shape[0] === 3 && shape[1] === 12))
    .map((shape) => withInput((input) => { input.shape = shape; })),
  fc.integer({ min: -36, max: 36 }).filter((delta) => delta !== 0).map((delta) =>
    withInput((input) => {
      const data = input.data as number[];
      input.data = delta < 0 ? data.slice(0, data.length + delta) : [...data, ...Array<number>(delta).fill(0.5)];
    }),
  ),
  fc.tuple(fc.nat({ max: 35 }), fc.oneof(fc.string(), fc.constant(null), fc.boolean(), fc.object(), fc.array(fc.double()))).map(([index, value]) =>
    withInput((input) => { (input.data as unknown[])[index] = value; }),
  ),
  fc.constantFrom('inputs', 'id', 'outputs').chain((key) =>
    fc.jsonValue().filter((value) => key === 'id' ? typeof value !== 'string' : !Array.isArray(value)).map((value) => ({ ...validBody(), [key]: value })),
  ),
  fc.string({ minLength: 1 }).filter((key) => !['id', 'inputs', 'outputs', 'parameters'].includes(key)).map((key) => ({ ...validBody(), [key]: 1 })),
);

describe('property: mutated bodies', () => {
  it('every invalidating mutation of a valid body is answered 400 with an error message', async () => {
    await fc.assert(
      fc.asyncProperty(invalidating, async (body) => {
        const response = await postRaw(JSON.stringify(body));
        expect(response.statusCode).toBe(400);
        expect(typeof response.json<{ error: unknown }>().error).toBe('string');
      }),
      { numRuns: 300 },
    );
  });

  it('arbitrary JSON and arbitrary text are answered 4xx, never 5xx', async () => {
    const arbitrary = fc.oneof(fc.jsonValue().map((value) => JSON.stringify(value)), fc.string());
    await fc.assert(
      fc.asyncProperty(arbitrary, async (payload) => {
        const response = await postRaw(payload);
        expect(response.statusCode).toBeGreaterThanOrEqual(400);
        expect(response.statusCode).toBeLessThan(500);
      }),
      { numRuns: 300 },
    );
  });
});
