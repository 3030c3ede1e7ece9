import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeLatency, type LatencyAnalysis } from '../../src/checks/latency/index.js';
import config from './fixtures/scenarios/npvguard.config.js';
import { sourceFiles } from './referenceCopy.js';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'scenarios');

let analysis: LatencyAnalysis;
beforeAll(() => {
  analysis = analyzeLatency({ root: ROOT, files: sourceFiles(ROOT), config: config.latency });
}, 60_000);

function bound(route: string): number | null | undefined {
  return analysis.routes.find((entry) => entry.route === route)?.staticBoundMs;
}

function findingsOf(ruleId: string): string[] {
  return analysis.findings.filter((finding) => finding.ruleId === ruleId).map((finding) => `${finding.file}:${finding.line}`);
}

describe('static bounds of scenario routes (fixtures/scenarios/src/routes.ts)', () => {
  it.each([
    ['GET /sequential', 30, 'sequential awaits add: 10 + 20'],
    ['GET /parallel', 20, 'Promise.all takes the max of 10 and 20'],
    ['GET /race', 10, 'Promise.race takes the min of 10 and 20'],
    ['GET /nested', 15, 'helpers across three files down to fetch with AbortSignal.timeout(15)'],
    ['GET /port', 12, 'a port method given AbortSignal.timeout(12)'],
    ['GET /implementation', 25, 'an interface method resolved to the implementation the composition root constructs (25, not the unused 40)'],
    ['GET /loop-bounded', 15, 'a loop over a three-item constant: 3 × 5'],
    ['GET /retry', 45, 'retries: 3 attempts × (10 per try + 5 backoff)'],
    ['GET /deadline', 30, 'deadline.child(100) capped by the 30 ms deadline'],
    ['GET /per-item', 7, 'one call per item, all in parallel: 7 (reported as N+1 separately)'],
    ['GET /any-signal', 8, 'AbortSignal.any of 50 and 8'],
    ['GET /timer-race', 9, 'a controller aborted by setTimeout(…, 9)'],
    ['GET /client-options', 22, 'a client option timeoutMs resolved from a config default'],
    ['POST /v2/items', 6, 'a route({ method, url, handler }) registered under the /v2 prefix'],
    ['GET /missing-timeout', 300_000, 'fetch without signal: Node default of 300 s'],
  ])('%s: %d ms (%s)', (route, expected) => {
    expect(bound(route)).toBe(expected);
  });

  it('an unbounded sequential loop has no finite bound', () => {
    expect(bound('GET /loop-unbounded')).toBeNull();
  });

  it('finds every registered route, prefixes included', () => {
    expect(analysis.routes).toHaveLength(18);
    expect(analysis.routes.map((route) => route.route)).toContain('POST /v2/items');
  });
});

describe('findings of scenario routes', () => {
  it('reports exactly the expected rule ids at the expected lines', () => {
    expect(findingsOf('latency/unbounded-sequential-await')).toEqual(['src/routes.ts:51']);
    expect(findingsOf('latency/missing-timeout')).toEqual(['src/routes.ts:67']);
    expect(findingsOf('latency/per-item-io-in-loop')).toEqual(['src/routes.ts:77']);
    expect(findingsOf('latency/awaited-side-effect')).toEqual(['src/routes.ts:81']);
    expect(findingsOf('latency/route-without-budget')).toEqual(['src/routes.ts:99']);
    expect(findingsOf('latency/static-budget-exceeded').sort()).toEqual(['src/routes.ts:49', 'src/routes.ts:55', 'src/routes.ts:66']);
  });

  it('the budget-exceeded finding carries the critical path as file:line call — ms', () => {
    const retry = analysis.findings.find((finding) => finding.ruleId === 'latency/static-budget-exceeded' && finding.line === 55);
    expect(retry?.message).toContain('GET /retry can take 45 ms in the worst case, over its p99 budget of 40 ms');
    expect(retry?.message).toMatch(/src\/routes\.ts:56 For loop × 3 — 45 ms/);
  });
});
