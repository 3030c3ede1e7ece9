import { readFileSync } from 'node:fs';
import { contractTests } from '@npvguard/harness';
import { buildApp } from '../src/server/app.js';
import { startModelServer, type RunningModelServer } from './support/modelServer.js';

let model: RunningModelServer | undefined;

/**
 * Property tests of every route against its own schemas (valid requests get documented answers, invalid
 * ones a 4xx) and old-client replay against the committed snapshot, with the real model server behind
 * the OIP client. `npvguard check` runs the same properties at 100 runs per route.
 */
contractTests(() => buildApp({ config: { logLevel: 'silent', modelUrl: model?.url ?? 'http://127.0.0.1:9' } }), {
  title: 'contracts of the npv ranking service',
  numRuns: 50,
  baseContract: JSON.parse(readFileSync(new URL('../contracts/openapi.json', import.meta.url), 'utf8')) as unknown,
  replayCommand: 'npx vitest run --project npv-ranking-service tests/contract.test.ts',
  before: async () => {
    model = await startModelServer();
  },
  after: async () => {
    await model?.close();
  },
});
