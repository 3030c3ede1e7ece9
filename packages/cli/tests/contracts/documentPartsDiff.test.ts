import { describe, expect, it } from 'vitest';
import { changeFinding } from '../../src/checks/contracts/diff/changeFinding.js';
import { diffDocuments } from '../../src/checks/contracts/diff/diffDocuments.js';
import { classifyHeaderType } from '../../src/checks/contracts/diff/headers.js';
import type { ContractChange } from '../../src/checks/contracts/diff/types.js';

const OK = { 200: { description: 'ok' } };

function document(operation: Record<string, unknown>, root: Record<string, unknown> = {}): unknown {
  return { openapi: '3.1.0', info: { title: 'parts', version: '1' }, paths: { '/items': { get: { responses: OK, ...operation } } }, ...root };
}

const ids = (changes: readonly ContractChange[]): string[] => changes.map((change) => `${change.level} ${change.id}`);
const diff = (before: unknown, after: unknown): ContractChange[] => diffDocuments(before, after, { date: '2025-06-01' });

describe('security', () => {
  const schemes = { components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, key: { type: 'apiKey', in: 'header', name: 'x-key' } } } };

  it('an operation that took requests without credentials and now requires them: an error beside oasdiff\'s info, the anonymous request as witness', () => {
    const changes = diff(document({}, schemes), document({ security: [{ bearer: [] }] }, schemes));
    expect(ids(changes)).toEqual(['info api-security-added', 'error api-security-became-required']);
    expect(changes[1]?.message).toBe('requests without credentials were accepted; its security now requires bearer');
    expect(changes[1]?.witness).toMatchObject({ request: { method: 'GET', path: '/items' } });
    expect(changes[1]?.witness?.refusedBecause).toMatch(/requires bearer.*no credentials/);
  });

  it('the document\'s security applies to operations without their own: each one becomes required, once', () => {
    const changes = diff(document({}, schemes), document({}, { ...schemes, security: [{ key: [] }] }));
    expect(ids(changes)).toEqual(['error api-security-became-required', 'info api-global-security-added']);
    expect(changes[0]).toMatchObject({ method: 'GET', path: '/items', pointer: '#/security' });
    expect(changeFinding(changes[1]!, { file: 'a.json', line: 1 }).message).toBe('the security requirement key was added');
  });

  it('an alternative without credentials ({}) or an operation that opts out (security: []) keeps anonymous requests working', () => {
    expect(ids(diff(document({}, schemes), document({ security: [{ bearer: [] }, {}] }, schemes)))).toEqual(['info api-security-added']);
    expect(ids(diff(document({}, schemes), document({ security: [] }, { ...schemes, security: [{ key: [] }] })))).toEqual(['info api-global-security-added']);
    expect(ids(diff(document({ security: [{ bearer: [] }] }, schemes), document({}, schemes)))).toEqual(['info api-security-removed']);
  });

  it('scopes added to and removed from a requirement, of an operation and of the document', () => {
    const scoped = (operationScopes: string[], globalScopes: string[]) => document({ security: [{ oauth: operationScopes }] }, { security: [{ oauth: globalScopes }] });
    expect(ids(diff(scoped(['read'], ['read']), scoped(['read', 'write'], [])))).toEqual(['info api-security-scope-added', 'info api-global-security-scope-removed']);
    expect(ids(diff(scoped(['read', 'write'], []), scoped(['read'], ['admin'])))).toEqual(['info api-security-scope-removed', 'info api-global-security-scope-added']);
  });

  it('security schemes: added, removed, their type, and the URLs and scopes of every OAuth flow', () => {
    const oauth = (flows: Record<string, unknown>) => ({ components: { securitySchemes: { oauth: { type: 'oauth2', flows } } } });
    const before = oauth({ authorizationCode: { authorizationUrl: 'https://a/authorize', tokenUrl: 'https://a/token', scopes: { read: 'read', write: 'write' } } });
    const after = oauth({ authorizationCode: { authorizationUrl: 'https://b/authorize', tokenUrl: 'https://b/token', scopes: { read: 'read items', admin: 'admin' } } });
    expect(ids(diff(document({}, before), document({}, after))).sort()).toEqual([
      'info api-security-component-oauth-scope-added',
      'info api-security-component-oauth-scope-changed',
      'info api-security-component-oauth-scope-removed',
      'info api-security-component-oauth-token-url-changed',
      'info api-security-component-oauth-url-changed',
    ]);
    expect(ids(diff(document({}, schemes), document({}, { components: { securitySchemes: { bearer: { type: 'apiKey', in: 'header', name: 'authorization' }, basic: { type: 'http', scheme: 'basic' } } } })))).toEqual([
      'info api-security-component-added',
      'info api-security-component-type-changed',
      'info api-security-component-removed',
    ]);
  });
});

describe('response headers', () => {
  const withHeaders = (headers: Record<string, unknown>, root: Record<string, unknown> = {}) => document({ responses: { 200: { description: 'ok', headers } } }, root);
  const header = (schema: unknown, required = true) => ({ required, schema });

  it('a required header removed or made optional breaks clients: the witness is an answer without it', () => {
    const before = withHeaders({ 'X-Request-Id': header({ type: 'string' }) });
    const [removed] = diff(before, withHeaders({}));
    expect(removed).toMatchObject({ id: 'required-response-header-removed', level: 'error', location: 'response 200 header x-request-id', side: 'old' });
    expect(removed?.witness).toEqual({ direction: 'new-allows-old-rejects', response: { status: '200', headers: {} }, refusedBecause: 'the old contract refuses it: the required header x-request-id is missing' });
    expect(ids(diff(before, withHeaders({ 'x-request-id': header({ type: 'string' }, false) })))).toEqual(['error response-header-became-optional']);
    expect(ids(diff(withHeaders({ 'X-Trace': header({ type: 'string' }, false) }), withHeaders({})))).toEqual(['warning optional-response-header-removed']);
    expect(ids(diff(withHeaders({}), before))).toEqual(['info response-header-added']);
  });

  it('types read as text: widened and changed types break (with a value as witness), narrowed and string-read ones do not', () => {
    const typed = (schema: unknown) => withHeaders({ 'x-count': header(schema) });
    const [generalized] = diff(typed({ type: 'integer' }), typed({ type: 'number' }));
    expect(generalized).toMatchObject({ id: 'response-header-type-generalized', level: 'error', message: 'response 200 header x-count: the type changed from integer to number' });
    expect(generalized?.witness?.response).toEqual({ status: '200', headers: { 'x-count': 0.5 } });
    expect(ids(diff(typed({ type: 'integer' }), typed({ type: 'string' })))).toEqual(['error response-header-type-changed']);
    expect(ids(diff(typed({ type: 'number' }), typed({ type: 'integer' })))).toEqual(['info response-header-type-specialized']);
    expect(ids(diff(typed({ type: 'string' }), typed({ type: 'integer' })))).toEqual(['info response-header-type-compatible']);
    const [format] = diff(typed({ type: 'string', format: 'date-time' }), typed({ type: 'string' }));
    expect(format).toMatchObject({ id: 'response-header-type-changed', level: 'error' });
    expect(format?.witness?.refusedBecause).toMatch(/^the old contract refuses it: header x-count: .*date-time/);
  });

  it('classifies type and format changes as old clients read them', () => {
    expect(classifyHeaderType({ type: 'integer' }, { type: 'integer' })).toBeUndefined();
    expect(classifyHeaderType({ type: 'integer', format: 'int64' }, { type: 'integer', format: 'int32' })).toBe('specialized');
    expect(classifyHeaderType({ type: 'integer', format: 'int32' }, { type: 'integer', format: 'int64' })).toBe('changed');
    expect(classifyHeaderType({ type: 'integer' }, { type: 'integer', format: 'int32' })).toBe('specialized');
    expect(classifyHeaderType({ type: 'integer' }, {})).toBe('generalized');
    expect(classifyHeaderType({ type: 'integer' }, { type: ['integer', 'boolean'] })).toBe('generalized');
    expect(classifyHeaderType({}, { type: 'integer' })).toBe('specialized');
    expect(classifyHeaderType({ type: 'boolean' }, { type: 'integer' })).toBe('changed');
  });

  it('null: OpenAPI 3.0 nullable and 3.1 type lists alike; a change that cannot be shown is kept as a warning', () => {
    const openApi30 = (schema: unknown) => ({ ...(withHeaders({ 'x-count': header(schema) }) as object), openapi: '3.0.3' });
    const [nullable] = diff(openApi30({ type: 'integer' }), openApi30({ type: 'integer', nullable: true }));
    expect(nullable).toMatchObject({ id: 'response-header-became-nullable', level: 'error', witness: { response: { headers: { 'x-count': null } } } });
    expect(ids(diff(openApi30({ type: 'integer', nullable: true }), openApi30({ type: 'integer' })))).toEqual(['info response-header-became-not-nullable']);
    const [unshown] = diff(openApi30({ type: 'integer', not: { type: 'null' } }), openApi30({ type: ['integer', 'null'], not: { type: 'null' } }));
    expect(unshown).toMatchObject({ id: 'response-header-became-nullable', level: 'warning' });
    expect(unshown?.message).toContain('so it may not break clients');
  });

  it('headers shared through components.headers, and answers through components.responses, are followed', () => {
    const shared = (required: boolean) =>
      document({ responses: { 200: { $ref: '#/components/responses/Listed' } } }, { components: { responses: { Listed: { description: 'ok', headers: { 'x-total': { $ref: '#/components/headers/Total' } } } }, headers: { Total: { required, schema: { type: 'integer' } } } } });
    expect(ids(diff(shared(true), shared(false)))).toEqual(['error response-header-became-optional']);
  });
});

describe('webhooks and callbacks', () => {
  const hook = { post: { requestBody: { content: { 'application/json': { schema: { type: 'object' } } } }, responses: OK } };

  it('a webhook removed breaks subscribers and keeps its level without a witness; one added is safe', () => {
    const [removed] = diff(document({}, { webhooks: { itemCreated: hook } }), document({}));
    expect(removed).toMatchObject({ id: 'webhook-removed', level: 'error', method: 'POST', path: 'itemCreated', pointer: '#/webhooks/itemCreated/post', side: 'old' });
    expect(removed?.witness).toBeUndefined();
    expect(ids(diff(document({}), document({}, { webhooks: { itemCreated: hook } })))).toEqual(['info webhook-added']);
    expect(ids(diff(document({}, { webhooks: { itemCreated: hook } }), document({}, { webhooks: { itemCreated: { $ref: '#/components/pathItems/created' } }, components: { pathItems: { created: hook } } })))).toEqual([]);
  });

  it('callbacks of an operation, matched by name, expression and method', () => {
    const callbacks = (expressions: Record<string, unknown>) => document({ callbacks: { onDone: expressions } });
    const [removed] = diff(callbacks({ '{$request.body#/url}': hook }), callbacks({}));
    expect(removed).toMatchObject({ id: 'callback-removed', level: 'warning', location: 'callback onDone {$request.body#/url} POST', pointer: '#/paths/~1items/get/callbacks/onDone/{$request.body#~1url}/post' });
    expect(ids(diff(callbacks({}), callbacks({ '{$request.body#/url}': hook })))).toEqual(['info callback-added']);
  });
});

describe('names: tags, operation ids, component schemas', () => {
  it('tags and operation ids of an operation, schemas of the components, all safe', () => {
    expect(ids(diff(document({ tags: ['items'] }), document({ tags: ['catalog'] })))).toEqual(['info api-tag-added', 'info api-tag-removed']);
    expect(ids(diff(document({}), document({ operationId: 'listItems' })))).toEqual(['info api-operation-id-added']);
    const renamed = diff(document({ operationId: 'listItems' }), document({ operationId: 'getItems' }));
    expect(renamed).toMatchObject([{ id: 'api-operation-id-removed', level: 'info', message: 'the operationId changed from listItems to getItems', side: 'new' }]);
    expect(ids(diff(document({}, { components: { schemas: { Item: { type: 'object' }, Tag: { type: 'string' } } } }), document({}, { components: { schemas: { Item: { type: 'object' } } } })))).toEqual(['info api-schema-removed']);
  });
});
