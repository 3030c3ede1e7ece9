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
}

/**
 * Builds an app with `build`, records its routes while it boots (`ready()`, never `listen`), and extracts
 * its OpenAPI document. The caller closes the app.
 */
export async function startContractApp<App extends ContractApp>(build: () => App | Promise<App>, options: ExtractOptions = {}): Promise<ContractAppHandle<App>> {
  const built = build();
  // A fastify instance is itself a thenable whose `then` boots it: awaiting it would boot it before the hook.
  const app = isContractApp(built) ? built : await built;
  const recording = recordRoutes(app);
  await app.ready();
  const extraction = extractOpenApi(recording.routes, { sharedSchemas: app.getSchemas(), ...options });
  return { app, extraction, unrecorded: unrecordedRoutes(app, recording) };
}
