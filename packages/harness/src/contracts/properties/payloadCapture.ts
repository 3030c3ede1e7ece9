import type { ContractApp, RouteOptionsLike } from '../openapi/app.js';

/** What a route handed to fastify's serializer for one answer. */
export interface CapturedPayload {
  statusCode: number;
  payload: unknown;
}

/**
 * The payloads an app's routes hand to their serializer. fastify's default serializer
 * (fast-json-stringify) silently drops properties the response schema does not declare, so the body a
 * client gets cannot show them; the payload before serialization can.
 */
export interface PayloadCapture {
  /** The payload of the latest answer since the previous call, then forgets it. */
  take(): CapturedPayload | undefined;
}

type SerializationDone = (error: Error | null, payload?: unknown) => void;
type SerializationHook = (request: unknown, reply: { statusCode: number }, payload: unknown, done: SerializationDone) => void;

function hookList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? [...(value as unknown[])] : [value];
}

/**
 * Starts capturing, on the instance a factory returns, before `ready()` (fastify refuses hooks on a
 * booted instance): every route registered from now on gets a route-level `preSerialization` hook,
 * which fastify runs after the instance's own hooks, right before serializing. A payload sent as a
 * string, a buffer or a stream skips serialization and is not captured; its body is what clients get.
 * fastify's default error handler does not run `preSerialization` either: its answers are judged on
 * their serialized body.
 */
export function capturePayloads(app: ContractApp): PayloadCapture {
  let latest: CapturedPayload | undefined;
  const capture: SerializationHook = (_request, reply, payload, done) => {
    latest = { statusCode: reply.statusCode, payload };
    done(null, payload);
  };
  app.addHook('onRoute', (route: RouteOptionsLike) => {
    // fastify reads the route options after onRoute hooks ran, so a hook added here is the route's own.
    const options = route as RouteOptionsLike & { preSerialization?: unknown };
    const hooks = hookList(options.preSerialization);
    // The HEAD route fastify derives from a GET copies the GET's options, hook included.
    if (hooks.includes(capture)) return;
    options.preSerialization = [...hooks, capture];
  });
  return {
    take() {
      const taken = latest;
      latest = undefined;
      return taken;
    },
  };
}
