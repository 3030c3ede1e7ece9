import { defineConfig } from 'npvguard';

/**
 * The reference service's architecture as npvguard checks it (the layer table of the product brief).
 * Everything not listed under `allow` is denied; a layer may always import itself.
 */
export default defineConfig({
  boundaries: {
    layers: {
      // The package entry (src/index.ts) and the process entry (src/main.ts) wire everything together.
      main: ['src/index.ts', 'src/main.ts'],
      // buildApp(): the composition root, the only server file that may construct clients.
      composition: 'src/server/app.ts',
      server: 'src/server/**',
      pipeline: 'src/pipeline/**',
      components: 'src/components/**',
      experiments: 'src/experiments/**',
      core: 'src/core/**',
      domain: 'src/domain/**',
      clients: 'src/clients/**',
      resilience: 'src/resilience/**',
      config: 'src/config/**',
      observability: 'src/observability/**',
    },
    allow: {
      main: ['composition', 'server', 'pipeline', 'clients', 'config', 'core', 'domain', 'observability'],
      composition: ['server', 'pipeline', 'clients', 'resilience', 'config', 'observability', 'experiments', 'core', 'domain'],
      server: ['pipeline', 'domain'],
      pipeline: ['components', 'core', 'domain'],
      components: ['core', 'domain'],
      experiments: ['core', 'domain'],
      clients: ['core', 'domain', 'resilience', 'config', 'observability'],
      resilience: ['core'],
      observability: ['core'],
      domain: ['core'],
      core: [],
      config: [],
    },
    // Components may know experiment types (an assignment passed in), never the assignment code.
    allowTypes: { components: ['experiments'] },
    // Public faces: other layers import these files only. Core's top-level modules are its interfaces (ports,
    // records, components, errors); the runner's steps stay behind its index. The other layers have no internals
    // another layer may not see.
    entryPoints: {
      core: ['src/core/*.ts', 'src/core/runner/index.ts'],
      pipeline: 'src/pipeline/index.ts',
      clients: 'src/clients/index.ts',
      experiments: 'src/experiments/index.ts',
    },
    externals: {
      // I/O lives in clients; the pure layers get no Node builtins at all.
      'node:*': ['clients', 'composition', 'main'],
      'node:crypto': ['experiments', 'observability', 'clients', 'composition', 'main'],
      undici: ['clients'],
      fastify: ['server', 'composition', 'main'],
      '@fastify/*': ['server', 'composition', 'main'],
      typebox: ['server', 'composition'],
      'prom-client': ['observability'],
      pino: ['observability', 'composition', 'main'],
    },
    cycles: 'runtime',
  },
  contracts: {
    // buildApp() needs no network to build: the catalog is generated in memory and the model client connects lazily.
    app: './src/server/app.ts#buildApp',
    // Logs off: the report goes to stdout.
    appOptions: { config: { logLevel: 'silent' } },
    snapshot: 'contracts/openapi.json',
    changes: 'contracts/changes.json',
    models: { 'npv-ranker': { spec: './contracts/modelSpec.ts#npvRankerContract', snapshot: 'contracts/model-npv-ranker.json' } },
    properties: {
      runs: 100,
      // Every route must still answer as documented when the model server is unreachable (nothing listens on
      // 127.0.0.1:9): the cards from the heuristic fallback, never a 5xx.
      scenarios: { 'model unavailable': { appOptions: { config: { logLevel: 'silent', modelUrl: 'http://127.0.0.1:9' } } } },
      // What a schema cannot say: one card per entity, no explicit content unless allowed, as many cards as asked
      // (or as the catalog has), an exposure event for every answer.
      invariants: './contracts/invariants.ts',
    },
  },
  // ESLint with the service's own eslint.config.js (recommended-type-checked and the boundaries rule).
  lint: {},
  // Tests under tests/ and contract snapshots under contracts/ (the defaults). A snapshot change needs a change to
  // route code: the route files and every module they import (schemas, handlers, the domain constants they use), or
  // src/server/app.ts, which mounts them (the default; no `routes` globs needed).
  integrity: {},
  latency: {
    // The product brief's budget for the cards route; operations routes answer from memory.
    budgets: {
      'POST /v1/npv/cards': { p99Ms: 50 },
      'GET /healthz': { p99Ms: 10 },
      'GET /readyz': { p99Ms: 10 },
      'GET /metrics': { p99Ms: 20 },
    },
    // Every I/O the pipeline does goes through these interfaces.
    ports: 'src/core/ports.ts',
    // Events and exposure logs are fired and forgotten, never awaited on a request.
    sideEffects: ['src/components/sideEffects/**', 'src/clients/events/**'],
    compositionRoot: 'src/server/app.ts',
    // The metrics registry renders what it holds in memory: its promise waits on no I/O.
    clients: [{ module: 'prom-client', io: false }],
    // 500 requests per route: the fewest for which a 95% interval of the p99 has a finite upper bound is 367.
    measure: { fakes: 'latency/fakes.ts', rate: 50, durationMs: 10_000, warmupMs: 1000 },
  },
});
