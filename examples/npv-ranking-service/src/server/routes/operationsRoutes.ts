import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ReadinessFailure } from '../schemas/operationsSchemas.js';
import { healthzRouteSchema, metricsRouteSchema, readyzRouteSchema } from '../schemas/operationsSchemas.js';

export type Readiness = { readonly ready: true } | { readonly ready: false; readonly reason: ReadinessFailure; readonly message: string };

export interface OperationsRoutesOptions {
  /** Answers from cached state; must not wait on any dependency. */
  readonly readiness: () => Readiness;
  readonly metrics: () => Promise<{ readonly contentType: string; readonly text: string }>;
}

/** Liveness, readiness and metrics for the platform that runs the service. */
export const operationsRoutes: FastifyPluginAsyncTypebox<OperationsRoutesOptions> = async (app, options) => {
  app.get('/healthz', { schema: healthzRouteSchema }, async () => ({ live: true as const }));

  app.get('/readyz', { schema: readyzRouteSchema }, async (_request, reply) => {
    const readiness = options.readiness();
    if (readiness.ready) {
      return { ready: true as const };
    }
    return reply.code(503).send({ ready: false as const, reason: readiness.reason, message: readiness.message });
  });

  app.get('/metrics', { schema: metricsRouteSchema }, async (_request, reply) => {
    const { contentType, text } = await options.metrics();
    return reply.type(contentType).send(text);
  });
};
