import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isMarket } from '../src/domain/markets.js';
import { buildApp } from '../src/server/app.js';
import type { NpvApp } from '../src/server/app.js';
import { closedPortUrl } from './support/modelServer.js';
import { CARDS_URL, validBody } from './support/requests.js';
import type { ErrorResponseJson } from './support/requests.js';
import { errorResponseErrors } from './support/schemaCheck.js';

let app: NpvApp;

beforeAll(async () => {
  // Invalid requests never reach the model; a closed port proves nothing depends on it.
  app = buildApp({ config: { modelUrl: await closedPortUrl(), events: { kind: 'memory' }, logLevel: 'silent' } });
  await app.ready();
});

afterAll(async () => {
  await app.close();
});

async function send(payload: string, contentType: string | undefined, method: 'POST' | 'GET' = 'POST', url = CARDS_URL) {
  const response = await app.inject({
    method,
    url,
    payload,
    headers: contentType === undefined ? {} : { 'content-type': contentType },
  });
  return { status: response.statusCode, body: response.body };
}

function withoutKey(key: string): Record<string, unknown> {
  const body: Record<string, unknown> = { ...validBody() };
  delete body[key];
  return body;
}

function expectCodedError(result: { status: number; body: string }, status: number, code: string): void {
  expect(result.status).toBe(status);
  const json = JSON.parse(result.body) as ErrorResponseJson;
  expect(json.error.code).toBe(code);
  expect(json.error.message.length).toBeGreaterThan(0);
  expect(errorResponseErrors(json)).toEqual([]);
  expect(result.body).not.toMatch(/\bat .*\.(ts|js):\d+/);
}

describe('invalid requests get a coded 4xx error, never a 5xx', () => {
  it.each([
    ['an empty object', {}],
    ['no listenerId', withoutKey('listenerId')],
    ['no trackId', withoutKey('trackId')],
    ['no market', withoutKey('market')],
    ['no platform', withoutKey('platform')],
    ['a numeric listenerId', { ...validBody(), listenerId: 42 }],
    ['an empty listenerId', { ...validBody(), listenerId: '' }],
    ['a listenerId of 129 characters', { ...validBody(), listenerId: 'x'.repeat(129) }],
    ['a null trackId', { ...validBody(), trackId: null }],
    ['limit 0', { ...validBody(), limit: 0 }],
    ['limit 51', { ...validBody(), limit: 51 }],
    ['a fractional limit', { ...validBody(), limit: 2.5 }],
    ['a limit given as a string', { ...validBody(), limit: '5' }],
    ['explicitAllowed given as a string', { ...validBody(), explicitAllowed: 'yes' }],
    ['an unknown platform', { ...validBody(), platform: 'tv' }],
    ['an unknown market', { ...validBody(), market: 'XX' }],
    ['a lowercase market', { ...validBody(), market: 'se' }],
    ['a retired market code', { ...validBody(), market: 'UK' }],
    ['an extra field', { ...validBody(), debug: true }],
    ['a JSON array', [validBody()]],
    ['JSON null', null],
    ['a JSON string', 'hello'],
  ])('400 invalid_request for %s', async (_name, body) => {
    expectCodedError(await send(JSON.stringify(body), 'application/json'), 400, 'invalid_request');
  });

  it('names the request in an x-request-id header, errors included', async () => {
    const response = await app.inject({ method: 'POST', url: CARDS_URL, payload: { ...validBody(), limit: 0 } });

    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it('names the offending field in the message', async () => {
    const result = await send(JSON.stringify({ ...validBody(), limit: 51 }), 'application/json');

    expect(JSON.parse(result.body)).toEqual({ error: { code: 'invalid_request', message: 'body/limit must be <= 50' } });
  });

  it('names an extra field in the message', async () => {
    const result = await send(JSON.stringify({ ...validBody(), debug: true }), 'application/json');

    expect((JSON.parse(result.body) as ErrorResponseJson).error.message).toBe('body must not have additional properties (debug)');
  });

  it('400 malformed_json for a body that is not JSON', async () => {
    expectCodedError(await send('{"listenerId": "abc",', 'application/json'), 400, 'malformed_json');
  });

  it('400 malformed_json for an empty JSON body', async () => {
    expectCodedError(await send('', 'application/json'), 400, 'malformed_json');
  });

  it('413 body_too_large for a body over 16 KiB', async () => {
    const body = JSON.stringify({ ...validBody(), listenerId: 'x'.repeat(17 * 1024) });
    expectCodedError(await send(body, 'application/json'), 413, 'body_too_large');
  });

  it.each(['text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'])(
    '415 unsupported_media_type for %s',
    async (contentType) => {
      expectCodedError(await send(JSON.stringify(validBody()), contentType), 415, 'unsupported_media_type');
    },
  );

  it('404 track_not_found for a track the catalog lacks', async () => {
    const result = await send(JSON.stringify(validBody({ trackId: 'trk-99999' })), 'application/json');

    expectCodedError(result, 404, 'track_not_found');
    expect((JSON.parse(result.body) as ErrorResponseJson).error.message).toBe('track trk-99999 is not in the catalog');
  });

  it('404 route_not_found for an unknown route and for the wrong method', async () => {
    expectCodedError(await send('', undefined, 'GET', '/v1/npv/nothing'), 404, 'route_not_found');
    expectCodedError(await send('', undefined, 'GET', CARDS_URL), 404, 'route_not_found');
  });
});

const REQUIRED_KEYS = ['listenerId', 'trackId', 'market', 'platform'] as const;
const ALL_KEYS = new Set<string>([...REQUIRED_KEYS, 'limit', 'explicitAllowed']);

const notAString = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.jsonValue(), { maxLength: 3 }), fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 3 }));

/** A mutation of a valid body that is invalid whatever the random values are. */
const invalidBody: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc.constantFrom(...REQUIRED_KEYS).map((key) => withoutKey(key)),
  fc.record({ key: fc.constantFrom(...REQUIRED_KEYS), value: notAString }).map(({ key, value }) => ({ ...validBody(), [key]: value })),
  fc
    .oneof(fc.integer({ max: 0 }), fc.integer({ min: 51 }), fc.double({ noInteger: true }), fc.string(), fc.boolean())
    .map((limit) => ({ ...validBody(), limit })),
  fc.oneof(fc.integer(), fc.string(), fc.constant(null)).map((explicitAllowed) => ({ ...validBody(), explicitAllowed })),
  fc
    .string()
    .filter((market) => !isMarket(market))
    .map((market) => ({ ...validBody(), market })),
  fc
    .tuple(fc.string({ minLength: 1 }).filter((key) => !ALL_KEYS.has(key) && key !== '__proto__'), fc.jsonValue())
    .map(([key, value]) => ({ ...validBody(), [key]: value })),
);

describe('property: no generated bad request gets anything but a 4xx', () => {
  it('random JSON values', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => {
        const { status } = await send(JSON.stringify(value), 'application/json');
        expect(status).toBeGreaterThanOrEqual(400);
        expect(status).toBeLessThan(500);
      }),
      { numRuns: 200 },
    );
  });

  it('mutated valid bodies', async () => {
    await fc.assert(
      fc.asyncProperty(invalidBody, async (body) => {
        const { status, body: text } = await send(JSON.stringify(body), 'application/json');
        expect(status).toBeGreaterThanOrEqual(400);
        expect(status).toBeLessThan(500);
        expect(errorResponseErrors(JSON.parse(text))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('random bytes under random content types', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 200 }),
        fc.constantFrom('application/json', 'text/plain', 'application/octet-stream', 'application/json; charset=utf-8', undefined),
        async (payload, contentType) => {
          const { status } = await send(payload, contentType);
          expect(status).toBeGreaterThanOrEqual(400);
          expect(status).toBeLessThan(500);
        },
      ),
      { numRuns: 200 },
    );
  });
});
