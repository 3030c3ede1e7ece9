import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeLatency, type LatencyAnalysis, type RouteBound } from '../../src/checks/latency/index.js';
import config from './fixtures/hooks/npvguard.config.js';
import { sourceFiles } from './referenceCopy.js';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'hooks');

let analysis: LatencyAnalysis;
beforeAll(() => {
  analysis = analyzeLatency({ root: ROOT, files: sourceFiles(ROOT), config: config.latency });
}, 120_000);

function route(key: string): RouteBound {
  const found = analysis.routes.find((entry) => entry.route === key);
  if (found === undefined) throw new Error(`no route ${key}`);
  return found;
}

function exceeded(key: string): boolean {
  return analysis.findings.some((finding) => finding.ruleId === 'latency/static-budget-exceeded' && finding.data?.route === key);
}

function sites(ruleId: string): string[] {
  return analysis.findings.filter((finding) => finding.ruleId === ruleId).map((finding) => `${finding.file}:${finding.line}`).sort();
}

// Every handler waits 5 ms; the budgets are 50 ms (fixtures/hooks/README.md).
describe('route-level hooks (fixtures/hooks/src/routeLevel.ts)', () => {
  it('a slow awaited call in a preHandler pushes the route over its budget; the same handler without it fits', () => {
    expect(route('GET /route/pre-handler')).toMatchObject({ staticBoundMs: 85, verdict: 'exceeded' });
    expect(exceeded('GET /route/pre-handler')).toBe(true);
    expect(route('GET /route/plain')).toMatchObject({ staticBoundMs: 5, verdict: 'within' });
    expect(route('GET /route/plain').hooks).toBeUndefined();
    expect(exceeded('GET /route/plain')).toBe(false);
  });

  it('an array of hooks runs one after the other: 20 + 20 fits, 20 + 80 does not', () => {
    expect(route('GET /route/array')).toMatchObject({ staticBoundMs: 45, verdict: 'within' });
    expect(route('GET /route/array').hooks?.map((hook) => hook.ms)).toEqual([20, 20]);
    expect(route('GET /route/array-slow')).toMatchObject({ staticBoundMs: 105, verdict: 'exceeded' });
  });

  it('follows a hook imported from another file, in shorthand options and in route({ ... })', () => {
    expect(route('GET /route/imported')).toMatchObject({ staticBoundMs: 85, verdict: 'exceeded' });
    expect(route('GET /route/imported').hooks).toEqual([{ stage: 'onRequest', registeredAt: 'src/routeLevel.ts:23', function: 'src/hooks.ts:5', ms: 80, counted: true }]);
    expect(route('GET /route/object')).toMatchObject({ staticBoundMs: 85, verdict: 'exceeded' });
    expect(route('GET /route/decorated')).toMatchObject({ staticBoundMs: 85, verdict: 'exceeded' });
    expect(route('GET /route/shorthand')).toMatchObject({ staticBoundMs: 85, verdict: 'exceeded' });
  });

  it('a callback-style hook waits until it calls done: after a lookup (80), after a timer (30), at once (0)', () => {
    expect(route('GET /route/callback')).toMatchObject({ staticBoundMs: 85, verdict: 'exceeded' });
    expect(route('GET /route/callback-timer')).toMatchObject({ staticBoundMs: 35, verdict: 'within' });
    expect(route('GET /route/callback-sync')).toMatchObject({ staticBoundMs: 5, verdict: 'within' });
  });

  it('onSend counts after the handler; onResponse runs after the answer and does not count', () => {
    expect(route('GET /route/on-send').staticBoundMs).toBe(25);
    expect(route('GET /route/on-response').staticBoundMs).toBe(5);
    expect(route('GET /route/on-response').hooks).toEqual([expect.objectContaining({ stage: 'onResponse', counted: false, ms: 300_000 })]);
  });

  it('the critical path names the hook and where it is registered, before the handler\'s calls', () => {
    const finding = analysis.findings.find((candidate) => candidate.ruleId === 'latency/static-budget-exceeded' && candidate.data?.route === 'GET /route/array-slow');
    expect(finding?.message).toContain('src/routeLevel.ts:21 preHandler hook audit (route option of GET /route/array-slow) — 20 ms');
    expect(finding?.message).toMatch(/preHandler hook requireAccount \(route option of GET \/route\/array-slow\) — 80 ms\n {2}→ src\/hooks\.ts:6 slowLookup\(\) — 80 ms/);
    expect(finding?.message.indexOf('requireAccount')).toBeLessThan(finding?.message.indexOf('answer()') ?? 0);
  });
});

describe('findings inside hooks', () => {
  it('a hook\'s missing timeout is reported at the hook\'s call and says the hook; the route is unbounded by it', () => {
    expect(sites('latency/missing-timeout')).toEqual(['src/routeLevel.ts:51', 'src/routeLevel.ts:59']);
    const onRequest = analysis.findings.find((finding) => finding.ruleId === 'latency/missing-timeout' && finding.line === 59);
    expect(onRequest?.message).toContain('the onRequest hook registered at src/routeLevel.ts:58');
    expect(onRequest?.data).toMatchObject({ hook: { stage: 'onRequest', registeredAt: 'src/routeLevel.ts:58' } });
    expect(route('GET /route/untimed-hook')).toMatchObject({ staticBoundMs: 300_005, verdict: 'exceeded' });
  });

  it('in onResponse the missing timeout is still reported (it holds the request), saying it runs after the answer', () => {
    const onResponse = analysis.findings.find((finding) => finding.ruleId === 'latency/missing-timeout' && finding.line === 51);
    expect(onResponse?.message).toContain('after the answer is sent');
  });

  it('a loop with no bound and per-item I/O in a hook are reported at the hook\'s lines, and the route is unbounded', () => {
    expect(sites('latency/unbounded-sequential-await')).toEqual(['src/routeLevel.ts:85']);
    expect(sites('latency/per-item-io-in-loop')).toEqual(['src/routeLevel.ts:86']);
    const loop = analysis.findings.find((finding) => finding.ruleId === 'latency/unbounded-sequential-await');
    expect(loop?.message).toContain('the preHandler hook registered at src/routeLevel.ts:83');
    expect(route('GET /route/loops-hook')).toMatchObject({ staticBoundMs: null, verdict: 'exceeded' });
  });

  it('awaiting a side effect is reported in a preHandler, not in onResponse', () => {
    expect(sites('latency/awaited-side-effect')).toEqual(['src/routeLevel.ts:65']);
    expect(route('GET /route/side-effect-before').staticBoundMs).toBe(15);
    expect(route('GET /route/side-effect-after').staticBoundMs).toBe(5);
  });
});

describe('app-level hooks and encapsulation (fixtures/hooks/src/encapsulation.ts, rootHook.ts)', () => {
  it('a hook added in a plugin runs for its routes, not for a sibling plugin\'s', () => {
    expect(route('GET /enc/inside')).toMatchObject({ staticBoundMs: 85, verdict: 'exceeded' });
    expect(route('GET /enc/sibling')).toMatchObject({ staticBoundMs: 5, verdict: 'within' });
    expect(exceeded('GET /enc/sibling')).toBe(false);
  });

  it('with fastify-plugin, or skip-override, the hook is lifted to the parent and runs for the siblings', () => {
    expect(route('GET /lifted/sibling')).toMatchObject({ staticBoundMs: 85, verdict: 'exceeded' });
    expect(route('GET /skip/root')).toMatchObject({ staticBoundMs: 85, verdict: 'exceeded' });
  });

  it('fastify-plugin lifts one level only: into the registering plugin, not into its siblings', () => {
    expect(route('GET /nested/inside').staticBoundMs).toBe(85);
    expect(route('GET /nested/outside').staticBoundMs).toBe(5);
  });

  it('an onRequest hook added to the root runs for every route: in the root, in a child plugin, through a helper', () => {
    for (const key of ['GET /root/direct', 'GET /root/child', 'GET /root/helper']) {
      expect(route(key)).toMatchObject({ staticBoundMs: 35, hooks: [expect.objectContaining({ stage: 'onRequest', registeredAt: 'src/rootHook.ts:11', ms: 30 })] });
    }
  });

  it('the path says which instance the hook was added to', () => {
    const finding = analysis.findings.find((candidate) => candidate.ruleId === 'latency/static-budget-exceeded' && candidate.data?.route === 'GET /enc/inside');
    expect(finding?.message).toContain('preHandler hook requireAccount (addHook on the plugin accounts (src/encapsulation.ts:9)) — 80 ms');
  });
});

describe('autoload folders with autohooks (fixtures/hooks/src/autoloaded)', () => {
  it('an autohooks file hooks its folder, and with cascadeHooks its sub-folders; not a file above it', () => {
    expect(route('GET /secure/items')).toMatchObject({ staticBoundMs: 85, verdict: 'exceeded' });
    expect(route('GET /secure/deep')).toMatchObject({ staticBoundMs: 85, verdict: 'exceeded' });
    expect(route('GET /open')).toMatchObject({ staticBoundMs: 5, verdict: 'within' });
  });

  it('without cascadeHooks the hooks stay in their folder', () => {
    expect(route('GET /plain/top').staticBoundMs).toBe(85);
    expect(route('GET /plain/sub/below').staticBoundMs).toBe(5);
  });
});

describe('hooks the analysis cannot resolve', () => {
  it('are warnings with the reason, at exactly the hooks that cannot be resolved (the resolvable ones give none)', () => {
    expect(sites('latency/unresolved-hook')).toEqual(['src/rootHook.ts:24', 'src/rootHook.ts:27', 'src/rootHook.ts:32', 'src/routeLevel.ts:77', 'src/routeLevel.ts:96']);
    const messages = analysis.findings.filter((finding) => finding.ruleId === 'latency/unresolved-hook').map((finding) => finding.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringContaining('`process.env.HOOK_NAME as \'onRequest\'`, is not a string the analysis can read'),
        expect.stringContaining('`hook` takes each value of a list at run time'),
        expect.stringContaining('GET /orphan is registered (orphanRoutes is neither registered as a plugin nor called in the analysed files)'),
        expect.stringContaining('cannot tell when this preHandler hook calls `done`'),
        expect.stringContaining('`hook` is a parameter'),
      ]),
    );
  });

  it('a hook given as a parameter is not counted, and the route says only what it can', () => {
    expect(route('GET /route/param-hook')).toMatchObject({ staticBoundMs: 5, verdict: 'within' });
  });
});

describe('a project with no hooks', () => {
  it('gets no hook data and no hook findings (the scenario routes keep their bounds)', async () => {
    const scenarios = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'scenarios');
    const { default: scenarioConfig } = await import('./fixtures/scenarios/npvguard.config.js');
    const result = analyzeLatency({ root: scenarios, files: sourceFiles(scenarios), config: scenarioConfig.latency });
    expect(result.routes.every((entry) => entry.hooks === undefined)).toBe(true);
    expect(result.findings.filter((finding) => finding.ruleId === 'latency/unresolved-hook')).toEqual([]);
    expect(result.routes.find((entry) => entry.route === 'GET /sequential')?.staticBoundMs).toBe(30);
  }, 60_000);
});
