import { afterAll, describe, expect, it } from 'vitest';
import { ModuleReader } from '../../src/modules/constantValue/index.js';
import { parseSource } from '../../src/checks/integrity/source/parseSource.js';
import { propertyRuns } from '../../src/checks/integrity/source/propertyRuns.js';
import { testCases, type UnresolvedTable } from '../../src/checks/integrity/source/testCases.js';
import { brief, createRepo, MINIMAL_CONFIG, runIntegrity, type TempRepo } from './gitRepo.js';

const HEADER = "import fc from 'fast-check';\nimport { it } from 'vitest';\n";

/** A property in `it('buckets are stable')` whose parameters argument is `parameters`, after `setup` lines. */
function propertyFile(setup: string, parameters: string): string {
  return `${HEADER}${setup}\nit('buckets are stable', () => {\n  fc.assert(fc.property(fc.string(), (unit) => unit === unit), ${parameters});\n});\n`;
}

async function runsIn(files: Record<string, string>, file = 'tests/bucket.test.ts') {
  const reader = new ModuleReader((name) => files[name], parseSource);
  const source = parseSource(file, files[file] ?? '');
  reader.add(source);
  return (await reader.settle(() => propertyRuns(source, reader))).result.map((found) => ({ key: found.key, runs: found.runs, explicit: found.explicit, line: found.line }));
}

describe('propertyRuns: numRuns resolved to its value', () => {
  it.each([
    ['a literal', '', '{ numRuns: 500 }', 500],
    ['a local constant', 'const RUNS = 20;', '{ numRuns: RUNS }', 20],
    ['arithmetic on a constant', 'const BASE = 500;', '{ numRuns: BASE / 5 - 1_0 }', 90],
    ['an `as const` object', 'const RUNS = { property: 25, slow: 5 } as const;', '{ numRuns: RUNS.property }', 25],
    ['an enum member', 'enum Runs { Few = 10, Many = 1000 }', '{ numRuns: Runs.Few }', 10],
    ['a spread with numRuns after it', 'const defaults = { numRuns: 100, seed: Date.now() };', '{ ...defaults, numRuns: 40 }', 40],
    ['a spread that sets numRuns', 'const defaults = { numRuns: 60 };', '{ verbose: true, ...defaults }', 60],
    ['a parameters constant', 'const PARAMETERS = { numRuns: 7 } satisfies fc.Parameters<[string]>;', 'PARAMETERS', 7],
  ])('%s', async (_, setup, parameters, expected) => {
    expect(await runsIn({ 'tests/bucket.test.ts': propertyFile(setup, parameters) })).toEqual([{ key: "'buckets are stable'#0", runs: { known: true, value: expected }, explicit: true, line: 5 }]);
  });

  it('reads an imported constant and an imported `as const` object from the helper file', async () => {
    const files = {
      'tests/support/runs.ts': 'export const RUNS = 20;\nexport const SETTINGS = { property: RUNS * 3 } as const;\n',
      'tests/bucket.test.ts': propertyFile("import { RUNS, SETTINGS } from './support/runs.js';", '{ numRuns: RUNS + SETTINGS.property }'),
    };
    expect(await runsIn(files)).toEqual([{ key: "'buckets are stable'#0", runs: { known: true, value: 80 }, explicit: true, line: 5 }]);
  });

  it('reads fc.configureGlobal through a constant, and an options object without numRuns as the default', async () => {
    const text = `${HEADER}const GLOBAL = { numRuns: 250 };\nfc.configureGlobal(GLOBAL);\nconst OPTIONS = { seed: 1 };\nit('p', () => fc.assert(fc.property(fc.nat(), (n) => n >= 0), OPTIONS));\n`;
    expect(await runsIn({ 'tests/bucket.test.ts': text })).toEqual([
      { key: 'configureGlobal#0', runs: { known: true, value: 250 }, explicit: true, line: 4 },
      { key: "'p'#0", runs: { known: true, value: 100 }, explicit: false, line: 6 },
    ]);
  });

  it.each([
    ['a call', 'function runs(): number { return 5; }', '{ numRuns: runs() }', /`runs\(\)` is a call/],
    ['an environment read', '', '{ numRuns: Number(process.env.RUNS) }', /`process\.env\.RUNS` is read from the process at run time/],
    ['a parameters object from a call', '', 'loadParameters()', /`\.\.\.|`loadParameters\(\)` is a call/],
    ['a string', '', "{ numRuns: 'many' as unknown as number }", /`numRuns` is "many", not a number/],
    ['a package import', "import { RUNS } from 'shared-test-settings';", '{ numRuns: RUNS }', /imported from the package `shared-test-settings`/],
  ])('%s stays unresolved, with the reason', async (_, setup, parameters, reason) => {
    const [found] = await runsIn({ 'tests/bucket.test.ts': propertyFile(setup, parameters) });
    expect(found?.runs.known).toBe(false);
    if (found !== undefined && !found.runs.known) expect(found.runs.reason).toMatch(reason);
  });
});

describe('testCases: .each tables resolved to their rows', () => {
  async function casesIn(files: Record<string, string>, file = 'tests/parse.test.ts') {
    const reader = new ModuleReader((name) => files[name], parseSource);
    const source = parseSource(file, files[file] ?? '');
    reader.add(source);
    return (await reader.settle(() => {
      const unresolved: UnresolvedTable[] = [];
      return { count: testCases(source, reader, unresolved).length, unresolved: unresolved.map((table) => table.reason) };
    })).result;
  }

  it.each([
    ['an array literal', 'it.each([[1], [2], [3]])', 3],
    ['a local constant', 'const ROWS = [[1], [2]];\nit.each(ROWS)', 2],
    ['spreads of constants', 'const BASE = [[1], [2]] as const;\nit.each([...BASE, [3]])', 3],
  ])('%s', async (_, table, expected) => {
    expect(await casesIn({ 'tests/parse.test.ts': `import { it } from 'vitest';\n${table}('parses %i', () => {});\n` })).toEqual({ count: expected, unresolved: [] });
  });

  it('an imported table', async () => {
    const files = { 'tests/rows.ts': 'export const ROWS = [[1], [2], [3], [4]];\n', 'tests/parse.test.ts': "import { it } from 'vitest';\nimport { ROWS } from './rows.js';\nit.each(ROWS)('parses %i', () => {});\n" };
    expect(await casesIn(files)).toEqual({ count: 4, unresolved: [] });
  });

  it('a table from a call counts once and says why', async () => {
    expect(await casesIn({ 'tests/parse.test.ts': "import { it } from 'vitest';\nit.each(loadRows())('parses %i', () => {});\n" })).toEqual({ count: 1, unresolved: ['`loadRows()` is a call: its result is known only when the code runs'] });
  });
});

const repos: TempRepo[] = [];
afterAll(() => repos.forEach((repo) => repo.cleanup()));

/** Commits `base`, then `change` on top, and runs the integrity check against the base: `ruleId file:line` and the exit code. */
async function changeOf(base: Record<string, string>, change: Record<string, string>): Promise<{ findings: string[]; code: number; messages: string[] }> {
  const repo = createRepo({ 'npvguard.config.ts': MINIMAL_CONFIG, 'src/index.ts': 'export {};\n', ...base });
  repos.push(repo);
  repo.write(change);
  repo.commit('change');
  const run = await runIntegrity(repo.root);
  expect(run.stderr).toBe('');
  return { findings: brief(run.findings), code: run.code, messages: run.findings.map((finding) => finding.message) };
}

const HELPER = 'tests/support/runs.ts';

describe('integrity: a run count lowered through a value, in any form', () => {
  it('a local constant lowered', async () => {
    const result = await changeOf({ 'tests/bucket.test.ts': propertyFile('const RUNS = 500;', '{ numRuns: RUNS }') }, { 'tests/bucket.test.ts': propertyFile('const RUNS = 20;', '{ numRuns: RUNS }') });
    expect(result.findings).toEqual(['integrity/fewer-property-runs tests/bucket.test.ts:5']);
    expect(result.messages[0]).toMatch(/now runs 20 time\(s\), down from 500/);
  });

  it('a literal replaced by arithmetic on a constant', async () => {
    const result = await changeOf({ 'tests/bucket.test.ts': propertyFile('const BASE = 500;', '{ numRuns: BASE }') }, { 'tests/bucket.test.ts': propertyFile('const BASE = 500;', '{ numRuns: BASE / 25 }') });
    expect(result.findings).toEqual(['integrity/fewer-property-runs tests/bucket.test.ts:5']);
  });

  it('an imported `as const` object lowered in the helper alone: the unchanged test is compared, its base against the base helper', async () => {
    const test = propertyFile(`import { RUNS } from './support/runs.js';`, '{ numRuns: RUNS.property }');
    const result = await changeOf(
      { 'tests/bucket.test.ts': test, [HELPER]: 'export const RUNS = { property: 500 } as const;\n' },
      { [HELPER]: 'export const RUNS = { property: 10 } as const;\n' },
    );
    expect(result.findings).toEqual(['integrity/fewer-property-runs tests/bucket.test.ts:5']);
    expect(result.messages[0]).toMatch(/now runs 10 time\(s\) \(through tests\/support\/runs\.ts\), down from 500/);
  });

  it('parameters imported whole through a re-exporting index, lowered two files away from the unchanged test', async () => {
    const test = propertyFile(`import { PARAMETERS } from './support/index.js';`, 'PARAMETERS');
    const base = { 'tests/bucket.test.ts': test, 'tests/support/index.ts': "export * from './parameters.js';\n", 'tests/support/parameters.ts': 'export const PARAMETERS = { numRuns: 300, seed: 42 };\nexport function unrelated(): number {\n  return 1;\n}\n' };
    const result = await changeOf(base, { 'tests/support/parameters.ts': 'export const PARAMETERS = { numRuns: 300 / 10, seed: 42 };\nexport function unrelated(): number {\n  return 1;\n}\n' });
    expect(result.findings).toEqual(['integrity/fewer-property-runs tests/bucket.test.ts:5']);
    expect(result.messages[0]).toMatch(/\(through tests\/support\/parameters\.ts\)/);
    const bodyOnly = await changeOf(base, { 'tests/support/parameters.ts': 'export const PARAMETERS = { numRuns: 300, seed: 42 };\nexport function unrelated(): number {\n  return 2;\n}\n' });
    expect(bodyOnly.findings).toEqual([]);
  });

  it('an enum member swapped, and fc.configureGlobal lowered through an imported constant', async () => {
    const base = { 'tests/bucket.test.ts': propertyFile('enum Runs { Few = 10, Many = 1000 }', '{ numRuns: Runs.Many }'), 'tests/setup.ts': "import fc from 'fast-check';\nimport { GLOBAL_RUNS } from './support/runs.js';\nfc.configureGlobal({ numRuns: GLOBAL_RUNS });\n", [HELPER]: 'export const GLOBAL_RUNS = 300;\n' };
    const result = await changeOf(base, { 'tests/bucket.test.ts': propertyFile('enum Runs { Few = 10, Many = 1000 }', '{ numRuns: Runs.Few }'), [HELPER]: 'export const GLOBAL_RUNS = 3_0;\n' });
    expect(result.findings).toEqual(['integrity/fewer-property-runs tests/bucket.test.ts:5', 'integrity/fewer-property-runs tests/setup.ts:3']);
  });

  it('a spread of defaults whose numRuns went down', async () => {
    const result = await changeOf(
      { 'tests/bucket.test.ts': propertyFile('const defaults = { numRuns: 200, verbose: true };', '{ ...defaults }') },
      { 'tests/bucket.test.ts': propertyFile('const defaults = { numRuns: 200, verbose: true };', '{ ...defaults, numRuns: 50 }') },
    );
    expect(result.findings).toEqual(['integrity/fewer-property-runs tests/bucket.test.ts:5']);
  });

  it('a number replaced by an environment read: a warning that says it is not compared and why; the exit code stays 0', async () => {
    const result = await changeOf({ 'tests/bucket.test.ts': propertyFile('', '{ numRuns: 500 }') }, { 'tests/bucket.test.ts': propertyFile('', '{ numRuns: Number(process.env.RUNS ?? 500) }') });
    expect(result.findings).toEqual(['integrity/unresolved-value tests/bucket.test.ts:5']);
    expect(result.messages[0]).toMatch(/not compared with HEAD~1: its numRuns cannot be resolved from the source \(`process\.env\.RUNS` is read from the process at run time\); at HEAD~1 it was 500/);
    expect(result.code).toBe(0);
  });

  it('a helper constant turned into a call: the unchanged test that imports it gets the warning', async () => {
    const test = propertyFile(`import { RUNS } from './support/runs.js';`, '{ numRuns: RUNS }');
    const result = await changeOf({ 'tests/bucket.test.ts': test, [HELPER]: 'export const RUNS = 500;\n' }, { [HELPER]: 'export const RUNS = Math.floor(Math.random() * 500);\n' });
    expect(result.findings).toEqual(['integrity/unresolved-value tests/bucket.test.ts:5']);
  });

  it('a table of cases shrunk in an imported constant: fewer test cases in the unchanged test file, at its .each line', async () => {
    const test = "import { it } from 'vitest';\nimport { CASES } from './cases.js';\n\nit.each(CASES)('parses %s', (input) => {});\n";
    const result = await changeOf({ 'tests/parse.test.ts': test, 'tests/cases.ts': "export const CASES = ['1', '2', '3'];\n" }, { 'tests/cases.ts': "export const CASES = ['1'];\n" });
    expect(result.findings).toEqual(['integrity/fewer-test-cases tests/parse.test.ts:4']);
  });

  it('a table replaced by a call: a warning, not a loss of cases', async () => {
    const before = "import { it } from 'vitest';\nit.each([[1], [2], [3]])('parses %i', (value) => {});\n";
    const after = "import { it } from 'vitest';\nimport { rows } from './rows.js';\nit.each(rows())('parses %i', (value) => {});\n";
    const result = await changeOf({ 'tests/parse.test.ts': before }, { 'tests/parse.test.ts': after, 'tests/rows.ts': 'export function rows(): number[][] { return [[1]]; }\n' });
    expect(result.findings).toEqual(['integrity/unresolved-value tests/parse.test.ts:3']);
  });
});

describe('integrity: runs set outside fc.assert (a harness option, a helper that runs the property, a new global setting)', () => {
  const TEST = 'tests/ranking.test.ts';
  /** A property handed to `check` (a helper in `helperFile`, imported) inside `it('orders')`. */
  const delegating = (helperFile: string) =>
    `${HEADER}import { check } from '${helperFile}';\nit('orders', () => {\n  check(fc.property(fc.array(fc.nat()), (xs) => xs.length >= 0));\n});\n`;
  const direct = `${HEADER}it('orders', () => {\n  fc.assert(fc.property(fc.array(fc.nat()), (xs) => xs.length >= 0));\n});\n`;

  it('fc.assert replaced by a helper whose own fc.assert runs fewer times than the default', async () => {
    const result = await changeOf(
      { [TEST]: direct },
      { [TEST]: delegating('./support/check.js'), 'tests/support/check.ts': "import fc from 'fast-check';\nconst FEW = 15;\nexport const check = (p: fc.IProperty<[number[]]>): void => fc.assert(p, { numRuns: FEW, seed: 7 });\n" },
    );
    expect(result.findings).toEqual([`integrity/fewer-property-runs ${TEST}:5`]);
    expect(result.messages[0]).toMatch(/now runs 15 time\(s\), down from 100 \(fast-check's default\)/);
  });

  it('a helper that keeps the default, or raises it, passes', async () => {
    const keeps = await changeOf({ [TEST]: direct }, { [TEST]: delegating('./support/check.js'), 'tests/support/check.ts': "import fc from 'fast-check';\nexport function check(p: fc.IProperty<[number[]]>): void {\n  fc.assert(p, { seed: 7 });\n}\n" });
    expect(keeps.findings).toEqual([]);
    const raises = await changeOf({ [TEST]: direct }, { [TEST]: delegating('./support/check.js'), 'tests/support/check.ts': "import fc from 'fast-check';\nexport function check(p: fc.IProperty<[number[]]>): void {\n  fc.assert(p, { numRuns: 400 });\n}\n" });
    expect(raises.findings).toEqual([]);
  });

  it('a helper from a package cannot be followed: a warning that says so', async () => {
    const result = await changeOf({ [TEST]: direct }, { [TEST]: delegating('shared-property-helpers') });
    expect(result.findings).toEqual([`integrity/unresolved-value ${TEST}:5`]);
    expect(result.messages[0]).toMatch(/run by `check`, which could not be followed/);
  });

  it('a harness option lowered through a constant object, and a raised one passing', async () => {
    const harness = (runs: string) => `import { propertySuite } from './support/suite.js';\nconst SUITE = { title: 'api', numRuns: ${runs} };\npropertySuite(() => makeApp(), SUITE);\npropertySuite(() => makeApp(), { title: 'invariants', numRuns: 30, scenarios: [] });\n`;
    const lowered = await changeOf({ 'tests/api.test.ts': harness('60') }, { 'tests/api.test.ts': harness('60 / 4') });
    expect(lowered.findings).toEqual(['integrity/fewer-property-runs tests/api.test.ts:3']);
    expect(lowered.messages[0]).toMatch(/now runs 15 time\(s\), down from 60/);
    const raised = await changeOf({ 'tests/api.test.ts': harness('60') }, { 'tests/api.test.ts': harness('90') });
    expect(raised.findings).toEqual([]);
  });

  it('fc.configureGlobal added in a new setup file below the default is reported; at or above it passes', async () => {
    const setup = (runs: number) => `import * as fc from 'fast-check';\nconst SHARED = { numRuns: ${runs}, endOnFailure: true };\nfc.configureGlobal({ ...SHARED });\n`;
    const lowered = await changeOf({ [TEST]: direct }, { 'tests/setup/global.ts': setup(25) });
    expect(lowered.findings).toEqual(['integrity/fewer-property-runs tests/setup/global.ts:3']);
    expect(lowered.messages[0]).toMatch(/every fast-check property without its own numRuns runs 25 time\(s\), down from 100 \(fast-check's default\)/);
    const kept = await changeOf({ [TEST]: direct }, { 'tests/setup/global.ts': setup(200) });
    expect(kept.findings).toEqual([]);
  });
});

describe('integrity: values that did not go down pass', () => {
  it('a constant raised, an enum member raised, an imported constant raised in the helper alone', async () => {
    const base = {
      'tests/bucket.test.ts': propertyFile('const RUNS = 100;', '{ numRuns: RUNS }'),
      'tests/enum.test.ts': propertyFile('enum Runs { Few = 10, Many = 1000 }', '{ numRuns: Runs.Few }'),
      'tests/imported.test.ts': propertyFile(`import { RUNS } from './support/runs.js';`, '{ numRuns: RUNS }'),
      [HELPER]: 'export const RUNS = 100;\n',
    };
    const change = {
      'tests/bucket.test.ts': propertyFile('const RUNS = 100 * 2;', '{ numRuns: RUNS }'),
      'tests/enum.test.ts': propertyFile('enum Runs { Few = 10, Many = 1000 }', '{ numRuns: Runs.Many }'),
      [HELPER]: 'export const RUNS = 1000;\n',
    };
    expect((await changeOf(base, change)).findings).toEqual([]);
  });

  it('a literal moved into a constant of the same value, and an unresolved setting the change did not touch', async () => {
    const untouched = propertyFile('', '{ numRuns: Number(process.env.RUNS ?? 100) }');
    const base = { 'tests/bucket.test.ts': propertyFile('', '{ numRuns: 500 }'), 'tests/env.test.ts': untouched };
    const change = { 'tests/bucket.test.ts': propertyFile("import { RUNS } from './support/runs.js';", '{ numRuns: RUNS }'), [HELPER]: 'export const RUNS = 5_00;\n', 'tests/env.test.ts': `${untouched}// edited\n` };
    expect((await changeOf(base, change)).findings).toEqual([]);
  });

  it('a table kept the same size through a constant', async () => {
    const before = "import { it } from 'vitest';\nit.each([[1], [2]])('parses %i', (value) => {});\n";
    const after = "import { it } from 'vitest';\nconst ROWS = [[1], [2]] as const;\nit.each(ROWS)('parses %i', (value) => {});\n";
    expect((await changeOf({ 'tests/parse.test.ts': before }, { 'tests/parse.test.ts': after })).findings).toEqual([]);
  });
});

describe('integrity: configs that read their values from other files', () => {
  const CONFIG = "import { BUDGETS, RUNS } from './src/config/budgets.js';\nexport default {\n  latency: { budgets: { 'GET /x': { p99Ms: BUDGETS.cards } } },\n  contracts: { app: './src/app.ts#build', properties: { runs: RUNS } },\n  integrity: {},\n};\n";

  it('a budget raised and the contract property runs lowered in the imported constants module: the unchanged config is compared', async () => {
    const result = await changeOf(
      { 'npvguard.config.ts': CONFIG, 'src/config/budgets.ts': 'export const BUDGETS = { cards: 50 } as const;\nexport const RUNS = 200;\n' },
      { 'src/config/budgets.ts': 'export const BUDGETS = { cards: 50 * 2 } as const;\nexport const RUNS = 10;\n' },
    );
    expect(result.findings).toEqual(['integrity/npvguard-config-loosened npvguard.config.ts:3', 'integrity/npvguard-config-loosened npvguard.config.ts:4']);
    expect(result.messages.join('\n')).toMatch(/looser than at HEAD~1 \(through src\/config\/budgets\.ts\): latency\.budgets\.GET \/x\.p99Ms raised from 50 to 100/);
    expect(result.messages.join('\n')).toMatch(/contracts\.properties\.runs lowered from 200 to 10/);
  });

  it('closed answer schemas judged tolerantly where they were judged strictly, and the way back', async () => {
    const config = (policy: string): string => `export default {\n  contracts: { app: './src/app.ts#build', closedSchemas: ${policy} },\n  integrity: {},\n};\n`;
    const loosened = await changeOf({ 'npvguard.config.ts': config("'strict'") }, { 'npvguard.config.ts': config("'tolerant'") });
    expect(loosened.findings).toEqual(['integrity/npvguard-config-loosened npvguard.config.ts:2']);
    expect(loosened.messages.join('\n')).toMatch(/contracts\.closedSchemas changed from strict to tolerant/);
    expect((await changeOf({ 'npvguard.config.ts': config("'tolerant'") }, { 'npvguard.config.ts': config("'strict'") })).findings).toEqual([]);
  });

  it('shorter sunset periods for deprecations (contracts.lifecycle.minSunsetDays, defaults included), and the way back', async () => {
    const config = (lifecycle: string): string => `export default {\n  contracts: { app: './src/app.ts#build'${lifecycle} },\n  integrity: {},\n};\n`;
    const loosened = await changeOf({ 'npvguard.config.ts': config('') }, { 'npvguard.config.ts': config(', lifecycle: { minSunsetDays: { stable: 30, beta: 31 } }') });
    expect(loosened.findings).toEqual(['integrity/npvguard-config-loosened npvguard.config.ts:2']);
    expect(loosened.messages.join('\n')).toMatch(/contracts\.lifecycle\.minSunsetDays\.stable lowered from 180 to 30/);
    expect(loosened.messages.join('\n')).not.toMatch(/beta/);
    expect((await changeOf({ 'npvguard.config.ts': config(', lifecycle: { minSunsetDays: { stable: 30 } }') }, { 'npvguard.config.ts': config('') })).findings).toEqual([]);
  });

  it('integrity.routes gaining globs lets more changes explain a snapshot change; losing one does not', async () => {
    const config = (routes: string): string => `export default {\n  integrity: ${routes},\n};\n`;
    const widened = await changeOf({ 'npvguard.config.ts': config('{}') }, { 'npvguard.config.ts': config("{ routes: ['src/**'] }") });
    expect(widened.findings).toEqual(['integrity/npvguard-config-loosened npvguard.config.ts:2']);
    expect(widened.messages.join('\n')).toMatch(/integrity\.routes now also counts src\/\*\* as route code/);
    expect((await changeOf({ 'npvguard.config.ts': config("{ routes: ['src/**'] }") }, { 'npvguard.config.ts': config('{}') })).findings).toEqual([]);
  });

  it('latency.sideEffects losing a glob holds fewer calls to never being awaited; gaining one does not loosen', async () => {
    const config = (globs: string): string => `export default {\n  latency: { budgets: {}, sideEffects: ${globs} },\n  integrity: {},\n};\n`;
    const narrowed = await changeOf({ 'npvguard.config.ts': config("['src/events/**', 'src/audit/**']") }, { 'npvguard.config.ts': config("['src/audit/**']") });
    expect(narrowed.findings).toEqual(['integrity/npvguard-config-loosened npvguard.config.ts:2']);
    expect(narrowed.messages.join('\n')).toMatch(/latency\.sideEffects no longer covers src\/events\/\*\*/);
    expect((await changeOf({ 'npvguard.config.ts': config("['src/audit/**']") }, { 'npvguard.config.ts': config("['src/audit/**', 'src/events/**']") })).findings).toEqual([]);
  });

  it('a budget lowered in the imported module passes', async () => {
    const result = await changeOf(
      { 'npvguard.config.ts': CONFIG, 'src/config/budgets.ts': 'export const BUDGETS = { cards: 50 } as const;\nexport const RUNS = 200;\n' },
      { 'src/config/budgets.ts': 'export const BUDGETS = { cards: 40 } as const;\nexport const RUNS = 200;\n' },
    );
    expect(result.findings).toEqual([]);
  });

  it('an ESLint rule turned off in a file the ESLint config imports', async () => {
    const repo = createRepo(
      { 'npvguard.config.ts': MINIMAL_CONFIG, 'src/index.ts': 'export {};\n', 'eslint.config.js': "import { SEVERITIES } from './eslint/severities.js';\nexport default [{ files: ['**/*.ts'], rules: { 'no-var': SEVERITIES.strict } }];\n", 'eslint/severities.js': "export const SEVERITIES = { strict: 'error' };\n" },
    );
    repos.push(repo);
    repo.write({ 'eslint/severities.js': "export const SEVERITIES = { strict: 'off' };\n" });
    repo.commit('change');
    const run = await runIntegrity(repo.root);
    expect(brief(run.findings)).toEqual(['integrity/eslint-config-loosened eslint.config.js:2']);
  });
});
