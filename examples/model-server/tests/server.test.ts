import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildModelServer, SERVER_VERSION } from '../src/server.js';
import { ModelServerConfigError } from '../src/config-error.js';
import { inferBody, readShippedModelFile, referenceForward, SAMPLE_ROWS, shippedModel } from './helpers.js';

let app: FastifyInstance;

beforeAll(async () => {
  app = buildModelServer({ models: [shippedModel()], logLevel: 'silent' });
  await app.ready();
});

afterAll(async () => {
  await app.close();
});

describe('server and health endpoints', () => {
  it('GET /v2 describes the server', async () => {
    const response = await app.inject({ method: 'GET', url: '/v2' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ name: 'npvguard-model-server', version: SERVER_VERSION, extensions: [] });
    expect(SERVER_VERSION).toBe('0.1.0');
  });

  it('GET /v2/health/live and /v2/health/ready answer true', async () => {
    const live = await app.inject({ method: 'GET', url: '/v2/health/live' });
    const ready = await app.inject({ method: 'GET', url: '/v2/health/ready' });
    expect([live.statusCode, live.json()]).toEqual([200, { live: true }]);
    expect([ready.statusCode, ready.json()]).toEqual([200, { ready: true }]);
  });

  it('answers an unknown route with 404 and the protocol error shape', async () => {
    const response = await app.inject({ method: 'GET', url: '/v2/nothing' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error: 'no route GET /v2/nothing' });
  });
});

describe('model metadata', () => {
  const expected = {
    name: 'npv-ranker',
    versions: ['1'],
    platform: 'npvguard-mlp',
    inputs: [{ name: 'features', datatype: 'FP32', shape: [-1, 12], parameters: { feature_names: readShippedModelFile().inputs[0]!.parameters!.feature_names } }],
    outputs: [{ name: 'scores', datatype: 'FP32', shape: [-1] }],
  };

  it.each(['/v2/models/npv-ranker', '/v2/models/npv-ranker/versions/1'])('GET %s returns the contract metadata', async (url) => {
    const response = await app.inject({ method: 'GET', url });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual(expected);
  });

  it.each(['/v2/models/npv-ranker/ready', '/v2/models/npv-ranker/versions/1/ready'])('GET %s reports the model ready', async (url) => {
    const response = await app.inject({ method: 'GET', url });
    expect([response.statusCode, response.json()]).toEqual([200, { name: 'npv-ranker', ready: true }]);
  });

  it.each([
    ['/v2/models/other', 'unknown model "other"'],
    ['/v2/models/other/versions/1', 'unknown model "other"'],
    ['/v2/models/npv-ranker/versions/2', 'unknown version "2" of model "npv-ranker"; available: 1'],
    ['/v2/models/npv-ranker/versions/2/ready', 'unknown version "2" of model "npv-ranker"; available: 1'],
  ])('GET %s is 404', async (url, error) => {
    const response = await app.inject({ method: 'GET', url });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error });
  });
});

describe('inference', () => {
  it.each(['/v2/models/npv-ranker/infer', '/v2/models/npv-ranker/versions/1/infer'])('POST %s scores every row by the model', async (url) => {
    const response = await app.inject({ method: 'POST', url, payload: inferBody(SAMPLE_ROWS, 'req-7') });
    expect(response.statusCode).toBe(200);
    const body = response.json<{ outputs: Array<{ data: number[] }> }>();
    expect(body).toEqual({
      model_name: 'npv-ranker',
      model_version: '1',
      id: 'req-7',
      outputs: [{ name: 'scores', shape: [3], datatype: 'FP32', data: expect.any(Array) }],
    });
    const file = readShippedModelFile();
    body.outputs[0]!.data.forEach((score, index) => {
      expect(score).toBeCloseTo(referenceForward(file, SAMPLE_ROWS[index]!), 6);
      expect(score).toBeGreaterThan(0);
      expect(score).toBeLessThan(1);
    });
  });

  it('leaves out id when the request has none, and accepts a request without outputs', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/v2/models/npv-ranker/infer',
      payload: { inputs: [{ name: 'features', shape: [1, 12], datatype: 'FP32', data: SAMPLE_ROWS[0] }] },
    });
    expect(response.statusCode).toBe(200);
    expect(Object.keys(response.json())).toEqual(['model_name', 'model_version', 'outputs']);
  });

  it('answers an empty batch with an empty score list', async () => {
    const response = await app.inject({ method: 'POST', url: '/v2/models/npv-ranker/infer', payload: inferBody([]) });
    expect(response.statusCode).toBe(200);
    expect(response.json<{ outputs: unknown[] }>().outputs).toEqual([{ name: 'scores', shape: [0], datatype: 'FP32', data: [] }]);
  });

  it('scores a full batch of 1000 rows and gives the same answer every time', async () => {
    const rows = Array.from({ length: 1000 }, (_, row) => SAMPLE_ROWS[row % 3]!.map((value, column) => (value + row * 0.001 * (column + 1)) % 1));
    const first = await app.inject({ method: 'POST', url: '/v2/models/npv-ranker/infer', payload: inferBody(rows) });
    const second = await app.inject({ method: 'POST', url: '/v2/models/npv-ranker/infer', payload: inferBody(rows) });
    expect(first.statusCode).toBe(200);
    expect(first.json<{ outputs: Array<{ shape: number[] }> }>().outputs[0]!.shape).toEqual([1000]);
    expect(second.body).toBe(first.body);
  });

  it('is 404 for an unknown model or version', async () => {
    const model = await app.inject({ method: 'POST', url: '/v2/models/other/infer', payload: inferBody(SAMPLE_ROWS) });
    const version = await app.inject({ method: 'POST', url: '/v2/models/npv-ranker/versions/9/infer', payload: inferBody(SAMPLE_ROWS) });
    expect([model.statusCode, model.json()]).toEqual([404, { error: 'unknown model "other"' }]);
    expect([version.statusCode, version.json()]).toEqual([404, { error: 'unknown version "9" of model "npv-ranker"; available: 1' }]);
  });
});

describe('buildModelServer options', () => {
  it('refuses an empty model list', () => {
    expect(() => buildModelServer({ models: [] })).toThrow(new ModelServerConfigError('at least one model is needed'));
  });

  it('refuses an unknown log level', () => {
    expect(() => buildModelServer({ models: [shippedModel()], logLevel: 'loud' })).toThrow(
      new ModelServerConfigError('log level must be one of fatal, error, warn, info, debug, trace, silent, got "loud"'),
    );
  });

  it('refuses an out-of-range fault option', () => {
    expect(() => buildModelServer({ models: [shippedModel()], faults: { errorRate: 1.5 } })).toThrow(
      new ModelServerConfigError('errorRate must be a number from 0 to 1, got 1.5'),
    );
  });
});
