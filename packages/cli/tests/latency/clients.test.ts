import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeLatency, type LatencyAnalysis } from '../../src/checks/latency/index.js';
import { sourceFiles } from './referenceCopy.js';

/** Routes awaiting the clients of the outbound model (fixtures/clients, see its README). */
const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'clients');

let analysis: LatencyAnalysis;
beforeAll(() => {
  analysis = analyzeLatency({ root: ROOT, files: sourceFiles(ROOT), config: { budgets: {} } });
}, 120_000);

function bound(route: string): number | null | undefined {
  const found = analysis.routes.find((entry) => entry.route === route);
  if (found === undefined) throw new Error(`no route ${route}: ${analysis.routes.map((entry) => entry.route).join(', ')}`);
  return found.staticBoundMs;
}

function findingsOf(ruleId: string): string[] {
  return analysis.findings.filter((finding) => finding.ruleId === ruleId).map((finding) => `${finding.file}:${finding.line}`);
}

function lineOf(route: string): string {
  const found = analysis.routes.find((entry) => entry.route === route);
  return `${found?.file}:${found?.line}`;
}

describe('library clients on route paths', () => {
  it.each([
    ['GET /knex-timeout', 250, 'knex reached as a decorator typed by module augmentation, .timeout(250) at the end of the chain'],
    ['GET /knex-first', 120, '.timeout(120) inside the chain bounds the whole query'],
    ['GET /knex-union', 40, '(trx ?? fastify.knex)(...): a union of knex callables'],
    ['GET /knex-stream', 0, 'a builder turned into a stream is not awaited as a query'],
    ['GET /knex-destroy', 0, 'destroying the pool is not a query'],
    ['GET /pg-configured', 300, 'a pg Pool created with query_timeout: 300'],
    ['GET /pg-per-query', 90, 'a query config with query_timeout: 90'],
    ['GET /mysql-timeout', 80, 'mysql2 query options with timeout: 80'],
    ['GET /prisma-transaction', 400, 'an interactive Prisma transaction with timeout: 400'],
    ['GET /ioredis-configured', 50, 'an ioredis client created with commandTimeout: 50'],
    ['GET /axios-timeout', 150, 'axios.get with timeout: 150'],
    ['GET /axios-instance', 75, 'an axios instance created with axios.create({ timeout: 75 })'],
    ['GET /mongo', 60, 'a mongodb cursor with .maxTimeMS(60)'],
    ['GET /aws', 200, 'an AWS SDK send with abortSignal: AbortSignal.timeout(200)'],
  ])('%s is bounded: %d ms (%s)', (route, expected) => {
    expect(bound(route)).toBe(expected);
  });

  it.each([
    'GET /knex-bare',
    'GET /pg-bare',
    'GET /mysql-bare',
    'GET /prisma',
    'GET /ioredis-bare',
    'GET /axios-bare',
    'GET /mongo-bare',
    'GET /aws-bare',
  ])('%s has no bound: the client waits without limit, and the call is reported', (route) => {
    expect(bound(route)).toBeNull();
    expect(findingsOf('latency/missing-timeout')).toContain(lineOf(route));
  });

  it.each([
    ['GET /ioredis-handed-in', 'src/quoteCache.ts:8', 'a class property set from a constructor parameter'],
    ['GET /ioredis-parameter', 'src/quoteCache.ts:14', 'a function parameter'],
  ])('%s cannot be decided: the client is handed in (%s, %s), so a timeout set where it was created is not ruled out', (route, call) => {
    expect(bound(route)).toBeNull();
    expect(findingsOf('latency/missing-timeout')).not.toContain(call);
    const budgeted = analyzeLatency({ root: ROOT, files: sourceFiles(ROOT), config: { budgets: { [route]: { p99Ms: 100 } } } });
    const undecided = budgeted.findings.filter((finding) => finding.ruleId === 'latency/undecided-bound');
    expect(undecided.map((finding) => (finding.data as { undecidedAt: { file: string; line: number } }).undecidedAt)).toEqual([
      { file: call.split(':')[0], line: Number(call.split(':')[1]) },
    ]);
    expect(budgeted.findings.filter((finding) => finding.ruleId === 'latency/static-budget-exceeded')).toEqual([]);
  });

  it('a route over its budget by the waits it can read is exceeded, whatever the undecided wait before them', () => {
    const budgeted = analyzeLatency({ root: ROOT, files: sourceFiles(ROOT), config: { budgets: { 'GET /ioredis-handed-in-then-slow': { p99Ms: 200 }, 'GET /ioredis-handed-in': { p99Ms: 200 } } } });
    const byRule = (ruleId: string) => budgeted.findings.filter((finding) => finding.ruleId === ruleId).map((finding) => (finding.data as { route: string }).route);
    expect(byRule('latency/static-budget-exceeded')).toEqual(['GET /ioredis-handed-in-then-slow']);
    expect(byRule('latency/undecided-bound')).toEqual(['GET /ioredis-handed-in']);
    expect(budgeted.routes.find((route) => route.route === 'GET /ioredis-handed-in-then-slow')?.verdict).toBe('exceeded');
  });

  it('reports a missing timeout only on the unbounded routes', () => {
    expect(findingsOf('latency/missing-timeout')).toHaveLength(8);
  });

  it('names the client and what would bound it', () => {
    const knex = analysis.findings.find((finding) => finding.ruleId === 'latency/missing-timeout' && finding.file === lineOf('GET /knex-bare').split(':')[0] && `${finding.file}:${finding.line}` === lineOf('GET /knex-bare'));
    expect(knex?.message).toContain('(knex)');
    expect(knex?.message).toContain('`acquireConnectionTimeout` bound only getting a connection');
    expect(knex?.hint).toContain('`.timeout(ms)` on the query');
    const redis = analysis.findings.find((finding) => finding.ruleId === 'latency/missing-timeout' && `${finding.file}:${finding.line}` === lineOf('GET /ioredis-bare'));
    expect(redis?.hint).toContain('`commandTimeout` where the client is created');
  });

  it('takes look-alikes for the project functions they are', () => {
    expect(bound('GET /lookalikes')).toBe(0);
    expect(findingsOf('latency/missing-timeout')).not.toContain(lineOf('GET /lookalikes'));
    expect(findingsOf('latency/unknown-dependency-call')).not.toContain(lineOf('GET /lookalikes'));
  });
});

describe('calls into dependencies the model does not know', () => {
  it('gives one info per dependency function, at its first call site, listing the others', () => {
    const infos = analysis.findings.filter((finding) => finding.ruleId === 'latency/unknown-dependency-call');
    // knex.destroy is knex's own, left out of the model on purpose: not unknown.
    expect(infos.map((finding) => `${finding.file}:${finding.line}`)).toEqual([lineOf('GET /unknown')]);
    const [info] = infos;
    expect(info?.message).toContain('awaits remote-flags.getFlag, which npvguard does not know as I/O');
    expect(info?.message).toContain('2 more places');
    expect(info?.hint).toContain('latency.clients');
    expect(info?.data).toMatchObject({ module: 'remote-flags', function: 'getFlag', sites: 3 });
  });

  it('counts as a known client once the config adds it', () => {
    const configured = analyzeLatency({
      root: ROOT,
      files: sourceFiles(ROOT),
      config: { budgets: {}, clients: [{ module: 'remote-flags', calls: ['getFlag'], defaultWaitMs: 1500 }] },
    });
    expect(configured.findings.filter((finding) => finding.ruleId === 'latency/unknown-dependency-call')).toEqual([]);
    expect(configured.routes.find((route) => route.route === 'GET /unknown')?.staticBoundMs).toBe(3000);
    expect(configured.routes.find((route) => route.route === 'GET /unknown-again')?.staticBoundMs).toBe(1500);
  }, 120_000);

  it('is silent, and 0 ms, once the config says the dependency does no I/O', () => {
    const quiet = analyzeLatency({ root: ROOT, files: sourceFiles(ROOT), config: { budgets: {}, clients: [{ module: 'remote-flags', io: false }] } });
    expect(quiet.findings.filter((finding) => finding.ruleId === 'latency/unknown-dependency-call')).toEqual([]);
    expect(quiet.findings.filter((finding) => finding.ruleId === 'latency/missing-timeout')).toHaveLength(8);
    expect(quiet.routes.find((route) => route.route === 'GET /unknown')?.staticBoundMs).toBe(0);
  }, 120_000);
});
