import { capturePayloads, type PayloadCapture } from '../properties/payloadCapture.js';
import { recordRoutes, unrecordedRoutes, type ContractApp } from './app.js';
import { extractOpenApi, type ExtractOptions, type Extraction } from './extract.js';

function isContractApp(value: unknown): value is ContractApp {
  return typeof value === 'object' && value !== null && typeof (value as { addHook?: unknown }).addHook === 'function';
}

export interface ContractAppHandle<App extends ContractApp> {
  app: App;
  extraction: Extraction;
  /** Routes fastify serves that were registered before recording began; their contract is unknown. */
  unrecorded: Array<{ method: string; url: string }>;
  /** What the recorded routes hand to their serializer, for property tests to look at. */
  payloads: PayloadCapture;
}

/**
 * Builds an app with `build`, records its routes while it boots (`ready()`, never `listen`), and extracts
 * its OpenAPI document; the payloads its routes hand to the serializer are captured. The caller closes the app.
 */
export async function startContractApp<App extends ContractApp>(build: () => App, options: ExtractOptions = {}): Promise<ContractAppHandle<App>> {
  const app: unknown = build();
  // A fastify instance is itself a thenable whose `then` boots it, so a promise cannot carry one unbooted:
  // the factory must hand it over directly, before `ready()`.
  if (!isContractApp(app)) throw new TypeError('the app factory must return the fastify instance itself (not a promise of it), before ready()');
  const instance = app as App;
  const recording = recordRoutes(instance);
  const payloads = capturePayloads(instance);
  await instance.ready();
  const extraction = extractOpenApi(recording.routes, { sharedSchemas: instance.getSchemas(), ...options });
  return { app: instance, extraction, unrecorded: unrecordedRoutes(instance, recording), payloads };
}
