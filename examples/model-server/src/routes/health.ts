import type { FastifyInstance } from 'fastify';

/** Liveness and readiness. Models are loaded before the server is built, so ready means ready. */
export async function healthRoutes(app: FastifyInstance): Promise<void> {
  const liveSchema = { response: { 200: { type: 'object', properties: { live: { type: 'boolean' } }, required: ['live'] } } } as const;
  const readySchema = { response: { 200: { type: 'object', properties: { ready: { type: 'boolean' } }, required: ['ready'] } } } as const;
  app.get('/v2/health/live', { schema: liveSchema }, async () => ({ live: true }));
  app.get('/v2/health/ready', { schema: readySchema }, async () => ({ ready: true }));
}
