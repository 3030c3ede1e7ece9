import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { PropertyFailure, PropertyOutcome } from '@npvguard/harness/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backingServiceFailures, replaysOfFailingRoutes } from '../../src/checks/contracts/properties/backingService.js';
import { CLI_ROOT, REPO_ROOT, runCli } from '../support/cli.js';

function outcome(method: string, routePath: string, failure?: Partial<PropertyFailure>, property: PropertyOutcome['property'] = 'valid'): PropertyOutcome {
  return {
    property,
    method,
    path: routePath,
    requests: 10,
    ...(failure === undefined
      ? {}
      : { failure: { kind: 'server-error', property, method, path: routePath, message: 'failed', seed: 1, runs: 1, response: { statusCode: 500, contentType: 'application/json', body: { message: 'connect ECONNREFUSED' } }, ...failure } }),
  };
}

describe('replaysOfFailingRoutes', () => {
  it('takes a 5xx to an old client as the route\'s own failure when its valid requests answer 5xx too', () => {
    const failingValid = outcome('POST', '/goals', {});
    const failingReplay = outcome('POST', '/goals', {}, 'replay');
    const refusedReplay = outcome('POST', '/goals', { kind: 'undocumented-status', response: { statusCode: 400, contentType: undefined, body: 'bad' } }, 'replay');
    const otherRoute = outcome('GET', '/summary', {}, 'replay');
    const covered = replaysOfFailingRoutes([failingValid, failingReplay, refusedReplay, otherRoute, outcome('GET', '/summary')]);
    // The 400 is what the change did to old clients; /summary answers valid requests, so its 5xx replay is the change's.
    expect([...covered]).toEqual([failingReplay.failure]);
  });

  it('takes a 401 to an old client as the route\'s own when its valid requests get the same 401, not when they get a 403', () => {
    const unauthorized = { kind: 'undocumented-status' as const, response: { statusCode: 401, contentType: undefined, body: 'login' } };
    const sameAsValid = outcome('GET', '/summary', unauthorized, 'replay');
    const differs = outcome('GET', '/profile', unauthorized, 'replay');
    const covered = replaysOfFailingRoutes([
      outcome('GET', '/summary', unauthorized),
      sameAsValid,
      outcome('GET', '/profile', { ...unauthorized, response: { statusCode: 403, contentType: undefined, body: 'no' } }),
      differs,
    ]);
    expect([...covered]).toEqual([sameAsValid.failure]);
  });

  it('keeps the routes of each scenario apart', () => {
    const valid = { ...outcome('GET', '/a', {}), scenario: 'cache down' };
    const replay = outcome('GET', '/a', {}, 'replay');
    expect(replaysOfFailingRoutes([valid, replay]).size).toBe(0);
  });
});

describe('backingServiceFailures', () => {
  it('collapses routes that all answer 5xx from the first request, with the failures it stands for', () => {
    const outcomes = [
      outcome('GET', '/a', {}),
      outcome('GET', '/a', { kind: 'undocumented-status', response: { statusCode: 500, contentType: undefined, body: '' } }, 'invalid'),
      outcome('POST', '/a', { response: { statusCode: 503, contentType: undefined, body: 'down' } }),
      outcome('GET', '/b', { kind: 'inject-failed', response: undefined }),
    ];
    const [found, ...rest] = backingServiceFailures(outcomes);
    expect(rest).toEqual([]);
    expect(found?.routes).toBe(3);
    expect(found?.failing.map((route) => `${route.method} ${route.path} ${route.status}`)).toEqual(['GET /a 500', 'POST /a 503', 'GET /b undefined']);
    // the invalid-request failure answered 5xx too, on a route counted here
    expect(found?.covered.size).toBe(4);
  });

  it('leaves a single failing route, routes that answered before failing, and a minority as findings of their own', () => {
    expect(backingServiceFailures([outcome('GET', '/a', {}), outcome('GET', '/b')])).toEqual([]);
    expect(backingServiceFailures([outcome('GET', '/a', { runs: 5 }), outcome('GET', '/b', { runs: 2 })])).toEqual([]);
    const minority = [outcome('GET', '/a', {}), outcome('GET', '/b', {}), outcome('GET', '/c'), outcome('GET', '/d')];
    expect(backingServiceFailures(minority)).toEqual([]);
    // 4xx-level failures are the routes' own
    expect(backingServiceFailures([outcome('GET', '/a', { response: { statusCode: 404, contentType: undefined, body: '' } }), outcome('GET', '/b', { response: { statusCode: 404, contentType: undefined, body: '' } })])).toEqual([]);
  });

  it('judges each scenario on its own', () => {
    const scenario = (o: PropertyOutcome): PropertyOutcome => ({ ...o, scenario: 'database-down' });
    const found = backingServiceFailures([outcome('GET', '/a'), outcome('GET', '/b'), scenario(outcome('GET', '/a', {})), scenario(outcome('GET', '/b', {}))]);
    expect(found.map((failure) => failure.scenario)).toEqual(['database-down']);
  });
});

describe('contracts on an app whose routes need a database', () => {
  let root: string;
  let folder: string;

  beforeAll(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'npvguard-backing-'));
    root = path.join(folder, 'service');
    cpSync(path.join(CLI_ROOT, 'tests', 'contracts', 'fixtures', 'backing-service'), root, { recursive: true });
    symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(root, 'node_modules'), 'dir');
    execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: root });
    const update = await runCli(['contracts', 'update'], { cwd: root });
    expect(update.code).toBe(0);
  }, 60_000);
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('reports one finding at the factory, not one per route and property', async () => {
    const run = await runCli(['check', '--only', 'contracts', '--format', 'json'], { cwd: root });
    expect(run.code).toBe(1);
    const findings = (JSON.parse(run.stdout) as { findings: { ruleId: string; file: string; line: number; message: string; hint: string }[] }).findings;
    expect(findings.map((finding) => finding.ruleId)).toEqual(['contracts/routes-need-backing-service']);
    const [finding] = findings;
    expect(finding?.file).toBe('npvguard.app.ts');
    expect(readFileSync(path.join(root, 'npvguard.app.ts'), 'utf8').split('\n')[(finding?.line ?? 0) - 1]).toContain('export function buildApp');
    expect(finding?.message).toMatch(/^3 of 3 routes answer 5xx to every valid request/);
    expect(finding?.message).toContain('connect ECONNREFUSED 127.0.0.1:1');
    expect(finding?.hint).toContain('Apps that need a database');
  }, 120_000);

  it('with the fakes the factory offers, chosen by contracts.appOptions, the property tests pass', async () => {
    const config = path.join(root, 'npvguard.config.ts');
    writeFileSync(config, readFileSync(config, 'utf8').replace("snapshot: 'contracts/openapi.json',", "snapshot: 'contracts/openapi.json', appOptions: { fakeDatabase: true },"));
    const run = await runCli(['check', '--only', 'contracts', '--format', 'compact'], { cwd: root });
    expect(run.stdout).toBe('');
    expect(run.code).toBe(0);
  }, 120_000);
});
