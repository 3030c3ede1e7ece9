import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { startContractApp } from '../../src/contracts/index.js';

const THIS_FILE = fileURLToPath(import.meta.url);

const Venue = { type: 'object', required: ['id'], properties: { id: { type: 'string' }, seats: { type: 'integer' } } } as const;

/** A plugin the factory awaits: its routes are registered before the factory returns the instance. */
async function venueRoutes(instance: FastifyInstance): Promise<void> {
  instance.get('/venues/:id', { schema: { response: { 200: Venue } } }, async (request) => ({ id: (request.params as { id: string }).id, seats: 3 }));
}

const opened: Array<{ close(): PromiseLike<unknown> }> = [];
afterEach(async () => {
  for (const app of opened.splice(0)) await app.close();
});

describe('async app factories', () => {
  it('records every route of an async function whose plugins were awaited before it returned, with their call sites', async () => {
    async function build() {
      const app = Fastify({ logger: false });
      app.get('/health', { schema: { response: { 200: { type: 'object', properties: { ok: { type: 'boolean' } } } } } }, async () => ({ ok: true }));
      await app.register(venueRoutes, { prefix: '/v1' });
      await app.register(async (instance) => {
        instance.post('/bookings', { schema: { body: { type: 'object', properties: { seats: { type: 'integer' } } } } }, async () => ({ id: 'b1' }));
      });
      return app;
    }
    const handle = await startContractApp(build);
    opened.push(handle.app);
    expect(Object.keys(handle.extraction.document['paths'] as object).sort()).toEqual(['/bookings', '/health', '/v1/venues/{id}']);
    expect(handle.unrecorded).toEqual([]);
    const venue = handle.routes.find((route) => route.method === 'GET' && route.url === '/v1/venues/:id');
    const health = handle.routes.find((route) => route.method === 'GET' && route.url === '/health');
    const bookings = handle.routes.find((route) => route.method === 'POST' && route.url === '/bookings');
    // Each route points at its own registering call in this file (lines are the transformed module's under vitest).
    expect([venue?.source?.file, health?.source?.file, bookings?.source?.file]).toEqual([THIS_FILE, THIS_FILE, THIS_FILE]);
    expect(new Set([venue?.source?.line, health?.source?.line, bookings?.source?.line]).size).toBe(3);
  });

  it('records the routes of an async arrow that registers without awaiting, and captures payloads of awaited plugins', async () => {
    const build = async () => {
      const app = Fastify({ logger: false });
      app.setSerializerCompiler(() => (data) => JSON.stringify(data));
      await app.register(venueRoutes);
      void app.register(async (instance) => {
        instance.get('/late', async () => ({ late: true }));
      });
      return app;
    };
    const handle = await startContractApp(build);
    opened.push(handle.app);
    expect(Object.keys(handle.extraction.document['paths'] as object).sort()).toEqual(['/late', '/venues/{id}']);
    expect(handle.unrecorded).toEqual([]);
    const answer = await handle.app.inject({ method: 'GET', url: '/venues/v1' });
    expect(answer.statusCode).toBe(200);
    // The payload hook was attached when the instance was created, so a plugin awaited in the factory has it.
    expect(handle.payloads.take()).toEqual({ statusCode: 200, payload: { id: 'v1', seats: 3 } });
  });

  it('keeps handing a sync factory the instance itself: routes of plugins registered without awaiting load at ready()', async () => {
    let loadedBeforeReady = false;
    const handle = await startContractApp(() => {
      const app = Fastify({ logger: false });
      void app.register(async (instance) => {
        loadedBeforeReady = !instance.server.listening && !readyCalled;
        instance.get('/x', async () => 'x');
      });
      let readyCalled = false;
      const ready = app.ready.bind(app);
      (app as unknown as { ready: () => ReturnType<typeof ready> }).ready = () => {
        readyCalled = true;
        return ready();
      };
      return app;
    });
    opened.push(handle.app);
    expect(loadedBeforeReady).toBe(false);
    expect(Object.keys(handle.extraction.document['paths'] as object)).toEqual(['/x']);
  });

  it('passes on what an async factory rejects with', async () => {
    const failure = new Error('the database URL is missing');
    await expect(startContractApp(async () => {
      await Promise.resolve();
      throw failure;
    })).rejects.toBe(failure);
  });

  it('refuses a promise of something that is not a fastify instance', async () => {
    await expect(startContractApp(async () => ({ listen: () => undefined }) as never)).rejects.toThrow(/must return the fastify instance/);
  });
});
