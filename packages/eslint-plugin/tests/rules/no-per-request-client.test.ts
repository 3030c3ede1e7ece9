import rule from '../../src/rules/no-per-request-client.js';
import { syntaxRuleTester } from '../support/rule-tester.js';

const ruleTester = syntaxRuleTester();
const filename = 'src/components/scorer.ts';

ruleTester.run('no-per-request-client', rule, {
  valid: [
    { code: 'const pool = new Pool(origin);', filename },
    { code: 'export function buildApp() { const breaker = new CircuitBreaker({ failureThreshold: 5 }); return breaker; }', filename },
    { code: 'export function createModelScorer(url: string) { return new OipClient({ baseUrl: url }); }', filename },
    { code: 'class ModelScorer { constructor(url: string) { this.client = new OipClient({ baseUrl: url }); } }', filename },
    { code: 'export const routes = async (app) => { const breaker = new CircuitBreaker(); app.get("/x", async () => breaker.state); };', filename },
    { code: 'void app.register(async (instance) => { const client = createModelClient(); });', filename },
    { code: 'export function score(candidates) { return new Map(candidates); }', filename },
    { code: 'app.addHook("onReady", async () => { registry = new Registry(); });', filename: 'src/server/app.ts' },
    // Memoised on first use: built once however often the function runs.
    { code: 'let client; const clientOnce = () => (client ??= new OipClient({ baseUrl }));', filename },
    { code: 'class Scorer { async score() { this.pool ||= new Pool(origin); return this.pool; } }', filename },
    // Outside the request path, a plain function gets no opinion.
    { code: 'export function connect(url) { return new Pool(url); }', filename: 'scripts/replay.ts' },
  ],
  invalid: [
    {
      code: 'app.post("/v1/npv/cards", async (request) => {\n  const client = new OipClient({ baseUrl });\n  return client.infer(request.body);\n});',
      filename: 'lib/routes.ts',
      errors: [{ messageId: 'perRequestClient', line: 2, column: 18, data: { name: 'OipClient' } }],
    },
    {
      code: 'export function modelScorer(url) {\n  return {\n    async score(rows) {\n      const breaker = new CircuitBreaker({ failureThreshold: 5 });\n      return breaker.run(() => call(rows));\n    },\n  };\n}',
      filename,
      errors: [{ messageId: 'perRequestClient', line: 4, column: 23, data: { name: 'CircuitBreaker' } }],
    },
    {
      code: 'class Scorer { async score(rows) { const pool = new undici.Pool(origin); return pool; } }',
      filename,
      errors: [{ messageId: 'perRequestClient', line: 1, column: 49, data: { name: 'Pool' } }],
    },
    {
      code: 'app.addHook("onRequest", async (request) => {\n  request.metrics = new Histogram({ name: "x", help: "y" });\n});',
      filename: 'lib/app.ts',
      errors: [{ messageId: 'perRequestClient', line: 2, column: 21, data: { name: 'Histogram' } }],
    },
    {
      code: 'const handler = async (request) => createFeatureStoreClient(request.id);\napp.get("/x", handler);',
      filename: 'lib/routes.ts',
      errors: [{ messageId: 'perRequestClient', line: 1, column: 36, data: { name: 'createFeatureStoreClient' } }],
    },
    {
      code: 'export function buildApp() {\n  app.get("/x", async () => new RedisCache());\n}',
      filename,
      options: [{ constructors: ['*Cache'] }],
      errors: [{ messageId: 'perRequestClient', line: 2, column: 29, data: { name: 'RedisCache' } }],
    },
  ],
});
