import { describe, expect, it } from 'vitest';
import {
  clientFromConfig,
  clientHasModule,
  findClientFactory,
  findDeclaredCall,
  findModuleMember,
  findOutboundClient,
  GLOBAL_FETCH,
  KNEX,
  NODE_HTTP,
  UNDICI,
  findOutboundFunction,
  findOutboundMethod,
  findSignalFactory,
  GLOBAL_SCOPE,
  matchesNamePattern,
  OUTBOUND_CLIENTS,
  outboundCallableNames,
  packageOfFile,
  PROJECT_CLIENT_TIMEOUT_OPTIONS,
  receiverConventions,
  timeoutValueCarrier,
} from '../src/index.js';

function timeoutOptionNames(module: string, name: string): string[] | undefined {
  return findOutboundFunction(module, name)?.callable.timeoutOptions.map((option) => option.name);
}

describe('the outbound model', () => {
  it('gives every client a unique id, a module, and callables with options to look in', () => {
    expect(new Set(OUTBOUND_CLIENTS.map((client) => client.id)).size).toBe(OUTBOUND_CLIENTS.length);
    for (const client of OUTBOUND_CLIENTS) {
      expect(client.modules.length).toBeGreaterThan(0);
      for (const callable of [...client.functions, ...(client.instances?.methods ?? [])]) {
        expect(callable.optionArguments.length, `${client.id} ${callable.name}`).toBeGreaterThan(0);
        expect(callable.timeoutOptions.length, `${client.id} ${callable.name}`).toBeGreaterThan(0);
      }
      // A client with neither named callables nor declared calls would never match anything.
      expect(client.functions.length + (client.instances?.methods.length ?? 0) + (client.declaredCalls === undefined ? 0 : 1), client.id).toBeGreaterThan(0);
    }
  });

  it('knows the common database, cache, HTTP, queue and cloud clients', () => {
    expect(OUTBOUND_CLIENTS.map((client) => client.id)).toEqual([
      'fetch', 'undici', 'node-http', 'axios', 'got', 'knex', 'pg', 'mysql2', 'prisma', 'drizzle', 'kysely', 'mongodb', 'typeorm', 'ioredis', 'redis', 'kafkajs', 'amqplib', 'aws-sdk',
    ]);
  });

  it.each([
    [GLOBAL_SCOPE, 'fetch', ['signal']],
    ['undici', 'fetch', ['signal']],
    ['undici', 'request', ['signal', 'headersTimeout', 'bodyTimeout']],
    ['undici', 'stream', ['signal', 'headersTimeout', 'bodyTimeout']],
    ['undici', 'pipeline', ['signal', 'headersTimeout', 'bodyTimeout']],
    ['undici', 'connect', ['signal']],
    ['undici', 'upgrade', ['signal']],
    ['http', 'request', ['timeout', 'signal']],
    ['node:https', 'get', ['timeout', 'signal']],
  ])('%s %s is outbound, bounded by %j', (module, name, options) => {
    expect(timeoutOptionNames(module, name)).toEqual(options);
  });

  it.each([
    [GLOBAL_SCOPE, 'request'],
    ['http', 'fetch'],
    ['undici', 'get'],
    ['./local-client.js', 'fetch'],
  ])('%s %s is not outbound', (module, name) => {
    expect(findOutboundFunction(module, name)).toBeUndefined();
  });

  it('knows the methods of undici dispatchers, with their options first', () => {
    const match = findOutboundMethod('undici', 'Dispatcher', 'request');
    expect(match?.client.id).toBe('undici');
    expect(match?.callable.optionArguments).toEqual([0]);
    expect(findOutboundMethod('undici-types', 'Pool', 'stream')?.callable.name).toBe('stream');
    expect(findOutboundMethod('undici', 'Dispatcher', 'close')).toBeUndefined();
    expect(findOutboundMethod('my-http', 'Pool', 'request')).toBeUndefined();
  });

  it('lists every callable name, for a quick test before resolving a call', () => {
    expect([...outboundCallableNames([GLOBAL_FETCH, UNDICI, NODE_HTTP])].sort()).toEqual(['connect', 'fetch', 'get', 'pipeline', 'request', 'stream', 'upgrade']);
    expect(outboundCallableNames()).toContain('postForm');
    expect(outboundCallableNames()).toContain('$transaction');
  });

  it('names undici instances by the receivers they usually go by', () => {
    expect(receiverConventions()).toContainEqual({ receiver: '*pool', methods: ['request', 'stream', 'pipeline', 'connect', 'upgrade'] });
  });

  it('bounds calls of the service own clients by any of its timeout option names', () => {
    expect(PROJECT_CLIENT_TIMEOUT_OPTIONS.map((option) => option.name)).toEqual([
      'signal',
      'deadline',
      'timeout',
      'timeoutMs',
      'deadlineMs',
      'headersTimeout',
      'bodyTimeout',
    ]);
  });

  it('tells signal and deadline types from others by name, base types included', () => {
    expect(timeoutValueCarrier(['AbortSignal', 'EventTarget'])).toBe('signal');
    expect(timeoutValueCarrier(['RequestDeadline'])).toBe('deadline');
    expect(timeoutValueCarrier(['DeadlineError'])).toBeUndefined();
    expect(timeoutValueCarrier([])).toBeUndefined();
  });

  it('knows the AbortSignal factories that bound time', () => {
    expect(findSignalFactory('AbortSignal', 'timeout')?.bound).toBe('argument');
    expect(findSignalFactory('AbortSignal', 'any')?.bound).toBe('shortest');
    expect(findSignalFactory('AbortController', 'timeout')).toBeUndefined();
  });

  it('matches name patterns ignoring case', () => {
    expect(matchesNamePattern('featureStoreDeadline', ['*deadline'])).toBe(true);
    expect(matchesNamePattern('deadlines', ['*deadline'])).toBe(false);
    expect(matchesNamePattern('deadline', [])).toBe(false);
  });

  it.each([
    ['/repo/node_modules/undici/types/api.d.ts', 'undici'],
    ['/repo/node_modules/@types/node/http.d.ts', '@types/node'],
    ['C:\\repo\\node_modules\\undici-types\\pool.d.ts', 'undici-types'],
    ['/repo/node_modules/a/node_modules/b/index.d.ts', 'b'],
    ['/repo/src/clients/http.ts', undefined],
  ])('%s belongs to package %s', (file, expected) => {
    expect(packageOfFile(file)).toBe(expected);
  });
});

describe('calls recognised by the module that declares them', () => {
  it.each([
    ['knex', 'where', 'knex'],
    ['knex/types', 'first', 'knex'],
    ['pg', 'query', 'pg'],
    ['@types/pg', 'query', 'pg'],
    ['mysql2', 'execute', 'mysql2'],
    ['.prisma', 'findMany', 'prisma'],
    ['@prisma/client', 'findMany', 'prisma'],
    ['drizzle-orm', 'execute', 'drizzle'],
    ['kysely', 'executeTakeFirst', 'kysely'],
    ['mongodb', 'findOne', 'mongodb'],
    ['typeorm', 'findOneBy', 'typeorm'],
    ['ioredis', 'get', 'ioredis'],
    ['@redis/client', 'get', 'redis'],
    ['kafkajs', 'send', 'kafkajs'],
    ['amqplib', 'assertQueue', 'amqplib'],
    ['@aws-sdk/client-s3', 'send', 'aws-sdk'],
    ['@smithy/core', 'send', 'aws-sdk'],
    ['axios', 'get', 'axios'],
    ['got', 'post', 'got'],
  ])('%s %s is a call of %s', (module, name, client) => {
    expect(findDeclaredCall(module, name)?.client.id).toBe(client);
  });

  it.each([
    ['knex', 'destroy'],
    ['ioredis', 'quit'],
    ['pg', 'end'],
    ['.prisma', '$disconnect'],
    ['fastify', 'inject'],
    ['knex-utils', 'where'],
    ['my-db', 'query'],
  ])('%s %s is not outbound', (module, name) => {
    expect(findDeclaredCall(module, name)).toBeUndefined();
  });

  it('gives a listed method its own option positions over the declared default', () => {
    expect(findDeclaredCall('axios', 'post')?.callable.optionArguments).toEqual([2]);
    expect(findDeclaredCall('axios', 'get')?.callable.optionArguments).toEqual([1]);
    expect(findDeclaredCall('axios', 'patchForm')?.callable.timeoutOptions.map((option) => option.name)).toEqual(['timeout', 'signal']);
    expect(findDeclaredCall('.prisma', '$transaction')?.callable.timeoutOptions.map((option) => option.name)).toEqual(['timeout']);
    expect(findDeclaredCall('.prisma', 'findMany')?.callable.timeoutOptions).toEqual([]);
  });

  it('carries the chain methods that bound a query', () => {
    expect(findDeclaredCall('knex', 'where')?.callable.chainTimeoutMethods).toEqual(['timeout']);
    expect(findDeclaredCall('mongodb', 'find')?.callable.chainTimeoutMethods).toEqual(['maxTimeMS']);
    expect(findDeclaredCall('pg', 'query')?.callable.chainTimeoutMethods).toBeUndefined();
  });

  it('matches module globs and subpaths, never a package that only starts the same', () => {
    expect(clientHasModule(KNEX, 'knex')).toBe(true);
    expect(clientHasModule(KNEX, 'knex/types/index')).toBe(true);
    expect(clientHasModule(KNEX, 'knexx')).toBe(false);
    expect(findOutboundClient('@aws-sdk/client-dynamodb')?.id).toBe('aws-sdk');
    expect(findOutboundClient('@aws-sdkx/client')).toBeUndefined();
    expect(findOutboundClient(GLOBAL_SCOPE)?.id).toBe('fetch');
  });

  it('reads module members of client namespaces (axios.get) and functions (fetch)', () => {
    expect(findModuleMember('axios', 'get')?.client.id).toBe('axios');
    expect(findModuleMember('undici', 'request')?.via).toBe('function');
    expect(findModuleMember('lodash', 'get')).toBeUndefined();
  });
});

describe('timeouts set when a client is created', () => {
  it.each([
    ['pg', 'Pool', 'pg', ['query_timeout', 'statement_timeout']],
    ['ioredis', 'Redis', 'ioredis', ['commandTimeout']],
    ['axios', 'create', 'axios', ['timeout']],
    ['got', 'extend', 'got', ['timeout.request']],
    ['mongodb', 'MongoClient', 'mongodb', ['timeoutMS']],
    ['@aws-sdk/client-s3', 'S3Client', 'aws-sdk', ['requestHandler.requestTimeout']],
    ['redis', 'createClient', 'redis', ['commandOptions.timeout']],
  ])('%s %s configures %s instances with %j', (module, name, client, options) => {
    const found = findClientFactory(module, name);
    expect(found?.client.id).toBe(client);
    expect(found?.client.construction?.timeoutOptions.map((option) => option.name)).toEqual(options);
  });

  it('keeps options that bound only connecting apart from those that bound a call', () => {
    const knex = findClientFactory('knex', 'knex');
    expect(knex?.client.construction?.timeoutOptions).toEqual([]);
    expect(knex?.client.construction?.connectionOptions).toEqual(['acquireConnectionTimeout']);
    expect(findClientFactory('pg', 'Pool')?.client.construction?.connectionOptions).toEqual(['connectionTimeoutMillis']);
    expect(findClientFactory('ioredis', 'Cluster')?.factory.optionArguments).toEqual([1]);
  });

  it('bounds a redis command already sent only with rejectInFlight', () => {
    expect(findClientFactory('redis', 'createClient')?.client.construction?.timeoutOptions[0]?.requires).toBe('commandOptions.rejectInFlight');
  });

  it('does not take a look-alike factory for a client', () => {
    expect(findClientFactory('my-pool', 'Pool')).toBeUndefined();
    expect(findClientFactory('pg', 'Cursor')).toBeUndefined();
  });
});

describe('clients from the config', () => {
  it('turns an entry with calls into named functions bounded by its options', () => {
    const client = clientFromConfig({ module: 'remote-flags', calls: ['getFlag'], timeoutOptions: ['timeoutMs', 'abortSignal'], defaultWaitMs: 500 });
    const match = findDeclaredCall('remote-flags', 'getFlag', [client]);
    expect(match?.callable.timeoutOptions).toEqual([
      { name: 'timeoutMs', carries: 'milliseconds' },
      { name: 'abortSignal', carries: 'signal' },
    ]);
    expect(match?.callable.optionArguments).toBe('any');
    expect(findDeclaredCall('remote-flags', 'setFlag', [client])).toBeUndefined();
    expect(client.defaultWaitMs).toBe(500);
  });

  it('turns an entry without calls into every promise-returning call of the module', () => {
    const client = clientFromConfig({ module: '@acme/*', chainTimeoutMethods: ['deadline'], factories: ['createDb'], factoryTimeoutOptions: ['queryTimeout'] });
    expect(findDeclaredCall('@acme/db', 'anything', [client])?.callable.chainTimeoutMethods).toEqual(['deadline']);
    expect(findClientFactory('@acme/db', 'createDb', [client])?.client.construction?.timeoutOptions).toEqual([{ name: 'queryTimeout', carries: 'milliseconds' }]);
    expect(client.defaultWaitMs).toBeUndefined();
  });
});
