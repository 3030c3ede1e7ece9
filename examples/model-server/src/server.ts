import { readFileSync } from 'node:fs';
import Fastify, { LogController, type FastifyError, type FastifyInstance } from 'fastify';
import { ModelServerConfigError } from './config-error.js';
import { createFaultInjector, type FaultOptions } from './faults/faults.js';
import { requireLogLevel } from './log-levels.js';
import type { LoadedModel } from './model/types.js';
import { healthRoutes } from './routes/health.js';
import { ModelRegistry } from './routes/model-registry.js';
import { modelRoutes } from './routes/models.js';

export const SERVER_NAME = 'npvguard-model-server';

const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
export const SERVER_VERSION = packageJson.version;

export interface ModelServerOptions {
  /** The models to serve (see loadModel / loadModelDirectory). */
  models: readonly LoadedModel[];
  /** Fault injection on inference; off by default. */
  faults?: FaultOptions;
  /** pino level: fatal, error, warn, info, debug, trace or silent. Default info. */
  logLevel?: string;
  /** Log every request (fastify's request log). Off by default: at hundreds of requests per second it dominates. */
  logRequests?: boolean;
}

/** Builds the Open Inference Protocol v2 server without listening; call `listen` or `inject`. */
export function buildModelServer(options: ModelServerOptions): FastifyInstance {
  if (options.models.length === 0) throw new ModelServerConfigError('at least one model is needed');
  const logLevel = requireLogLevel(options.logLevel ?? 'info');
  const faults = createFaultInjector(options.faults);
  const app = Fastify({
    logger: { level: logLevel },
    logController: new LogController({ disableRequestLogging: options.logRequests !== true }),
  });

  app.setNotFoundHandler((request, reply) => {
    void reply.code(404).send({ error: `no route ${request.method} ${request.url}` });
  });
  app.setErrorHandler((error: FastifyError, request, reply) => {
    // Framework errors (bad JSON, wrong content type, body too large) keep their 4xx status but take the protocol's error shape.
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) return reply.code(status).send({ error: error.message });
    request.log.error({ err: error }, 'inference server error');
    return reply.code(500).send({ error: 'internal server error' });
  });

  const serverMetadataSchema = {
    response: {
      200: {
        type: 'object',
        properties: { name: { type: 'string' }, version: { type: 'string' }, extensions: { type: 'array', items: { type: 'string' } } },
        required: ['name', 'version', 'extensions'],
      },
    },
  } as const;
  app.get('/v2', { schema: serverMetadataSchema }, async () => ({ name: SERVER_NAME, version: SERVER_VERSION, extensions: [] }));
  void app.register(healthRoutes);
  void app.register(modelRoutes, { registry: new ModelRegistry(options.models), faults });
  return app;
}
