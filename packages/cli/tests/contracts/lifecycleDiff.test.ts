import { describe, expect, it } from 'vitest';
import { NpvError, validateConfig } from '@npvguard/core';
import { CHECKS } from '../../src/checks/index.js';
import { acknowledges } from '../../src/checks/contracts/acknowledge/changesFile.js';
import { diffDocuments, type DiffOptions } from '../../src/checks/contracts/diff/diffDocuments.js';
import { judgeDeprecation, judgeRemoval, lifecycleContext, parseDay, readSunset } from '../../src/checks/contracts/diff/lifecycle.js';
import type { ContractChange } from '../../src/checks/contracts/diff/types.js';

const OK = { 200: { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } } };
const DAY = '2025-06-01';

function document(paths: Record<string, unknown>): unknown {
  return { openapi: '3.1.0', info: { title: 'lifecycle', version: '1' }, paths };
}

/** `GET /items` with the operation fields given (deprecated, x-sunset, x-stability-level, parameters). */
function items(fields: Record<string, unknown> = {}, more: Record<string, unknown> = {}): unknown {
  return document({ '/items': { get: { responses: OK, ...fields } }, ...more });
}

const ids = (changes: readonly ContractChange[]): string[] => changes.map((change) => `${change.level} ${change.id}`);
const diff = (before: unknown, after: unknown, options: DiffOptions = {}): ContractChange[] => diffDocuments(before, after, { date: DAY, ...options });

describe('lifecycle helpers', () => {
  it('reads calendar days strictly, and x-sunset as a date or a date-time whose written day counts', () => {
    expect(parseDay('2024-02-29')).toBe(parseDay('2024-03-01')! - 1);
    expect([parseDay('2023-02-29'), parseDay('2024-13-01'), parseDay('2024-1-01'), parseDay('tomorrow')]).toEqual([undefined, undefined, undefined, undefined]);
    expect(readSunset({ 'x-sunset': '2025-12-31' })).toEqual({ kind: 'value', value: parseDay('2025-12-31') });
    expect(readSunset({ 'x-sunset': '2025-12-31T23:30:00-05:00' })).toEqual({ kind: 'value', value: parseDay('2025-12-31') });
    expect(readSunset({ 'x-sunset': '2025-12-31T25:00:00Z' }).kind).toBe('invalid');
    expect(readSunset({ 'x-sunset': 'Wed, 31 Dec 2025 00:00:00 GMT' }).kind).toBe('invalid');
    expect(readSunset({ 'x-sunset': 20251231 })).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('not a string') });
    expect(readSunset({})).toEqual({ kind: 'absent' });
  });

  it('gives a deprecation at least the policy\'s period, counted from the day of the diff', () => {
    const context = lifecycleContext({ date: DAY });
    expect(context.minSunsetDays).toEqual({ draft: 0, alpha: 0, beta: 31, stable: 180 });
    const sunsetIn = (count: number) => ({ deprecated: true, 'x-sunset': new Date((parseDay(DAY)! + count) * 86_400_000).toISOString().slice(0, 10) });
    expect(judgeDeprecation(sunsetIn(180), 'stable', context).kind).toBe('deprecated');
    expect(judgeDeprecation(sunsetIn(179), 'stable', context)).toMatchObject({ kind: 'sunset-too-soon', days: 179, minimumDays: 180 });
    expect(judgeDeprecation(sunsetIn(31), 'beta', context).kind).toBe('deprecated');
    expect(judgeDeprecation(sunsetIn(-1), 'draft', context).kind).toBe('sunset-too-soon');
    expect(judgeDeprecation({ deprecated: true }, 'alpha', context).kind).toBe('deprecated');
    expect(judgeDeprecation({ deprecated: true }, 'beta', context)).toEqual({ kind: 'sunset-missing', minimumDays: 31 });
    expect(judgeRemoval(sunsetIn(0), context)).toMatchObject({ kind: 'with-deprecation' });
    expect(judgeRemoval(sunsetIn(1), context)).toMatchObject({ kind: 'before-sunset', days: 1 });
    expect(judgeRemoval({}, context)).toEqual({ kind: 'without-deprecation' });
  });

  it('a diff date that is not a calendar day is a programming error, caught before (the CLI refuses it)', () => {
    expect(() => lifecycleContext({ date: '2025-02-30' })).toThrow(/not a YYYY-MM-DD calendar day/);
  });
});

describe('operations removed and added', () => {
  const two = items({}, { '/users': { get: { responses: OK } } });

  it('a path removed without deprecation breaks clients, with a request as witness; an operation of a remaining path likewise', () => {
    const [change, ...rest] = diff(two, items());
    expect(rest).toEqual([]);
    expect(change).toMatchObject({ id: 'api-path-removed-without-deprecation', level: 'error', method: 'GET', path: '/users', side: 'old' });
    expect(change?.witness).toMatchObject({ request: { method: 'GET', path: '/users' }, refusedBecause: 'the new contract refuses it: the operation does not exist' });
    const withPost = document({ '/items': { get: { responses: OK }, post: { responses: OK } } });
    expect(ids(diff(withPost, items()))).toEqual(['error api-removed-without-deprecation']);
    expect(ids(diff(items(), withPost))).toEqual(['info endpoint-added']);
  });

  it('a deprecated operation may go with no sunset or on its sunset day, not before; an unreadable sunset cannot be judged', () => {
    const deprecated = (sunset?: string) => items({}, { '/users': { get: { responses: OK, deprecated: true, ...(sunset === undefined ? {} : { 'x-sunset': sunset }) } } });
    expect(ids(diff(deprecated(), items()))).toEqual(['info api-path-removed-with-deprecation']);
    expect(ids(diff(deprecated('2025-06-01'), items()))).toEqual(['info api-path-removed-with-deprecation']);
    const early = diff(deprecated('2025-06-11'), items());
    expect(ids(early)).toEqual(['error api-path-removed-before-sunset']);
    expect(early[0]?.message).toBe('the path was removed 10 days before its sunset 2025-06-11');
    expect(early[0]?.witness?.refusedBecause).toMatch(/does not exist/);
    const unreadable = diff(deprecated('next week'), items());
    expect(ids(unreadable)).toEqual(['error api-path-sunset-parse']);
    expect(unreadable[0]?.witness).toBeUndefined();
  });

  it('draft and alpha operations promise nothing: their removal is safe; an unreadable level counts as stable', () => {
    const alpha = items({}, { '/users': { get: { responses: OK, 'x-stability-level': 'alpha' } } });
    expect(ids(diff(alpha, items()))).toEqual(['info api-removed-unstable']);
    const unreadable = items({}, { '/users': { get: { responses: OK, 'x-stability-level': 'experimental' } } });
    const [change] = diff(unreadable, items());
    expect(change).toMatchObject({ id: 'api-path-removed-without-deprecation', level: 'error' });
    expect(change?.message).toContain('not one of draft, alpha, beta, stable, so it counts as stable');
  });

  it('an added operation with an unreadable stability level is reported at once', () => {
    expect(ids(diff(items(), items({}, { '/users': { get: { responses: OK, 'x-stability-level': 'GA' } } })))).toEqual(['error api-invalid-stability-level', 'info endpoint-added']);
  });
});

describe('deprecating an operation', () => {
  it('a stable operation needs a sunset at least 180 days ahead by default; the policy and the date decide', () => {
    expect(ids(diff(items(), items({ deprecated: true })))).toEqual(['error api-deprecated-sunset-missing']);
    expect(ids(diff(items(), items({ deprecated: true }), { minSunsetDays: { stable: 0 } }))).toEqual(['info endpoint-deprecated']);
    expect(ids(diff(items(), items({ deprecated: true, 'x-sunset': '2025-11-28' })))).toEqual(['info endpoint-deprecated-with-sunset']);
    const soon = diff(items(), items({ deprecated: true, 'x-sunset': '2025-11-27' }));
    expect(ids(soon)).toEqual(['error api-sunset-date-too-small']);
    expect(soon[0]?.message).toBe('the operation was deprecated with the sunset 2025-11-27, 179 days from the day of the diff; the lifecycle policy asks at least 180 days for stable operations');
    expect(ids(diff(items(), items({ deprecated: true, 'x-sunset': '2025-11-27' }), { date: '2025-05-31' }))).toEqual(['info endpoint-deprecated-with-sunset']);
    expect(ids(diff(items(), items({ deprecated: true, 'x-sunset': '2025/11/28' })))).toEqual(['error api-deprecated-sunset-parse']);
  });

  it('beta operations need 31 days, draft ones none', () => {
    expect(ids(diff(items({ 'x-stability-level': 'beta' }), items({ 'x-stability-level': 'beta', deprecated: true, 'x-sunset': '2025-07-01' })))).toEqual(['error api-sunset-date-too-small']);
    expect(ids(diff(items({ 'x-stability-level': 'beta' }), items({ 'x-stability-level': 'beta', deprecated: true, 'x-sunset': '2025-07-02' })))).toEqual(['info endpoint-deprecated-with-sunset']);
    expect(ids(diff(items({ 'x-stability-level': 'draft' }), items({ 'x-stability-level': 'draft', deprecated: true })))).toEqual(['info endpoint-deprecated']);
  });

  it('taking the deprecation back is safe', () => {
    expect(ids(diff(items({ deprecated: true, 'x-sunset': '2026-01-01' }), items()))).toEqual(['info endpoint-reactivated']);
  });

  it('a sunset of a still deprecated operation: deleted, moved too early, made unreadable, or set too soon breaks the promise', () => {
    const with_ = (sunset?: string) => items({ deprecated: true, ...(sunset === undefined ? {} : { 'x-sunset': sunset }) });
    expect(ids(diff(with_('2026-01-01'), with_()))).toEqual(['error sunset-deleted']);
    const moved = diff(with_('2026-01-01'), with_('2025-09-01'));
    expect(ids(moved)).toEqual(['error api-sunset-date-changed-too-small']);
    expect(moved[0]?.message).toContain('moved from 2026-01-01 to 2025-09-01, 92 days from the day of the diff');
    // Earlier but still within the policy: a warning for the clients that planned on the announced day.
    expect(ids(diff(with_('2026-06-01'), with_('2026-01-01')))).toEqual(['warning api-sunset-date-moved-earlier']);
    expect(ids(diff(with_('2026-01-01'), with_('2026-06-01')))).toEqual([]);
    expect(ids(diff(with_('2026-01-01'), with_('soon')))).toEqual(['error api-path-sunset-parse']);
    expect(ids(diff(with_('soon'), with_('soon')))).toEqual([]);
    expect(ids(diff(with_('soon'), with_('2025-06-10')))).toEqual(['error api-sunset-date-too-small']);
    expect(ids(diff(with_(), with_('2025-07-01')))).toEqual(['error api-sunset-date-too-small']);
    expect(ids(diff(with_(), with_('2026-07-01')))).toEqual(['info endpoint-deprecated-with-sunset']);
  });
});

describe('stability levels', () => {
  it('lowering a level breaks a promise, raising it is safe; no level is stable', () => {
    expect(ids(diff(items({ 'x-stability-level': 'stable' }), items({ 'x-stability-level': 'beta' })))).toEqual(['error api-stability-decreased']);
    expect(ids(diff(items(), items({ 'x-stability-level': 'alpha' })))).toEqual(['error api-stability-decreased']);
    expect(ids(diff(items({ 'x-stability-level': 'beta' }), items()))).toEqual(['info api-stability-increased']);
    expect(ids(diff(items(), items({ 'x-stability-level': 'stable' })))).toEqual([]);
  });

  it('an unreadable level is reported when the change brings it, not again on every later diff', () => {
    expect(ids(diff(items(), items({ 'x-stability-level': 'ga' })))).toEqual(['error api-invalid-stability-level']);
    expect(ids(diff(items({ 'x-stability-level': 'ga' }), items({ 'x-stability-level': 'ga' })))).toEqual([]);
    expect(ids(diff(items({ 'x-stability-level': 'ga' }), items({ 'x-stability-level': 'beta' })))).toEqual([]);
  });
});

describe('parameter lifecycle', () => {
  const market = (fields: Record<string, unknown> = {}) => ({ name: 'market', in: 'query', schema: { type: 'string' }, ...fields });
  const withMarket = (fields?: Record<string, unknown>, operation: Record<string, unknown> = {}) => items({ parameters: [market(fields)], ...operation });

  it('deprecating a parameter follows the operation\'s stability level', () => {
    expect(ids(diff(withMarket(), withMarket({ deprecated: true })))).toEqual(['error request-parameter-deprecated-sunset-missing']);
    expect(ids(diff(withMarket({}, { 'x-stability-level': 'alpha' }), withMarket({ deprecated: true }, { 'x-stability-level': 'alpha' })))).toEqual(['info request-parameter-deprecated']);
    expect(ids(diff(withMarket(), withMarket({ deprecated: true, 'x-sunset': '2026-01-01' })))).toEqual(['info request-parameter-deprecated']);
    const soon = diff(withMarket(), withMarket({ deprecated: true, 'x-sunset': '2025-07-01' }));
    expect(ids(soon)).toEqual(['error request-parameter-sunset-date-too-small']);
    expect(soon[0]?.message).toBe('query parameter market: the parameter was deprecated with the sunset 2025-07-01, 30 days from the day of the diff; the lifecycle policy asks at least 180 days for parameters of stable operations');
    expect(ids(diff(withMarket(), withMarket({ deprecated: true, 'x-sunset': 'later' })))).toEqual(['error request-parameter-sunset-parse']);
    expect(ids(diff(withMarket({ deprecated: true }), withMarket()))).toEqual(['info request-parameter-reactivated']);
  });

  it('a deprecated parameter removed is judged by its sunset, never as a plain removal', () => {
    expect(ids(diff(withMarket(), items()))).toEqual(['warning request-parameter-removed']);
    expect(ids(diff(withMarket({ deprecated: true }), items()))).toEqual(['info request-parameter-removed-with-deprecation']);
    expect(ids(diff(withMarket({ deprecated: true, 'x-sunset': '2025-05-01' }), items()))).toEqual(['info request-parameter-removed-with-deprecation']);
    const early = diff(withMarket({ deprecated: true, 'x-sunset': '2025-07-01' }), items());
    expect(ids(early)).toEqual(['error request-parameter-removed-before-sunset']);
    expect(early[0]).toMatchObject({ location: 'query parameter market', side: 'old', message: 'query parameter market: the deprecated parameter was removed 30 days before its sunset 2025-07-01' });
    expect(ids(diff(withMarket({ deprecated: true, 'x-sunset': '1 July' }), items()))).toEqual(['error request-parameter-sunset-parse']);
  });

  it('the sunset of a still deprecated parameter: deleted or moved too early', () => {
    expect(ids(diff(withMarket({ deprecated: true, 'x-sunset': '2026-01-01' }), withMarket({ deprecated: true })))).toEqual(['error request-parameter-sunset-deleted']);
    expect(ids(diff(withMarket({ deprecated: true, 'x-sunset': '2026-01-01' }), withMarket({ deprecated: true, 'x-sunset': '2025-08-01' })))).toEqual(['error request-parameter-sunset-date-changed-too-small']);
    expect(ids(diff(withMarket({ deprecated: true, 'x-sunset': '2026-01-01' }), withMarket({ deprecated: true, 'x-sunset': '2025-12-31' })))).toEqual(['warning request-parameter-sunset-date-moved-earlier']);
  });

  it('a fastify querystring property marked deprecated (the parameter\'s schema says so) counts as a deprecated parameter', () => {
    const inSchema = (fields: Record<string, unknown>) => items({ parameters: [{ name: 'market', in: 'query', schema: { type: 'string', ...fields } }] });
    expect(ids(diff(inSchema({}), inSchema({ deprecated: true, 'x-sunset': '2026-01-01' })))).toEqual(['info request-parameter-deprecated']);
    expect(ids(diff(inSchema({ deprecated: true, 'x-sunset': '2025-07-01' }), items()))).toEqual(['error request-parameter-removed-before-sunset']);
  });

  it('a parameter shared through components.parameters is read through its $ref', () => {
    const shared = (fields: Record<string, unknown>) => ({ ...(items({ parameters: [{ $ref: '#/components/parameters/market' }] }) as object), components: { parameters: { market: market(fields) } } });
    expect(ids(diff(shared({}), shared({ deprecated: true, 'x-sunset': '2026-01-01' })))).toEqual(['info request-parameter-deprecated']);
  });
});

describe('acknowledgements written with the ids of earlier versions', () => {
  const change = (id: string): ContractChange => ({ id, level: 'error', method: 'GET', path: '/users', location: 'operation', message: '', pointer: '#/paths/~1users/get', side: 'old' });
  it('an old id acknowledges the changes that replaced it, on the same path and method, and nothing else', () => {
    expect(acknowledges({ id: 'api-path-removed', path: '/users', reason: 'r' }, change('api-path-removed-without-deprecation'))).toBe(true);
    expect(acknowledges({ id: 'api-path-removed', path: '/users', method: 'GET', reason: 'r' }, change('api-path-removed-before-sunset'))).toBe(true);
    expect(acknowledges({ id: 'api-operation-removed', path: '/users', reason: 'r' }, change('api-removed-without-deprecation'))).toBe(true);
    expect(acknowledges({ id: 'api-operation-removed', path: '/users', reason: 'r' }, change('api-path-removed-without-deprecation'))).toBe(false);
    expect(acknowledges({ id: 'api-path-removed', path: '/items', reason: 'r' }, change('api-path-removed-without-deprecation'))).toBe(false);
    expect(acknowledges({ id: 'api-path-removed', path: '/users', method: 'POST', reason: 'r' }, change('api-path-removed-without-deprecation'))).toBe(false);
    expect(acknowledges({ id: 'api-path-removed-without-deprecation', path: '/users', reason: 'r' }, change('api-path-removed-without-deprecation'))).toBe(true);
  });
});

describe('contracts.lifecycle in the config', () => {
  const sections = CHECKS.flatMap((check) => (check.config === undefined ? [] : [check.config]));
  const validate = (lifecycle: unknown) => validateConfig({ contracts: { app: './app.ts#buildApp', lifecycle } }, { file: 'npvguard.config.ts', sections });
  const errorOf = (lifecycle: unknown): NpvError => {
    try {
      validate(lifecycle);
    } catch (error) {
      if (error instanceof NpvError) return error;
      throw error;
    }
    throw new Error('expected a config error');
  };

  it('keeps minimum sunset days per stability level, and refuses anything else with a coded error', () => {
    expect(validate({ minSunsetDays: { beta: 14, stable: 90 } }).contracts?.lifecycle).toEqual({ minSunsetDays: { beta: 14, stable: 90 } });
    expect(errorOf({ minSunsetDays: { stable: -1 } })).toMatchObject({ code: 'NPV1003', details: { path: 'contracts.lifecycle.minSunsetDays.stable' } });
    expect(errorOf({ minSunsetDays: { stable: 1.5 } }).code).toBe('NPV1003');
    expect(errorOf({ minSunsetDays: { ga: 10 } })).toMatchObject({ code: 'NPV1004', details: { path: 'contracts.lifecycle.minSunsetDays.ga' } });
    expect(errorOf({ sunset: 10 }).code).toBe('NPV1004');
    expect(errorOf(30).code).toBe('NPV1003');
  });
});
