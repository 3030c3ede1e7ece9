import { describe, expect, it } from 'vitest';
import { diffDocuments } from '../../src/checks/contracts/diff/diffDocuments.js';
import type { ContractChange } from '../../src/checks/contracts/diff/types.js';

/** Whole documents around one operation, as a user's spec would have them. */
const spec = (paths: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ openapi: '3.1.0', info: { title: 'shop', version: '1' }, paths, ...extra });
const json = (schema: unknown): Record<string, unknown> => ({ 'application/json': { schema } });
const ok = { 200: { description: 'ok' } };
const order = (properties: Record<string, unknown>, required: string[] = []): Record<string, unknown> => ({ type: 'object', properties, required });

const errors = (changes: readonly ContractChange[]): ContractChange[] => changes.filter((change) => change.level === 'error');

/** The one breaking change of a pair, which must carry a witness the two contracts disagree on. */
function breakingChange(changes: readonly ContractChange[], id: string): ContractChange {
  const found = errors(changes).find((change) => change.id === id);
  expect(found, `${id} among ${changes.map((change) => `${change.level} ${change.id}`).join(', ')}`).toBeDefined();
  return found as ContractChange;
}

describe('breaking changes of every family come with a witness', () => {
  it('a request body wrapped in a oneOf whose branches overlap: a value matching both is refused', () => {
    const body = order({ sku: { type: 'string' }, quantity: { type: 'integer' } }, ['sku']);
    const gift = order({ sku: { type: 'string' }, message: { type: 'string' } }, ['sku']);
    const old = spec({ '/orders': { post: { requestBody: { required: true, content: json(body) }, responses: ok } } });
    const next = spec({ '/orders': { post: { requestBody: { required: true, content: json({ oneOf: [body, gift] }) }, responses: ok } } });
    const change = breakingChange(diffDocuments(old, next), 'request-body-wrapped-in-one-of');
    expect(change.witness?.request?.['body']).toBeDefined();
    expect(change.witness?.refusedBecause).toMatch(/new contract refuses it.*oneOf|must match exactly one schema/);
  });

  it('the same wrap with disjoint branches (an object or a string) is safe', () => {
    const body = order({ sku: { type: 'string' } }, ['sku']);
    const old = spec({ '/orders': { post: { requestBody: { required: true, content: json(body) }, responses: ok } } });
    const next = spec({ '/orders': { post: { requestBody: { required: true, content: json({ oneOf: [body, { type: 'string' }] }) }, responses: ok } } });
    expect(errors(diffDocuments(old, next))).toEqual([]);
    expect(diffDocuments(old, next).map((change) => change.id)).toEqual(['request-body-one-of-added']);
  });

  it('an anyOf branch removed: breaking in a request (with a witness), safe in an answer', () => {
    const choice = (branches: unknown[]): Record<string, unknown> => ({ anyOf: branches });
    const request = (branches: unknown[]): Record<string, unknown> => spec({ '/search': { get: { parameters: [{ name: 'q', in: 'query', required: true, schema: choice(branches) }], responses: ok } } });
    const change = breakingChange(diffDocuments(request([{ type: 'integer' }, { type: 'boolean' }]), request([{ type: 'integer' }])), 'request-parameter-any-of-removed');
    expect(change.witness?.request?.['query']).toEqual({ q: true });
    const answer = (branches: unknown[]): Record<string, unknown> => spec({ '/search': { get: { responses: { 200: { description: 'ok', content: json(order({ hit: choice(branches) }, ['hit'])) } } } } });
    const narrowed = diffDocuments(answer([{ type: 'integer' }, { type: 'string' }]), answer([{ type: 'integer' }]));
    expect(narrowed.map((found) => `${found.level} ${found.id}`)).toEqual(['info response-property-any-of-removed']);
  });

  it('an anyOf branch added to an answer is breaking, with the answer old clients refuse', () => {
    const answer = (branches: unknown[]): Record<string, unknown> => spec({ '/search': { get: { responses: { 200: { description: 'ok', content: json(order({ hit: { anyOf: branches } }, ['hit'])) } } } } });
    const change = breakingChange(diffDocuments(answer([{ type: 'integer' }]), answer([{ type: 'integer' }, { type: 'string' }])), 'response-property-any-of-added');
    expect(typeof (change.witness?.response?.['body'] as { hit?: unknown } | undefined)?.hit).toBe('string');
  });

  it('a deprecated operation removed before its sunset, judged on the day given', () => {
    const withOrders = (operation: Record<string, unknown>): Record<string, unknown> => spec({ '/orders': { get: { responses: ok }, delete: { responses: ok, ...operation } } });
    const old = withOrders({ deprecated: true, 'x-sunset': '2027-03-01' });
    const next = spec({ '/orders': { get: { responses: ok } } });
    const before = breakingChange(diffDocuments(old, next, { date: '2026-12-08' }), 'api-removed-before-sunset');
    expect(before.message).toMatch(/83 days before its sunset 2027-03-01/);
    const after = diffDocuments(old, next, { date: '2027-03-02' });
    expect(after.map((change) => `${change.level} ${change.id}`)).toEqual(['info api-removed-with-deprecation']);
  });

  it('a request media type removed: a form post is refused', () => {
    const content = (types: string[]): Record<string, unknown> => Object.fromEntries(types.map((type) => [type, { schema: order({ sku: { type: 'string' } }) }]));
    const old = spec({ '/orders': { post: { requestBody: { content: content(['application/json', 'application/x-www-form-urlencoded']) }, responses: ok } } });
    const next = spec({ '/orders': { post: { requestBody: { content: content(['application/json']) }, responses: ok } } });
    const change = breakingChange(diffDocuments(old, next), 'request-body-media-type-removed');
    expect(change.witness?.request?.['headers']).toEqual({ 'content-type': 'application/x-www-form-urlencoded' });
  });

  it('an answer media type removed; a charset parameter added to one is not a removal', () => {
    const answer = (types: string[]): Record<string, unknown> => spec({ '/orders': { get: { responses: { 200: { description: 'ok', content: Object.fromEntries(types.map((type) => [type, { schema: { type: 'string' } }])) } } } } });
    breakingChange(diffDocuments(answer(['application/json', 'text/csv']), answer(['application/json'])), 'response-media-type-removed');
    expect(diffDocuments(answer(['application/json']), answer(['application/json; charset=utf-8'])).map((change) => `${change.level} ${change.id}`)).toEqual(['info response-media-type-name-changed']);
  });

  it('a new dependentRequired: an object with the trigger and without what it now requires is refused', () => {
    const body = (extra: Record<string, unknown>): Record<string, unknown> => spec({ '/orders': { post: { requestBody: { required: true, content: json({ ...order({ coupon: { type: 'string' }, campaign: { type: 'string' } }), ...extra }) }, responses: ok } } });
    const change = breakingChange(diffDocuments(body({}), body({ dependentRequired: { coupon: ['campaign'] } })), 'request-body-dependent-required-added');
    const sent = change.witness?.request?.['body'] as Record<string, unknown>;
    expect(sent).toHaveProperty('coupon');
    expect(sent).not.toHaveProperty('campaign');
  });

  it('prefixItems tightened: a position removed behind items: false refuses the longer tuple', () => {
    const route = (prefix: unknown[]): Record<string, unknown> => spec({ '/routes': { post: { requestBody: { required: true, content: json(order({ point: { type: 'array', prefixItems: prefix, items: false } }, ['point'])) }, responses: ok } } });
    const change = breakingChange(diffDocuments(route([{ type: 'number' }, { type: 'number' }, { type: 'number' }]), route([{ type: 'number' }, { type: 'number' }])), 'request-property-prefix-items-removed');
    expect((change.witness?.request?.['body'] as { point: unknown[] }).point).toHaveLength(3);
  });

  it('a query list in form style with explode still takes one value: a string becoming such a list is not breaking', () => {
    const route = (schema: unknown): Record<string, unknown> => spec({ '/items': { get: { parameters: [{ name: 'genre', in: 'query', schema }], responses: ok } } });
    expect(errors(diffDocuments(route({ type: 'string' }), route({ type: 'array', items: { type: 'string' } })))).toEqual([]);
    const piped = diffDocuments(route({ type: 'array', items: { type: 'string' } }), spec({ '/items': { get: { parameters: [{ name: 'genre', in: 'query', style: 'pipeDelimited', schema: { type: 'array', items: { type: 'string' } } }], responses: ok } } }));
    expect(breakingChange(piped, 'request-parameter-serialization-changed').witness?.refusedBecause).toMatch(/\|/);
  });
});

describe('documents of OpenAPI 3.1 without paths', () => {
  it('a document of webhooks alone is read: a webhook removed breaks subscribers', () => {
    const hooks = (names: string[]): Record<string, unknown> => ({
      openapi: '3.1.0',
      info: { title: 'hooks', version: '1' },
      webhooks: Object.fromEntries(names.map((name) => [name, { post: { requestBody: { content: json({ type: 'object' }) }, responses: ok } }])),
    });
    expect(diffDocuments(hooks(['orderPaid', 'orderShipped']), hooks(['orderPaid'])).map((change) => `${change.level} ${change.id}`)).toEqual(['error webhook-removed']);
  });
});
