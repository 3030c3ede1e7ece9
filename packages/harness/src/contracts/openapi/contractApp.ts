import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { capturePayloads, type PayloadCapture } from '../properties/payloadCapture.js';
import { recordRoutes, unrecordedRoutes, type ContractApp, type RecordedRoute, type RouteRecording } from './app.js';
import { isRecord } from '../schema/jsonSchema.js';
import { extractOpenApi, type ExtractOptions, type Extraction } from './extract.js';

function isContractApp(value: unknown): value is ContractApp {
  return typeof value === 'object' && value !== null && typeof (value as { addHook?: unknown }).addHook === 'function';
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

export interface ContractAppHandle<App extends ContractApp> {
  app: App;
  extraction: Extraction;
  /** Routes fastify serves that were registered before recording began; their contract is unknown. */
  unrecorded: Array<{ method: string; url: string }>;
  /** Every route fastify registered, with the call site that registered it and whether fastify added it on its own. */
  routes: RecordedRoute[];
  /** What the recorded routes hand to their serializer, for property tests to look at. */
  payloads: PayloadCapture;
}

/** What is attached to an instance from its creation on. */
interface Watch {
  recording: RouteRecording;
  payloads: PayloadCapture;
}

/**
 * Builds an app with `build`, records its routes while it boots (`ready()`, never `listen`), and extracts
 * its OpenAPI document; the payloads its routes hand to the serializer are captured. `build` may return the
 * instance or a promise of it (an `async` factory, which may await its plugins before returning): fastify's
 * instance is a thenable that loads the plugins registered so far and resolves with itself, still not booted.
 * The caller closes the app.
 */
export async function startContractApp<App extends ContractApp>(build: () => App | PromiseLike<App>, options: ExtractOptions = {}): Promise<ContractAppHandle<App>> {
  // fastify announces each instance it creates on this channel: watching from creation on sees the routes a
  // factory adds (on the root instance, or in plugins it awaits) before handing the instance over, which
  // hooks added afterwards would miss. The subscription lasts until an async factory's promise settles.
  const created = new Map<unknown, Watch>();
  const onCreate = (message: unknown): void => {
    const fastify = isRecord(message) ? message['fastify'] : undefined;
    if (isContractApp(fastify) && !created.has(fastify)) created.set(fastify, { recording: recordRoutes(fastify), payloads: capturePayloads(fastify) });
  };
  subscribe(FASTIFY_CREATED, onCreate);
  let app: unknown;
  try {
    const returned: unknown = build();
    // The instance itself is a thenable too: awaited here it would load its plugins early, so it is not.
    app = isContractApp(returned) || !isThenable(returned) ? returned : await returned;
  } finally {
    unsubscribe(FASTIFY_CREATED, onCreate);
  }
  if (!isContractApp(app)) throw new TypeError('the app factory must return the fastify instance (or a promise of it), before ready()');
  const instance = app as App;
  // An instance created before the factory was called (a module-level singleton) is watched from here on.
  const watch = created.get(instance) ?? { recording: recordRoutes(instance), payloads: capturePayloads(instance) };
  await instance.ready();
  // The root's shared schemas, and those each route's plugin context added (encapsulated `addSchema`).
  const sharedSchemas: Record<string, unknown> = { ...instance.getSchemas() };
  for (const route of watch.recording.routes) {
    for (const [id, schema] of Object.entries(route.contextSchemas ?? {})) if (!(id in sharedSchemas)) sharedSchemas[id] = schema;
  }
  const extraction = extractOpenApi(watch.recording.routes, { sharedSchemas, ...options });
  return { app: instance, extraction, unrecorded: unrecordedRoutes(instance, watch.recording), payloads: watch.payloads, routes: watch.recording.routes };
}

const FASTIFY_CREATED = 'fastify.initialization';
