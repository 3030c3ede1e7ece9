import type { FastifyInstance } from 'fastify';

/** Liveness and readiness. Models are loaded before the server is built, so ready means ready. */
export async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.get('/v2/health/live', async () => ({ live: true }));
  app.get('/v2/health/ready', async () => ({ ready: true }));
}
