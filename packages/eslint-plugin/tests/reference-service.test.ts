import { fileURLToPath } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import plugin from '../src/index.js';

/**
 * The reference service (examples/npv-ranking-service) is the proof that the rules fit real code: it must
 * lint clean with `recommended-type-checked` plus `boundaries` (fed from its own npvguard.config.ts), and
 * the realistic bad changes of the product brief, planted into its files, must each be caught.
 */
const SERVICE = fileURLToPath(new URL('../../../examples/npv-ranking-service/', import.meta.url));

async function serviceBoundaries(): Promise<unknown> {
  const config = (await import(`${SERVICE}npvguard.config.ts`)) as { default: { boundaries: unknown } };
  return config.default.boundaries;
}

function createEslint(boundaries: unknown): ESLint {
  const configs: Linter.Config[] = [
    {
      files: ['**/*.ts'],
      languageOptions: { parser: tseslint.parser as Linter.Parser, parserOptions: { projectService: true, tsconfigRootDir: SERVICE } },
    },
    plugin.configs['recommended-type-checked'] as Linter.Config,
    { rules: { 'npvguard/boundaries': 'error' }, settings: { npvguard: { boundaries } } },
  ];
  return new ESLint({ cwd: SERVICE, overrideConfigFile: true, overrideConfig: configs });
}

interface PlantedChange {
  /** The bad change, in the words of the product brief. */
  change: string;
  file: string;
  code: string;
  ruleId: string;
  line: number;
}

const PLANTED: readonly PlantedChange[] = [
  {
    change: 'a route handler calls the model server with fetch, without a timeout',
    file: 'src/server/routes/cardsRoute.ts',
    code: "declare const app: { post(path: string, handler: (request: { body: unknown }) => Promise<unknown>): void };\napp.post('/v1/npv/cards', async (request) => {\n  const response = await fetch('http://127.0.0.1:8081/v2/models/ranker/infer', { method: 'POST', body: JSON.stringify(request.body) });\n  return response.json();\n});\n",
    ruleId: 'npvguard/require-timeout-type-checked',
    line: 3,
  },
  {
    change: 'a route registered without a response schema',
    file: 'src/server/routes/operationsRoutes.ts',
    code: "declare const app: { get(path: string, handler: () => Promise<unknown>): void };\napp.get('/debug', async () => ({ ok: true }));\n",
    ruleId: 'npvguard/route-requires-schema',
    line: 2,
  },
  {
    change: 'a filter imports a client',
    file: 'src/components/filters/marketFilter.ts',
    code: "import { InMemoryCatalog } from '../../clients/catalog/inMemoryCatalog.js';\nexport const catalogType = InMemoryCatalog;\n",
    ruleId: 'npvguard/boundaries',
    line: 1,
  },
  {
    change: 'a component reads process.env',
    file: 'src/components/scorers/preScorer.ts',
    code: "export const threshold = Number(process.env.NPV_PRESCORE_THRESHOLD ?? '0.1');\n",
    ruleId: 'npvguard/no-process-env-outside-config',
    line: 1,
  },
  {
    change: 'a circuit breaker created per request',
    file: 'src/components/scorers/modelScorer.ts',
    code: "declare class CircuitBreaker { constructor(options: { failureThreshold: number }); execute<T>(call: () => Promise<T>): Promise<T>; }\nexport function modelScorer(score: (rows: number[]) => Promise<number[]>) {\n  return {\n    async score(rows: number[]) {\n      const breaker = new CircuitBreaker({ failureThreshold: 5 });\n      return breaker.execute(() => score(rows));\n    },\n  };\n}\n",
    ruleId: 'npvguard/no-per-request-client',
    line: 5,
  },
  {
    change: 'the exposure write awaited on the request path',
    file: 'src/components/sideEffects/exposureEvent.ts',
    code: "import type { EventSinkPort } from '../../core/ports.js';\nimport type { EventRecord } from '../../core/records.js';\nexport async function fireExposure(sink: EventSinkPort, event: EventRecord) {\n  await sink.emit(event);\n}\n",
    ruleId: 'npvguard/no-await-side-effects-type-checked',
    line: 4,
  },
  {
    change: 'Math.random in assignment',
    file: 'src/experiments/assignment.ts',
    code: 'export function pickArm(arms: readonly string[]): string | undefined {\n  return arms[Math.floor(Math.random() * arms.length)];\n}\n',
    ruleId: 'npvguard/deterministic-ranking',
    line: 2,
  },
  {
    change: 'a salt reused across experiments',
    file: 'src/experiments/npvExperiments.ts',
    code: "export const LAYERS = [\n  { id: 'npv-selection', salt: 'layer:npv:2025-01' },\n  { id: 'npv-scoring', salt: 'layer:npv:2025-01' },\n];\n",
    ruleId: 'npvguard/unique-experiment-salt',
    line: 3,
  },
  {
    change: 'raw listener id in the logs',
    file: 'src/server/routes/cardsRoute.ts',
    code: "declare const request: { log: { info(bindings: object, message: string): void }; body: { listenerId: string } };\nrequest.log.info({ listenerId: request.body.listenerId }, 'cards ranked');\n",
    ruleId: 'npvguard/no-pii-in-logs',
    line: 2,
  },
  {
    change: 'the listener id sent to the model',
    file: 'src/clients/model/oipClient.ts',
    code: "export function inferBody(listenerId: string, popularity: number[]) {\n  return {\n    inputs: [\n      { name: 'popularity', shape: [popularity.length], datatype: 'FP32', data: popularity },\n      { name: 'listener', shape: [1], datatype: 'BYTES', data: [listenerId] },\n    ],\n  };\n}\n",
    ruleId: 'npvguard/no-pii-in-model-inputs',
    line: 5,
  },
  {
    change: 'model outputs read by index',
    file: 'src/clients/model/readScores.ts',
    code: 'export function readScores(text: string): unknown {\n  const parsed = JSON.parse(text) as { outputs: { data: unknown }[] };\n  return parsed.outputs[0]?.data;\n}\n',
    ruleId: 'npvguard/oip-outputs-by-name',
    line: 3,
  },
  {
    change: 'N+1 feature fetches, one per candidate',
    file: 'src/components/hydrators/candidateFeaturesHydrator.ts',
    code: "import type { FeatureStorePort } from '../../core/ports.js';\nimport type { EntityRef } from '../../core/records.js';\nexport async function hydrate(store: FeatureStorePort, seed: string, candidates: readonly EntityRef[], signal: AbortSignal) {\n  return Promise.all(candidates.map((candidate) => store.candidateFeatures(seed, [candidate], signal)));\n}\n",
    ruleId: 'npvguard/no-unbounded-fanout',
    line: 4,
  },
  {
    change: 'independent sources awaited one after another',
    file: 'src/pipeline/npvPipeline.ts',
    code: "import type { CatalogPort, FeatureStorePort } from '../core/ports.js';\nexport async function gather(catalog: CatalogPort, store: FeatureStorePort, trackId: string, listenerId: string, signal: AbortSignal) {\n  const related = await catalog.relatedTracks(trackId, 50, signal);\n  const features = await store.listenerFeatures(listenerId, signal);\n  return { related, features };\n}\n",
    ruleId: 'npvguard/no-sequential-independent-awaits',
    line: 4,
  },
  {
    change: 'sorting broken on NaN',
    file: 'src/components/selectors/rankByScore.ts',
    code: 'export function rank(entries: { score: number }[]) {\n  return entries.sort((a, b) => b.score - a.score);\n}\n',
    ruleId: 'npvguard/no-nan-unsafe-sort',
    line: 2,
  },
  {
    change: 'sync I/O in the handler',
    file: 'src/server/routes/cardsRoute.ts',
    code: "import { readFileSync } from 'node:fs';\nexport function handle() {\n  return JSON.parse(readFileSync('weights.json', 'utf8')) as unknown;\n}\n",
    ruleId: 'npvguard/no-sync-io-in-request-path',
    line: 3,
  },
];

describe('the reference service', () => {
  let eslint: ESLint;

  beforeAll(async () => {
    eslint = createEslint(await serviceBoundaries());
  });

  it('lints clean with recommended-type-checked and its own boundaries', async () => {
    const results = await eslint.lintFiles(['src/**/*.ts']);
    const messages = results.flatMap((result) =>
      result.messages.map((message) => `${result.filePath.slice(SERVICE.length)}:${message.line} ${message.ruleId ?? 'fatal'} ${message.message}`),
    );
    expect(results.length).toBeGreaterThan(50);
    expect(messages).toEqual([]);
  }, 180_000);

  it.each(PLANTED.map((planted) => [planted.change, planted] as const))('catches %s', async (_change, planted) => {
    const [result] = await eslint.lintText(planted.code, { filePath: `${SERVICE}${planted.file}` });
    const found = (result?.messages ?? []).map((message) => `${message.ruleId ?? 'fatal'}:${message.line}`);
    expect(found).toContain(`${planted.ruleId}:${planted.line}`);
  }, 30_000);
});
