import { existsSync } from 'node:fs';
import path from 'node:path';
import { createJiti } from 'jiti';
import { cachedTransform } from '../../../modules/transformCache.js';
import { NpvError } from '@npvguard/core';

/** A running app with fake dependencies, as the fakes module starts it. */
export interface FakesApp {
  url: string;
  close(): Promise<void>;
}

export interface RouteRequest {
  body?: unknown;
  headers?: Record<string, string>;
  /** The path to call when the route's URL has parameters; defaults to the route's own URL. */
  path?: string;
}

export interface FakesModule {
  start(): Promise<FakesApp>;
  /** `"METHOD /path"` → the request to send to it. */
  requests: Record<string, RouteRequest>;
}

function invalid(file: string, why: string): NpvError {
  return new NpvError('NPV2201', `The latency fakes module ${file} ${why}.`, { file });
}

/** Loads `latency.measure.fakes` (TypeScript through jiti, no build) and checks its shape. */
export async function loadFakes(root: string, fakes: string): Promise<FakesModule> {
  const file = path.resolve(root, fakes);
  if (!existsSync(file)) throw invalid(file, 'does not exist');
  const jiti = createJiti(import.meta.url, { moduleCache: false, fsCache: false, transform: cachedTransform });
  let loaded: unknown;
  try {
    loaded = await jiti.import(file);
  } catch (error) {
    throw invalid(file, `could not be loaded: ${error instanceof Error ? error.message : String(error)}`);
  }
  const module = loaded as Partial<Record<'start' | 'requests', unknown>>;
  if (typeof module.start !== 'function') throw invalid(file, 'does not export a start() function');
  if (typeof module.requests !== 'object' || module.requests === null) throw invalid(file, 'does not export a `requests` object');
  const start = module.start as () => Promise<unknown>;
  return {
    requests: module.requests as Record<string, RouteRequest>,
    async start() {
      const app = (await start()) as Partial<FakesApp> | undefined;
      if (typeof app?.url !== 'string' || typeof app.close !== 'function') throw invalid(file, 'start() did not resolve to { url, close }');
      return app as FakesApp;
    },
  };
}
