import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { capturePayloads, type PayloadCapture } from '../properties/payloadCapture.js';
import { recordRoutes, unrecordedRoutes, type ContractApp, type RecordedRoute, type RouteRecording } from './app.js';
import { isRecord } from '../schema/jsonSchema.js';
import { extractOpenApi, type ExtractOptions, type Extraction } from './extract.js';

function isContractApp(value: unknown): value is ContractApp {
  return typeof value === 'object' && value !== null && typeof (value as { addHook?: unknown }).addHook === 'function';
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

/**
 * Builds an app with `build`, records its routes while it boots (`ready()`, never `listen`), and extracts
 * its OpenAPI document; the payloads its routes hand to the serializer are captured. The caller closes the app.
 */
export async function startContractApp<App extends ContractApp>(build: () => App, options: ExtractOptions = {}): Promise<ContractAppHandle<App>> {
  // fastify announces each instance it creates on this channel: recording from creation on sees the routes a
  // factory adds on the root instance before returning it, which a hook added afterwards would miss.
  const created = new Map<unknown, RouteRecording>();
  const onCreate = (message: unknown): void => {
    const fastify = isRecord(message) ? message['fastify'] : undefined;
    if (isContractApp(fastify) && !created.has(fastify)) created.set(fastify, recordRoutes(fastify));
  };
  subscribe(FASTIFY_CREATED, onCreate);
  let app: unknown;
  try {
    app = build();
  } finally {
    unsubscribe(FASTIFY_CREATED, onCreate);
  }
  // A fastify instance is itself a thenable whose `then` boots it, so a promise cannot carry one unbooted:
  // the factory must hand it over directly, before `ready()`.
  if (!isContractApp(app)) throw new TypeError('the app factory must return the fastify instance itself (not a promise of it), before ready()');
  const instance = app as App;
  // An instance created before the factory was called (a module-level singleton) is recorded from here on.
  const recording = created.get(instance) ?? recordRoutes(instance);
  const payloads = capturePayloads(instance);
  await instance.ready();
  const extraction = extractOpenApi(recording.routes, { sharedSchemas: instance.getSchemas(), ...options });
  return { app: instance, extraction, unrecorded: unrecordedRoutes(instance, recording), payloads, routes: recording.routes };
}

const FASTIFY_CREATED = 'fastify.initialization';
