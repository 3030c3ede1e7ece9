import type { FastifyInstance, FastifyReply } from 'fastify';
import type { FaultInjector } from '../faults/faults.js';
import { predict } from '../model/forward.js';
import type { LoadedModel } from '../model/types.js';
import { InferRequestError, parseInferRequest, type InferRequest } from '../protocol/infer-request.js';
import type { ModelRegistry } from './model-registry.js';

export interface ModelRoutesOptions {
  registry: ModelRegistry;
  faults: FaultInjector;
}

interface ModelParams {
  name: string;
  version?: string;
}

const inferResponseSchema = {
  type: 'object',
  properties: {
    model_name: { type: 'string' },
    model_version: { type: 'string' },
    id: { type: 'string' },
    outputs: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          name: { type: 'string' },
          shape: { type: 'array', items: { type: 'integer' } },
          datatype: { type: 'string' },
          data: { type: 'array', items: { type: 'number' } },
        },
      },
    },
  },
} as const;

const paramsSchema = {
  type: 'object',
  properties: { name: { type: 'string' }, version: { type: 'string' } },
  required: ['name'],
} as const;

const tensorMetadataSchema = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    datatype: { type: 'string' },
    shape: { type: 'array', items: { type: 'integer' } },
    parameters: { type: 'object', properties: { feature_names: { type: 'array', items: { type: 'string' } } } },
  },
  required: ['name', 'datatype', 'shape'],
} as const;

const metadataSchema = {
  params: paramsSchema,
  response: {
    200: {
      type: 'object',
      properties: {
        name: { type: 'string' },
        versions: { type: 'array', items: { type: 'string' } },
        platform: { type: 'string' },
        inputs: { type: 'array', items: tensorMetadataSchema },
        outputs: { type: 'array', items: tensorMetadataSchema },
      },
      required: ['name', 'versions', 'platform', 'inputs', 'outputs'],
    },
  },
} as const;

const readySchema = {
  params: paramsSchema,
  response: { 200: { type: 'object', properties: { name: { type: 'string' }, ready: { type: 'boolean' } }, required: ['name', 'ready'] } },
} as const;

/** Model metadata, model readiness and inference, with and without a version in the path. */
export async function modelRoutes(app: FastifyInstance, options: ModelRoutesOptions): Promise<void> {
  const { registry, faults } = options;

  const resolve = (params: ModelParams, reply: FastifyReply): LoadedModel | undefined => {
    const found = registry.find(params.name, params.version);
    if (typeof found === 'string') {
      void reply.code(404).send({ error: found });
      return undefined;
    }
    return found;
  };

  const metadata = async (request: { params: ModelParams }, reply: FastifyReply) => {
    const model = resolve(request.params, reply);
    return model === undefined ? reply : model.metadata;
  };
  app.get<{ Params: ModelParams }>('/v2/models/:name', { schema: metadataSchema }, metadata);
  app.get<{ Params: ModelParams }>('/v2/models/:name/versions/:version', { schema: metadataSchema }, metadata);

  const ready = async (request: { params: ModelParams }, reply: FastifyReply) => {
    const model = resolve(request.params, reply);
    return model === undefined ? reply : { name: model.name, ready: true };
  };
  app.get<{ Params: ModelParams }>('/v2/models/:name/ready', { schema: readySchema }, ready);
  app.get<{ Params: ModelParams }>('/v2/models/:name/versions/:version/ready', { schema: readySchema }, ready);

  const infer = async (request: { params: ModelParams; body: unknown }, reply: FastifyReply) => {
    const model = resolve(request.params, reply);
    if (model === undefined) return reply;
    let parsed: InferRequest;
    try {
      parsed = parseInferRequest(request.body, model);
    } catch (error) {
      if (error instanceof InferRequestError) return reply.code(400).send({ error: error.message });
      throw error;
    }
    const injectedStatus = await faults.apply();
    if (injectedStatus !== undefined) return reply.code(injectedStatus).send({ error: 'injected fault' });
    const scores = predict(model, parsed.features, parsed.rows);
    return {
      model_name: model.name,
      model_version: model.version,
      ...(parsed.id === undefined ? {} : { id: parsed.id }),
      outputs: [{ name: model.output.name, shape: [parsed.rows], datatype: model.output.datatype, data: Array.from(scores) }],
    };
  };
  const inferSchema = {
    params: paramsSchema,
    // The OIP request is checked by parseInferRequest, whose 400 messages name the tensor and field at fault;
    // a JSON Schema here would answer first with less precise errors.
    body: { description: 'An Open Inference Protocol v2 inference request, validated by parseInferRequest.' },
    response: { 200: inferResponseSchema },
  };
  app.post<{ Params: ModelParams }>('/v2/models/:name/infer', { schema: inferSchema }, infer);
  app.post<{ Params: ModelParams }>('/v2/models/:name/versions/:version/infer', { schema: inferSchema }, infer);
}
