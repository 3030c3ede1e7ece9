import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEATURE_NAMES, toTensorData } from '../src/clients/model/featureSpec.js';
import { OipClient } from '../src/clients/model/oipClient.js';
import { readScores } from '../src/clients/model/readScores.js';
import { ScoringError } from '../src/core/errors.js';
import type { ModelFeatureRow } from '../src/core/records.js';
import { startModelServer } from './support/modelServer.js';
import type { RunningModelServer } from './support/modelServer.js';

const ROW: ModelFeatureRow = {
  popularity: 0.1,
  artistAffinity: 0.2,
  coListenStrength: 0.3,
  sameArtistAsSeed: true,
  kind: 'episode',
  recency: 0.4,
  historyOverlap: 0.5,
  preScore: 0.6,
};

function scoresBody(data: unknown[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ model_name: 'npv-ranker', model_version: '1', outputs: [{ name: 'scores', datatype: 'FP32', shape: [data.length], data, ...extra }] });
}

describe('feature spec', () => {
  it('lays a row out in contract order with one-hot kinds', () => {
    expect(FEATURE_NAMES).toEqual([
      'popularity', 'artist_affinity', 'co_listen_strength', 'same_artist_as_seed',
      'kind_track', 'kind_artist', 'kind_episode', 'kind_playlist', 'kind_concert',
      'recency', 'history_overlap', 'pre_score',
    ]);
    expect(toTensorData([ROW, { ...ROW, kind: 'track', sameArtistAsSeed: false }])).toEqual([
      0.1, 0.2, 0.3, 1, 0, 0, 1, 0, 0, 0.4, 0.5, 0.6,
      0.1, 0.2, 0.3, 0, 1, 0, 0, 0, 0, 0.4, 0.5, 0.6,
    ]);
  });
});

describe('readScores', () => {
  it('reads the output named scores wherever it is in the list', () => {
    const text = JSON.stringify({
      outputs: [
        { name: 'logits', datatype: 'FP32', shape: [2], data: [5, 6] },
        { name: 'scores', datatype: 'FP32', shape: [2], data: [0.25, 0.75] },
      ],
    });
    expect(readScores(text, 2)).toEqual([0.25, 0.75]);
  });

  it.each<[string, string, number, string]>([
    ['not JSON', '<html>', 1, 'model response is not JSON'],
    ['no outputs', '{}', 1, 'model response has no outputs list'],
    ['outputs by another name', JSON.stringify({ outputs: [{ name: 'probabilities', datatype: 'FP32', shape: [1], data: [0.5] }] }), 1, 'model response has no output named scores'],
    ['too few scores', scoresBody([0.5]), 2, 'model response output scores has shape [1], expected [2]'],
    ['a shape that disagrees with the data', scoresBody([0.5], { shape: [2] }), 2, 'model response output scores has 1 values for 2 rows'],
    ['a score above 1', scoresBody([1.5]), 1, 'model response output scores holds 1.5, not a score in 0..1'],
    ['a null score', scoresBody([null]), 1, 'model response output scores holds null, not a score in 0..1'],
    ['another datatype', scoresBody([0.5], { datatype: 'FP64' }), 1, 'model response output scores has datatype "FP64", expected FP32'],
  ])('rejects %s as a model error', (_name, text, rows, message) => {
    expect(() => readScores(text, rows)).toThrow(new ScoringError('model_error', message));
  });

  it('returns exactly one score per row or fails, for any data length', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 20 }), fc.integer({ min: 0, max: 20 }), (data, rows) => {
        if (data.length === rows) {
          expect(readScores(scoresBody(data), rows)).toEqual(data);
        } else {
          expect(() => readScores(scoresBody(data), rows)).toThrow(ScoringError);
        }
      }),
    );
  });
});

describe('OipClient', () => {
  let recorder: FastifyInstance;
  let recorderUrl: string;
  let model: RunningModelServer;
  const bodies: unknown[] = [];

  beforeAll(async () => {
    // A recording endpoint, to see exactly what the client puts on the wire.
    recorder = Fastify();
    recorder.post('/prefix/v2/models/npv-ranker/versions/1/infer', async (request) => {
      bodies.push(request.body);
      const rows = (request.body as { inputs: { shape: number[] }[] }).inputs[0]?.shape[0] ?? 0;
      return { model_name: 'npv-ranker', model_version: '1', outputs: [{ name: 'scores', datatype: 'FP32', shape: [rows], data: Array(rows).fill(0.5) }] };
    });
    recorderUrl = `${await recorder.listen({ host: '127.0.0.1', port: 0 })}/prefix`;
    model = await startModelServer();
  });

  afterAll(async () => {
    await recorder.close();
    await model.close();
  });

  it('sends one OIP v2 request: named input, FP32, shape [n, 12], row-major data, scores requested by name', async () => {
    const client = new OipClient({ baseUrl: recorderUrl });
    const scores = await client.infer([ROW, ROW, ROW], AbortSignal.timeout(2_000));
    await client.close();

    expect(scores).toEqual([0.5, 0.5, 0.5]);
    expect(bodies).toEqual([
      {
        inputs: [{ name: 'features', shape: [3, 12], datatype: 'FP32', data: toTensorData([ROW, ROW, ROW]) }],
        outputs: [{ name: 'scores' }],
      },
    ]);
  });

  it('scores against the real model server, one score in 0..1 per row', async () => {
    const client = new OipClient({ baseUrl: model.url });
    const rows = Array.from({ length: 25 }, (_, index) => ({ ...ROW, popularity: index / 25 }));
    const scores = await client.infer(rows, AbortSignal.timeout(2_000));
    await client.close();

    expect(scores).toHaveLength(25);
    expect(scores.every((score) => score >= 0 && score <= 1)).toBe(true);
  });

  it('refuses to send a row with a non-finite feature', async () => {
    const client = new OipClient({ baseUrl: recorderUrl });
    const before = bodies.length;
    await expect(client.infer([{ ...ROW, preScore: Number.NaN }], AbortSignal.timeout(2_000))).rejects.toMatchObject({ reason: 'model_error' });
    await client.close();

    expect(bodies.length).toBe(before);
  });

  it('reports an aborted call as model_timeout', async () => {
    const slow = await startModelServer({ latencyMs: 500 });
    const client = new OipClient({ baseUrl: slow.url });
    await expect(client.infer([ROW], AbortSignal.timeout(30))).rejects.toMatchObject({ reason: 'model_timeout' });
    await client.close();
    await slow.close();
  });

  it('reports 503 as model_unavailable and other 5xx as model_error', async () => {
    const unavailable = await startModelServer({ errorRate: 1, errorStatus: 503 });
    const broken = await startModelServer({ errorRate: 1, errorStatus: 502 });
    const first = new OipClient({ baseUrl: unavailable.url });
    const second = new OipClient({ baseUrl: broken.url });

    await expect(first.infer([ROW], AbortSignal.timeout(2_000))).rejects.toMatchObject({ reason: 'model_unavailable' });
    await expect(second.infer([ROW], AbortSignal.timeout(2_000))).rejects.toMatchObject({ reason: 'model_error' });
    await Promise.all([first.close(), second.close(), unavailable.close(), broken.close()]);
  });
});
