import Fastify, { type FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { appBuiltBy } from '../../src/app/appBuiltBy.js';

const listening = (): number => process.getActiveResourcesInfo().filter((resource) => resource === 'TCPServerWrap').length;

describe('appBuiltBy', () => {
  it('takes the app an entry builds when it would listen, unstarted, and the entry goes no further', async () => {
    const before = listening();
    let after = false;
    const app = await appBuiltBy<FastifyInstance>(async () => {
      const fastify = Fastify();
      fastify.get('/ping', async () => ({ ok: true }));
      await fastify.listen({ port: 0, host: '127.0.0.1' });
      after = true;
    });
    expect(listening()).toBe(before);
    expect(after).toBe(false);
    const answer = await app.inject({ method: 'GET', url: '/ping' });
    expect(answer.json()).toEqual({ ok: true });
    await app.close();
  });

  it('takes it from the callback form of listen too, and the first instance created is the app', async () => {
    const app = await appBuiltBy<FastifyInstance>(() => {
      const fastify = Fastify();
      fastify.get('/a', async () => 'a');
      Fastify(); // a second instance (a metrics server, say) is not the app
      fastify.listen({ port: 0 }, () => {
        throw new Error('never called');
      });
    });
    expect((await app.inject({ method: 'GET', url: '/a' })).body).toBe('a');
    await app.close();
  });

  it('hands over the instance a function created when it returns without listening', async () => {
    const app = await appBuiltBy<FastifyInstance>(() => {
      Fastify().get('/b', async () => 'b');
    });
    expect((await app.inject({ method: 'GET', url: '/b' })).body).toBe('b');
  });

  it('rejects with what the function throws, synchronously or not', async () => {
    await expect(appBuiltBy(() => {
      throw new Error('no config');
    })).rejects.toThrow('no config');
    await expect(appBuiltBy(async () => {
      Fastify();
      throw new Error('late');
    })).rejects.toThrow('late');
  });

  it('rejects when the function built no fastify app', async () => {
    await expect(appBuiltBy(() => 42)).rejects.toThrow('the function built no fastify app (no fastify() call while it ran)');
  });
});
