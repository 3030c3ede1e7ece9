import { afterAll, describe, expect, it } from 'vitest';
import { brief, createRepo, MINIMAL_CONFIG, runIntegrity, type TempRepo } from './gitRepo.js';

interface Scenario {
  name: string;
  base: Record<string, string>;
  change: Record<string, string>;
  remove?: string[];
  /** `ruleId file:line`, sorted. */
  expected: string[];
}

const TESTS = "import { describe, it, expect } from 'vitest';\ndescribe('ranking', () => {\n  it('orders by score', () => expect(1).toBe(1));\n  it('breaks ties by id', () => expect(2).toBe(2));\n});\n";
const PROPERTY = "import fc from 'fast-check';\nimport { it } from 'vitest';\nit('buckets are stable', () => {\n  fc.assert(fc.property(fc.string(), (unit) => unit === unit), { numRuns: 500 });\n});\n";
const ROUTES = "export function routes(app: { get(url: string, handler: () => unknown): void }): void {\n  app.get('/x', () => ({}));\n}\n";
const SOURCE = 'export function parse(input: string): number {\n  return Number(input);\n}\n';

const SCENARIOS: readonly Scenario[] = [
  {
    name: 'an eslint-disable comment',
    base: { 'src/a.ts': SOURCE },
    change: { 'src/a.ts': 'export function parse(input: string): number {\n  // eslint-disable-next-line no-console\n  console.log(input);\n  return Number(input);\n}\n' },
    expected: ['integrity/eslint-disable src/a.ts:2'],
  },
  {
    name: 'an inline config comment turning a rule off',
    base: { 'src/a.ts': SOURCE },
    change: { 'src/a.ts': `/* eslint no-console: "off" */\n${SOURCE}` },
    expected: ['integrity/eslint-disable src/a.ts:1'],
  },
  {
    name: '@ts-ignore, @ts-nocheck and @ts-expect-error',
    base: { 'src/a.ts': SOURCE, 'src/b.ts': SOURCE },
    change: { 'src/a.ts': `// @ts-nocheck\n${SOURCE}`, 'src/b.ts': 'export function parse(input: string): number {\n  // @ts-ignore\n  return input;\n}\n/* @ts-expect-error */\nexport const x: number = "1";\n' },
    expected: ['integrity/ts-suppression src/a.ts:1', 'integrity/ts-suppression src/b.ts:2', 'integrity/ts-suppression src/b.ts:5'],
  },
  {
    name: '`as any`, but not in a string or a comment',
    base: { 'src/a.ts': SOURCE },
    change: { 'src/a.ts': 'export function parse(input: string): number {\n  const note = "cast as any";\n  // we never cast as any here\n  return (input as any) * 1;\n}\n' },
    expected: ['integrity/as-any src/a.ts:4'],
  },
  {
    name: '`as unknown as`',
    base: { 'src/a.ts': SOURCE },
    change: { 'src/a.ts': 'export function parse(input: string): number {\n  return input as unknown as number;\n}\n' },
    expected: ['integrity/as-unknown-as src/a.ts:2'],
  },
  {
    name: '`as unknown as` in a test double is not reported, `as any` in a test file is',
    base: { 'src/a.ts': SOURCE },
    change: {
      'tests/a.test.ts': "import { it } from 'vitest';\ninterface Port { read(): number; write(): void }\nit('reads', () => {\n  const port = { read: () => 1 } as unknown as Port;\n  const loose = port as any;\n  return loose.read();\n});\n",
      'src/b.spec.ts': 'export const stub = { id: 1 } as unknown as Map<string, number>;\n',
    },
    expected: ['integrity/as-any tests/a.test.ts:5'],
  },
  {
    name: 'a skipped and a todo test',
    base: { 'tests/rank.test.ts': TESTS },
    change: { 'tests/rank.test.ts': TESTS.replace("it('orders", "it.skip('orders").replace("  it('breaks ties by id', () => expect(2).toBe(2));\n", "  it('breaks ties by id', () => expect(2).toBe(2));\n  it.todo('handles NaN');\n") },
    expected: ['integrity/skipped-test tests/rank.test.ts:3', 'integrity/skipped-test tests/rank.test.ts:5'],
  },
  {
    name: 'a focused test',
    base: { 'tests/rank.test.ts': TESTS },
    change: { 'tests/rank.test.ts': TESTS.replace("describe('ranking'", "describe.only('ranking'") },
    expected: ['integrity/focused-test tests/rank.test.ts:2'],
  },
  {
    name: 'a deleted test file',
    base: { 'tests/rank.test.ts': TESTS, 'src/a.ts': SOURCE },
    change: {},
    remove: ['tests/rank.test.ts'],
    expected: ['integrity/deleted-test-file tests/rank.test.ts:1'],
  },
  {
    name: 'fewer test cases, counting .each rows',
    base: { 'tests/rank.test.ts': "import { it } from 'vitest';\nit.each([[1], [2], [3]])('parses %i', (value) => {});\nit('keeps', () => {});\n" },
    change: { 'tests/rank.test.ts': "import { it } from 'vitest';\nit.each([[1], [2]])('parses %i', (value) => {});\nit('keeps', () => {});\n" },
    expected: ['integrity/fewer-test-cases tests/rank.test.ts:2'],
  },
  {
    name: 'a lowered numRuns, and a numRuns below the default added',
    base: { 'tests/bucket.test.ts': PROPERTY, 'tests/other.test.ts': "import fc from 'fast-check';\nimport { it } from 'vitest';\nit('p', () => fc.assert(fc.property(fc.nat(), (n) => n >= 0)));\n" },
    change: {
      'tests/bucket.test.ts': PROPERTY.replace('numRuns: 500', 'numRuns: 20'),
      'tests/other.test.ts': "import fc from 'fast-check';\nimport { it } from 'vitest';\nit('p', () => fc.assert(fc.property(fc.nat(), (n) => n >= 0), { numRuns: 10 }));\n",
    },
    expected: ['integrity/fewer-property-runs tests/bucket.test.ts:4', 'integrity/fewer-property-runs tests/other.test.ts:3'],
  },
  {
    name: 'a loosened npvguard config: rule off, allow widened, budget raised, section removed',
    base: {
      'npvguard.config.ts': "export default {\n  rules: { 'integrity/as-any': 'error' },\n  boundaries: { layers: { core: 'src/core/**', server: 'src/server/**' }, allow: { core: [], server: ['core'] } },\n  latency: { budgets: { 'GET /x': { p99Ms: 50 } } },\n  lint: {},\n  integrity: {},\n};\n",
      'src/core/a.ts': SOURCE,
      'src/server/b.ts': SOURCE,
    },
    change: {
      'npvguard.config.ts': "export default {\n  rules: { 'integrity/as-any': 'warning' },\n  boundaries: { layers: { core: 'src/core/**', server: 'src/server/**' }, allow: { core: ['server'], server: ['core'] } },\n  latency: { budgets: { 'GET /x': { p99Ms: 80 } } },\n  integrity: {},\n};\n",
    },
    expected: [
      'integrity/npvguard-config-loosened npvguard.config.ts:1',
      'integrity/npvguard-config-loosened npvguard.config.ts:2',
      'integrity/npvguard-config-loosened npvguard.config.ts:3',
      'integrity/npvguard-config-loosened npvguard.config.ts:4',
    ],
  },
  {
    name: 'a loosened tsconfig',
    base: { 'tsconfig.json': '{ "compilerOptions": { "strict": true, "noUncheckedIndexedAccess": true } }\n', 'src/a.ts': SOURCE },
    change: { 'tsconfig.json': '{\n  "compilerOptions": {\n    "strict": true,\n    "noImplicitAny": false\n  }\n}\n' },
    expected: ['integrity/tsconfig-loosened tsconfig.json:1', 'integrity/tsconfig-loosened tsconfig.json:4'],
  },
  {
    name: 'a contract snapshot edited without route code',
    base: { 'contracts/openapi.json': '{\n  "openapi": "3.1.0",\n  "paths": {}\n}\n', 'src/server/routes.ts': SOURCE },
    change: { 'contracts/openapi.json': '{\n  "openapi": "3.1.0",\n  "paths": { "/x": {} }\n}\n' },
    expected: ['integrity/snapshot-without-route-change contracts/openapi.json:3'],
  },
  {
    name: 'a grown baseline file',
    base: { 'npvguard.baseline.json': '{\n  "version": 1,\n  "findings": []\n}\n', 'src/a.ts': SOURCE },
    change: { 'npvguard.baseline.json': '{\n  "version": 1,\n  "findings": [\n    { "ruleId": "boundaries/cycle", "file": "src/a.ts", "fingerprint": "abc", "message": "m", "reason": "later" }\n  ]\n}\n' },
    expected: ['integrity/acknowledgements-grown npvguard.baseline.json:3'],
  },
];

const BENIGN: readonly Scenario[] = [
  {
    name: 'a new candidate source with a timeout',
    base: { 'src/sources/related.ts': 'export async function related(signal: AbortSignal): Promise<string[]> {\n  return fetch("http://127.0.0.1/r", { signal }).then(() => []);\n}\n' },
    change: { 'src/sources/concerts.ts': 'export async function concerts(signal: AbortSignal): Promise<string[]> {\n  const response = await fetch("http://127.0.0.1/c", { signal: AbortSignal.any([signal, AbortSignal.timeout(20)]) });\n  return response.ok ? [] : [];\n}\n' },
    expected: [],
  },
  {
    name: 'a refactor that moves code, an existing suppression and a test between files',
    base: {
      'src/a.ts': 'export function one(): number {\n  // eslint-disable-next-line no-console\n  console.log("x");\n  return (1 as unknown as number);\n}\nexport const two = 2;\n',
      'tests/a.test.ts': "import { it } from 'vitest';\nit('one', () => {});\nit('two', () => {});\n",
    },
    change: {
      'src/a.ts': 'export const two = 2;\n',
      'src/one.ts': 'export function one(): number {\n  // eslint-disable-next-line no-console\n  console.log("x");\n  return (1 as unknown as number);\n}\n',
      'tests/a.test.ts': "import { it } from 'vitest';\nit('two', () => {});\n",
      'tests/one.test.ts': "import { it } from 'vitest';\nit('one', () => {});\n",
    },
    expected: [],
  },
  {
    name: 'a test added',
    base: { 'tests/rank.test.ts': TESTS },
    change: { 'tests/rank.test.ts': TESTS.replace('});\n', "  it('keeps NaN last', () => expect(3).toBe(3));\n});\n") },
    expected: [],
  },
  {
    name: 'a budget lowered and an allow-list narrowed',
    base: { 'npvguard.config.ts': "export default {\n  boundaries: { layers: { core: 'src/core/**', server: 'src/server/**' }, allow: { core: [], server: ['core'] } },\n  latency: { budgets: { 'GET /x': { p99Ms: 50 } } },\n  integrity: {},\n};\n", 'src/core/a.ts': SOURCE, 'src/server/a.ts': SOURCE },
    change: { 'npvguard.config.ts': "export default {\n  boundaries: { layers: { core: 'src/core/**', server: 'src/server/**' }, allow: { core: [], server: [] } },\n  latency: { budgets: { 'GET /x': { p99Ms: 40 } } },\n  integrity: {},\n};\n" },
    expected: [],
  },
  {
    name: 'numRuns raised, and a snapshot regenerated with its route',
    base: { 'tests/bucket.test.ts': PROPERTY, 'contracts/openapi.json': '{}\n', 'tsconfig.json': '{}\n', 'src/server/routes.ts': ROUTES },
    change: { 'tests/bucket.test.ts': PROPERTY.replace('numRuns: 500', 'numRuns: 1000'), 'contracts/openapi.json': '{ "paths": {} }\n', 'src/server/routes.ts': ROUTES.replace("'/x'", "'/y'") },
    expected: [],
  },
  {
    name: 'code kept beside the snapshots (invariants, a feature spec) edited on its own',
    base: { 'contracts/openapi.json': '{}\n', 'contracts/invariants.ts': SOURCE, 'src/server/routes.ts': SOURCE },
    change: { 'contracts/invariants.ts': `${SOURCE}export const limit = 50;\n` },
    expected: [],
  },
];

const repos: TempRepo[] = [];
afterAll(() => repos.forEach((repo) => repo.cleanup()));

async function runScenario(scenario: Scenario, commit: boolean): Promise<string[]> {
  const repo = createRepo({ 'npvguard.config.ts': MINIMAL_CONFIG, 'src/index.ts': 'export {};\n', ...scenario.base });
  repos.push(repo);
  repo.write(scenario.change);
  repo.remove(...(scenario.remove ?? []));
  if (commit) repo.commit('change');
  const run = await runIntegrity(repo.root, commit ? ['--base', 'HEAD~1'] : []);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(scenario.expected.length === 0 ? 0 : 1);
  return brief(run.findings);
}

describe('integrity: each bad change is reported with its rule, file and line', () => {
  it.each(SCENARIOS.map((scenario) => [scenario.name, scenario] as const))('%s (committed, --base HEAD~1)', async (_, scenario) => {
    expect(await runScenario(scenario, true)).toEqual(scenario.expected);
  });

  it.each(SCENARIOS.slice(0, 4).map((scenario) => [scenario.name, scenario] as const))('%s (uncommitted, against HEAD)', async (_, scenario) => {
    expect(await runScenario(scenario, false)).toEqual(scenario.expected);
  });
});

describe('integrity: benign changes report nothing', () => {
  it.each(BENIGN.map((scenario) => [scenario.name, scenario] as const))('%s', async (_, scenario) => {
    expect(await runScenario(scenario, true)).toEqual([]);
  });
});

describe('integrity: a change that adopts npvguard', () => {
  const BASELINE = '{\n  "version": 1,\n  "findings": [\n    { "ruleId": "latency/missing-timeout", "file": "src/a.ts", "fingerprint": "abc", "message": "m", "reason": "in the code when npvguard was adopted" }\n  ]\n}\n';

  it('accepts the baseline file init wrote with it, but not a grown ESLint suppressions file', async () => {
    const repo = createRepo({ 'src/index.ts': 'export {};\n', 'src/a.ts': SOURCE, 'eslint-suppressions.json': '{}\n' });
    repos.push(repo);
    repo.write({ 'npvguard.config.ts': MINIMAL_CONFIG, 'npvguard.baseline.json': BASELINE, 'eslint-suppressions.json': '{ "src/a.ts": { "no-console": { "count": 2 } } }\n' });
    repo.commit('adopt npvguard');
    const run = await runIntegrity(repo.root, ['--base', 'HEAD~1']);
    expect(run.stderr).toBe('');
    expect(brief(run.findings)).toEqual(['integrity/acknowledgements-grown eslint-suppressions.json:1']);
  });

  it('judges the baseline file once the config was there before the change', async () => {
    const repo = createRepo({ 'npvguard.config.ts': MINIMAL_CONFIG, 'src/index.ts': 'export {};\n', 'src/a.ts': SOURCE });
    repos.push(repo);
    repo.write({ 'npvguard.baseline.json': BASELINE });
    repo.commit('accept a finding');
    const run = await runIntegrity(repo.root, ['--base', 'HEAD~1']);
    expect(brief(run.findings)).toEqual(['integrity/acknowledgements-grown npvguard.baseline.json:1']);
  });
});
