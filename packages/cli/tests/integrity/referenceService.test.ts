import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding, Result } from '@npvguard/core';
import { REPO_ROOT, runCli } from '../support/cli.js';
import { git } from './gitRepo.js';

/**
 * The acceptance run: a copy of the reference service in a temporary git repository (laid out as in this repo,
 * so its tsconfig still extends ../../tsconfig.base.json), each class of bad change of the product brief
 * committed on top of a clean commit and checked with `npvguard check --base HEAD~1`.
 */
const SERVICE_NAME = path.join('examples', 'npv-ranking-service');
const SKIPPED = new Set(['node_modules', 'dist', 'var', '.scratch']);

let top: string;
let service: string;

function read(file: string): string {
  return readFileSync(path.join(service, file), 'utf8');
}

function write(files: Record<string, string>): void {
  for (const [file, text] of Object.entries(files)) {
    execFileSync('mkdir', ['-p', path.dirname(path.join(service, file))]);
    writeFileSync(path.join(service, file), text);
  }
}

/** Replaces one exact piece of a file; fails if the piece is not there, so a drifting service breaks the test loudly. */
function edit(file: string, from: string, to: string): void {
  const text = read(file);
  if (!text.includes(from)) throw new Error(`${file} no longer contains ${JSON.stringify(from)}`);
  write({ [file]: text.replace(from, to) });
}

function commit(message: string): void {
  git(top, 'add', '--all');
  git(top, 'commit', '--quiet', '-m', message);
}

/** Back to the clean tree as a new commit, so the next change is checked against HEAD~1 = clean. */
function revertLast(): void {
  git(top, 'revert', '--no-edit', '--quiet', 'HEAD');
}

async function check(only: string): Promise<{ code: number; findings: Finding[]; stderr: string }> {
  const run = await runCli(['check', '--only', only, '--base', 'HEAD~1', '--format', 'json'], { cwd: service });
  if (run.stdout === '') throw new Error(`no report (exit ${run.code}): ${run.stderr}`);
  const result = JSON.parse(run.stdout) as Result;
  return { code: run.code, stderr: run.stderr, findings: result.findings.filter((finding) => finding.baseline === undefined) };
}

function located(findings: readonly Finding[]): string[] {
  return findings.map((finding) => `${finding.ruleId} ${finding.file}:${finding.line}`);
}

beforeAll(() => {
  top = mkdtempSync(path.join(tmpdir(), 'npvguard-acceptance-'));
  service = path.join(top, SERVICE_NAME);
  cpSync(path.join(REPO_ROOT, SERVICE_NAME), service, { recursive: true, filter: (source) => !SKIPPED.has(path.basename(source)) });
  cpSync(path.join(REPO_ROOT, 'tsconfig.base.json'), path.join(top, 'tsconfig.base.json'));
  // The projects the service's tsconfig references, so its imports resolve as in this repo.
  for (const referenced of ['packages/harness/tsconfig.json', 'packages/core/tsconfig.json', 'examples/model-server/tsconfig.json']) {
    cpSync(path.join(REPO_ROOT, referenced), path.join(top, referenced));
  }
  symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(top, 'node_modules'), 'dir');
  writeFileSync(path.join(top, '.gitignore'), 'node_modules\n');
  git(top, 'init', '--quiet', '--initial-branch=main');
  write({ 'contracts/openapi.json': '{\n  "openapi": "3.1.0",\n  "paths": {}\n}\n' });
  commit('the reference service');
});

afterAll(() => {
  if (top !== undefined) {
    git(top, 'worktree', 'prune');
    rmSync(top, { recursive: true, force: true });
  }
});

describe('acceptance on a copy of the reference service', () => {
  it('integrity-class bad changes: each reported with its rule id, exit 1', async () => {
    write({
      'src/domain/shortcuts.ts': [
        'export function score(value: unknown): number {',
        '  return (value as any).score;',
        '}',
        'export function rank(value: string): number {',
        '  return value as unknown as number;',
        '}',
        '',
      ].join('\n'),
      'src/core/silenced.ts': '// @ts-ignore\nexport const answer: number = "42";\n// eslint-disable-next-line @typescript-eslint/no-unused-vars\nconst unused = 1;\n',
      'contracts/openapi.json': '{\n  "openapi": "3.1.0",\n  "paths": { "/v1/npv/cards": {} }\n}\n',
      'npvguard.baseline.json': `${JSON.stringify({ version: 1, findings: [{ ruleId: 'lint/npvguard/no-pii-in-logs', file: 'src/server/routes/cardsRoute.ts', fingerprint: '0123456789abcdef', message: 'accepted', reason: 'later' }] }, null, 2)}\n`,
    });
    edit('tests/privacy.test.ts', "it('logs the keyed pseudonym instead'", "it.skip('logs the keyed pseudonym instead'");
    edit('tests/pipelineContracts.test.ts', '{ numRuns: 300 }', '{ numRuns: 10 }');
    edit('npvguard.config.ts', "'POST /v1/npv/cards': { p99Ms: 50 }", "'POST /v1/npv/cards': { p99Ms: 80 }");
    edit('eslint.config.js', "rules: { 'npvguard/boundaries': 'error' },", "rules: { 'npvguard/boundaries': 'error', 'npvguard/no-pii-in-logs': 'off' },");
    edit('tsconfig.check.json', '"noEmit": true,', '"noEmit": true,\n    "noUncheckedIndexedAccess": false,');
    rmSync(path.join(service, 'tests/eventSinks.test.ts'));
    commit('bad: weaken the guardrails');
    const run = await check('integrity');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const ids = located(run.findings);
    for (const expected of [
      'integrity/as-any src/domain/shortcuts.ts:2',
      'integrity/as-unknown-as src/domain/shortcuts.ts:5',
      'integrity/ts-suppression src/core/silenced.ts:1',
      'integrity/eslint-disable src/core/silenced.ts:3',
      'integrity/skipped-test tests/privacy.test.ts:63',
      'integrity/fewer-property-runs tests/pipelineContracts.test.ts:103',
      'integrity/deleted-test-file tests/eventSinks.test.ts:1',
      'integrity/snapshot-without-route-change contracts/openapi.json:3',
      'integrity/acknowledgements-grown npvguard.baseline.json:1',
    ]) {
      expect(ids).toContain(expected);
    }
    const byRule = (ruleId: string) => run.findings.filter((finding) => finding.ruleId === ruleId).map((finding) => finding.message);
    expect(byRule('integrity/npvguard-config-loosened')).toEqual(['The npvguard config is looser than at HEAD~1: latency.budgets.POST /v1/npv/cards.p99Ms raised from 50 to 80.']);
    expect(byRule('integrity/eslint-config-loosened').join('\n')).toMatch(/npvguard\/no-pii-in-logs is now off .* was error/);
    expect(byRule('integrity/tsconfig-loosened')).toEqual([expect.stringMatching(/^The compiler option noUncheckedIndexedAccess is now false for tsconfig.check.json/)]);
    expect(run.findings.every((finding) => finding.severity === 'error')).toBe(true);
    revertLast();
  }, 60_000);

  it('lint-class bad changes: each reported as lint/<rule> at its line, exit 1', async () => {
    write({
      'src/server/routes/debugRoute.ts': "import type { FastifyInstance } from 'fastify';\nexport function debugRoute(app: FastifyInstance): void {\n  app.get('/debug', async () => ({ ok: true }));\n}\n",
      'src/server/routes/directModel.ts': "export async function score(body: unknown): Promise<unknown> {\n  const response = await fetch('http://127.0.0.1:8081/v2/models/ranker/infer', { method: 'POST', body: JSON.stringify(body) });\n  return response.json();\n}\n",
      'src/components/filters/catalogFilter.ts': "import { InMemoryCatalog } from '../../clients/catalog/inMemoryCatalog.js';\nexport const catalogType = InMemoryCatalog;\n",
      'src/components/scorers/threshold.ts': "export const threshold = Number(process.env.NPV_PRESCORE_THRESHOLD ?? '0.1');\n",
      'src/experiments/pickArm.ts': 'export function pickArm(arms: readonly string[]): string | undefined {\n  return arms[Math.floor(Math.random() * arms.length)];\n}\n',
      'src/components/selectors/rankNaive.ts': 'export function rank(entries: { score: number }[]): { score: number }[] {\n  return entries.sort((a, b) => b.score - a.score);\n}\n',
      'src/clients/model/readFirst.ts': 'export function readFirst(text: string): unknown {\n  const parsed = JSON.parse(text) as { outputs: { data: unknown }[] };\n  return parsed.outputs[0]?.data;\n}\n',
    });
    commit('bad: agent shortcuts');
    const run = await check('lint');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const ids = located(run.findings);
    for (const expected of [
      'lint/npvguard/route-requires-schema src/server/routes/debugRoute.ts:3',
      'lint/npvguard/require-timeout-type-checked src/server/routes/directModel.ts:2',
      'lint/npvguard/boundaries src/components/filters/catalogFilter.ts:1',
      'lint/npvguard/no-process-env-outside-config src/components/scorers/threshold.ts:1',
      'lint/npvguard/deterministic-ranking src/experiments/pickArm.ts:2',
      'lint/npvguard/no-nan-unsafe-sort src/components/selectors/rankNaive.ts:2',
      'lint/npvguard/oip-outputs-by-name src/clients/model/readFirst.ts:3',
    ]) {
      expect(ids).toContain(expected);
    }
    revertLast();
  }, 60_000);

  it('benign changes pass: a new source with a timeout, code moved, a test added, a budget lowered, a justified suppression', async () => {
    write({
      'src/components/sources/podcastsSource.ts': [
        'export async function podcasts(url: string, signal: AbortSignal): Promise<unknown> {',
        '  const response = await fetch(url, { signal: AbortSignal.any([signal, AbortSignal.timeout(15)]) });',
        '  return response.json();',
        '}',
        '',
      ].join('\n'),
      'src/domain/marketMembership.ts': "import { MARKETS, type Market } from './markets.js';\n\nconst MARKET_SET: ReadonlySet<string> = new Set(MARKETS);\n\nexport function isMarket(value: string): value is Market {\n  return MARKET_SET.has(value);\n}\n",
      'src/domain/legacy.ts': "// npvguard-justify: the legacy payload is untyped until the v2 client ships\n// eslint-disable-next-line @typescript-eslint/no-explicit-any\nexport type LegacyPayload = any;\n",
    });
    edit('src/domain/markets.ts', '\nconst MARKET_SET: ReadonlySet<string> = new Set(MARKETS);\n\nexport function isMarket(value: string): value is Market {\n  return MARKET_SET.has(value);\n}\n', '');
    edit('tests/invalidRequests.test.ts', "from '../src/domain/markets.js'", "from '../src/domain/marketMembership.js'");
    edit('tests/catalog.test.ts', "from '../src/domain/markets.js'", "from '../src/domain/marketMembership.js'");
    edit('tests/privacy.test.ts', "  it('logs the keyed pseudonym instead'", "  it('never logs the raw id on a fallback', () => {\n    expect(RAW_ID).not.toBe(KEY);\n  });\n\n  it('logs the keyed pseudonym instead'");
    edit('npvguard.config.ts', "'POST /v1/npv/cards': { p99Ms: 50 }", "'POST /v1/npv/cards': { p99Ms: 45 }");
    commit('benign');
    const run = await check('lint,integrity');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.findings.filter((finding) => finding.severity === 'error')).toEqual([]);
    expect(run.findings.map((finding) => [finding.ruleId, finding.file, finding.line, finding.severity, finding.data?.justification])).toEqual([
      ['integrity/eslint-disable', 'src/domain/legacy.ts', 2, 'warning', 'the legacy payload is untyped until the v2 client ships'],
    ]);
  }, 60_000);

  it('a contract change driven by a domain constant: the snapshot follows code its route schema imports', async () => {
    edit('src/domain/card.ts', "  'listened_together',\n", "  'listened_together',\n  'popular_nearby',\n");
    write({ 'contracts/openapi.json': '{\n  "openapi": "3.1.0",\n  "paths": { "/v1/npv/cards": { "post": {} } }\n}\n' });
    commit('a new card reason, with the snapshot regenerated');
    const followed = await check('integrity');
    expect(followed.stderr).toBe('');
    expect(followed.findings).toEqual([]);
    revertLast();
    // The same snapshot edit beside a change to a client, which no route imports (the composition root wires it in).
    edit('src/clients/systemClock.ts', 'export', "export const CLOCK_SOURCE = 'system';\nexport");
    write({ 'contracts/openapi.json': '{\n  "openapi": "3.1.0",\n  "paths": { "/v1/npv/cards": { "post": {} } }\n}\n' });
    commit('a client constant, with the snapshot edited');
    const unrelated = await check('integrity');
    expect(located(unrelated.findings)).toEqual(['integrity/snapshot-without-route-change contracts/openapi.json:3']);
    expect(unrelated.findings[0]?.message).toContain('src/server/routes/cardsRoute.ts, src/server/routes/operationsRoutes.ts');
    revertLast();
  }, 60_000);
});
