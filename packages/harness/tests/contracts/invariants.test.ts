import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { contractTests } from '../../src/index.js';
import {
  defineInvariants,
  exampleProblems,
  formatPropertyFailure,
  listOperations,
  normalizeOpenApiSchemas,
  runContractProperties,
  runProperty,
  startContractApp,
  type Invariant,
  type Operation,
} from '../../src/contracts/index.js';

const SEEDS = ['s1', 's2', 's3'];

const MixRequest = {
  type: 'object',
  required: ['seed'],
  additionalProperties: false,
  properties: { seed: { type: 'string', minLength: 1, maxLength: 8 }, size: { type: 'integer', minimum: 1, maximum: 10 } },
} as const;

const Mix = {
  type: 'object',
  required: ['tracks'],
  additionalProperties: false,
  properties: { tracks: { type: 'array', items: { type: 'string' } } },
} as const;

interface MixOptions {
  /** `duplicates`: a mix of more than three tracks repeats one. `failing`: answers 500 (for scenarios). */
  defect?: 'duplicates' | 'failing';
  /** Every answered mix is logged here. */
  log?: string[][];
}

/** A mix API: 404 for a seed it does not know, else `size` tracks (default 5). */
function buildMixes(options: MixOptions = {}) {
  const app = Fastify({ logger: false });
  void app.register(async (instance) => {
    instance.post('/mixes', { schema: { body: MixRequest, response: { 200: Mix, 404: { type: 'object', properties: { message: { type: 'string' } } } } } }, async (request, reply) => {
      const { seed, size = 5 } = request.body as { seed: string; size?: number };
      if (!SEEDS.includes(seed)) return reply.code(404).send({ message: 'unknown seed' });
      if (options.defect === 'failing') throw new Error('the mixer is down');
      const tracks = Array.from({ length: size }, (_, index) => `${seed}-t${options.defect === 'duplicates' && index === 3 ? 0 : index}`);
      options.log?.push(tracks);
      return { tracks };
    });
  });
  return app;
}

const apps: Array<{ close(): PromiseLike<unknown> }> = [];
afterAll(async () => {
  for (const app of apps) await app.close();
});

async function mixes(options: MixOptions = {}) {
  const handle = await startContractApp(() => buildMixes(options));
  apps.push(handle.app);
  const document = normalizeOpenApiSchemas(handle.extraction.document);
  const [operation] = listOperations(document);
  if (operation === undefined) throw new Error('no operation');
  return { handle, document, operation: operation as Operation };
}

const tracksOf = (body: unknown): string[] => (body as { tracks: string[] }).tracks;

const noTrackTwice: Invariant = ({ response }) => {
  if (response.statusCode !== 200) return undefined;
  const tracks = tracksOf(response.body);
  const repeated = tracks.find((track, index) => tracks.indexOf(track) !== index);
  return repeated === undefined ? undefined : `track ${repeated} appears twice`;
};

const examples = { body: { seed: SEEDS } };

describe('invariants checked on every answer to a generated valid request', () => {
  it('without examples generated seeds are unknown, so no answer reaches the code behind the lookup', async () => {
    const { handle, document, operation } = await mixes({ defect: 'duplicates' });
    let answered = 0;
    const counting: Invariant = ({ response }) => {
      if (response.statusCode === 200) answered += 1;
      return undefined;
    };
    const outcome = await runProperty(handle.app, 'valid', operation, document, { numRuns: 50, payloads: handle.payloads, invariants: { counting, 'no track twice': noTrackTwice } });
    expect(outcome.failure).toBeUndefined();
    expect(answered).toBe(0);
  });

  it('with examples, a broken invariant is invariant-violated with its name, the shrunk request, seed and path', async () => {
    const { handle, document, operation } = await mixes({ defect: 'duplicates' });
    const outcome = await runProperty(handle.app, 'valid', operation, document, { numRuns: 50, seed: 3, payloads: handle.payloads, examples, invariants: { 'no track twice': noTrackTwice } });
    expect(outcome.failure?.kind).toBe('invariant-violated');
    expect(outcome.failure?.invariant).toBe('no track twice');
    // Shrunk to the smallest failing body: the first example seed and no size (the default five tracks repeat one).
    expect(outcome.failure?.counterexample?.body).toEqual({ seed: 's1' });
    expect(outcome.failure?.message).toBe('invariant "no track twice" broken: track s1-t0 appears twice');
    expect(outcome.failure?.replayPath).toMatch(/^\d+(:\d+)*$/);
    const replayed = await runProperty(handle.app, 'valid', operation, document, { numRuns: 50, seed: 3, replayPath: outcome.failure?.replayPath ?? '', payloads: handle.payloads, examples, invariants: { 'no track twice': noTrackTwice } });
    expect(replayed.failure?.counterexample).toEqual(outcome.failure?.counterexample);
  });

  it('an invariant that throws is broken with the error message; one that holds on a clean app passes', async () => {
    const clean = await mixes();
    const throwing: Invariant = () => {
      throw new Error('expected 3 tracks');
    };
    const outcome = await runProperty(clean.handle.app, 'valid', clean.operation, clean.document, { numRuns: 20, examples, invariants: { 'no track twice': noTrackTwice, 'three tracks': throwing } });
    expect(outcome.failure?.message).toBe('invariant "three tracks" broken: threw: expected 3 tracks');
    const holds = await runProperty(clean.handle.app, 'valid', clean.operation, clean.document, { numRuns: 40, examples, invariants: { 'no track twice': noTrackTwice } });
    expect(holds.failure).toBeUndefined();
  });

  it('an invariant can ask the app again and sees its context: a smaller mix is a prefix of a larger one', async () => {
    const log: string[][] = [];
    const { handle, document, operation } = await mixes({ log });
    const prefix: Invariant<{ log: string[][] }> = async ({ request, response, send, context }) => {
      if (response.statusCode !== 200) return undefined;
      const larger = await send({ ...request, body: { ...(request.body as object), size: 10 } });
      const logged = context.log.length;
      return tracksOf(larger.body).slice(0, tracksOf(response.body).length).join() === tracksOf(response.body).join() && logged > 0 ? undefined : 'not a prefix';
    };
    const outcome = await runProperty(handle.app, 'valid', operation, document, { numRuns: 30, examples, invariants: { prefix }, context: { log } });
    expect(outcome.failure).toBeUndefined();
    // Every 200 was asked a second time by the invariant.
    expect(log.length % 2).toBe(0);
    expect(log.length).toBeGreaterThan(0);
  });

  it('a scenario is named in the failure and its formatted text', async () => {
    const { handle, document } = await mixes({ defect: 'failing' });
    const [outcome] = await runContractProperties(handle.app, document, { numRuns: 20, properties: ['valid'], scenario: 'mixer down', examples: { 'POST /mixes': examples } });
    expect(outcome?.failure?.kind).toBe('server-error');
    expect(outcome?.failure?.scenario).toBe('mixer down');
    expect(formatPropertyFailure(outcome?.failure ?? { kind: 'inject-failed', property: 'valid', method: '', path: '', message: '', seed: 0, runs: 0 }).split('\n')[0]).toBe(
      'POST /mixes (scenario: mixer down), valid requests get a documented answer: a valid request got 500',
    );
  });
});

describe('exampleProblems', () => {
  it('names parts and names the operation lacks, and values their schema refuses', async () => {
    const { document, operation } = await mixes();
    expect(exampleProblems(operation, document, examples)).toEqual([]);
    expect(exampleProblems(operation, document, { body: { seed: ['s1', 'much-too-long-seed'], colour: ['red'] }, query: { page: [1] } })).toEqual([
      'body.seed: the value "much-too-long-seed" does not match its schema ((root) must NOT have more than 8 characters)',
      'body.colour: the request body schema declares no property colour',
      'query.page: the operation has no query parameter page',
    ]);
    expect(exampleProblems(operation, document, { body: { seed: [] } } as never)).toEqual(['body.seed: expected a non-empty array of values']);
    expect(exampleProblems(operation, document, { cookies: {} } as never)).toEqual(['cookies: not a request part (expected one of body, query, path, header)']);
  });
});

const mixLog: string[][] = [];

contractTests((options: MixOptions | undefined) => buildMixes(options), {
  title: 'contractTests with invariants and a scenario',
  numRuns: 20,
  appOptions: {},
  scenarios: { 'with a log': { log: mixLog } },
  invariants: defineInvariants<{ answers: number }, MixOptions>({
    prepare: ({ appOptions }) => ({ appOptions: { ...appOptions, log: appOptions?.log ?? [] }, context: { answers: 0 } }),
    examples: { 'POST /mixes': examples },
    routes: {
      'POST /mixes': {
        'no track twice': noTrackTwice as Invariant<{ answers: number }>,
        counted: ({ context }) => {
          context.answers += 1;
          return undefined;
        },
      },
    },
  }),
  replayCommand: 'npx vitest run --project harness tests/contracts/invariants.test.ts',
  after: () => {
    // The scenario's app was built with its own options: its log saw the answers of its valid-request property.
    expect(mixLog.length).toBeGreaterThan(0);
  },
});
