import { GLOBAL_SCOPE, type OutboundCallable, type OutboundClient, type TimeoutOption } from './model.js';

const ms = (name: string): TimeoutOption => ({ name, carries: 'milliseconds' });

const SIGNAL: TimeoutOption = { name: 'signal', carries: 'signal' };

/** undici's dispatch options: `headersTimeout` bounds the wait for the response headers, `bodyTimeout` the gap between body chunks. */
const UNDICI_REQUEST_TIMEOUTS: readonly TimeoutOption[] = [
  SIGNAL,
  { name: 'headersTimeout', carries: 'milliseconds' },
  { name: 'bodyTimeout', carries: 'milliseconds' },
];

/** `connect` and `upgrade` hand over a socket instead of a response: only their signal bounds them. */
const UNDICI_SOCKET_TIMEOUTS: readonly TimeoutOption[] = [SIGNAL];

function undiciCallables(optionArgument: number): OutboundCallable[] {
  const requestLike = (name: string): OutboundCallable => ({ name, optionArguments: [optionArgument], timeoutOptions: UNDICI_REQUEST_TIMEOUTS });
  const socketLike = (name: string): OutboundCallable => ({ name, optionArguments: [optionArgument], timeoutOptions: UNDICI_SOCKET_TIMEOUTS });
  return [requestLike('request'), requestLike('stream'), requestLike('pipeline'), socketLike('connect'), socketLike('upgrade')];
}

/**
 * Node's global `fetch` (undici inside). Its only timeout is `init.signal` (second argument); without one it
 * waits up to undici's defaults, 300 s for the headers and 300 s between body chunks.
 */
export const GLOBAL_FETCH: OutboundClient = {
  id: 'fetch',
  kind: 'http',
  defaultWaitMs: 300_000,
  modules: [GLOBAL_SCOPE],
  functions: [{ name: 'fetch', optionArguments: [1], timeoutOptions: [SIGNAL] }],
};

/**
 * undici. `request`, `stream` and `pipeline` take `(url, options, ...)` and are bounded by `options.signal`,
 * `options.headersTimeout` or `options.bodyTimeout` (both default to 300 s); `connect` and `upgrade` only by
 * `options.signal`; undici's `fetch` only by `init.signal`. The same methods on a `Dispatcher` (`Pool`,
 * `Client`, `Agent`, `BalancedPool`, ...) take the options first. `undici-types` carries the same declarations
 * for Node's own types.
 */
export const UNDICI: OutboundClient = {
  id: 'undici',
  kind: 'http',
  defaultWaitMs: 300_000,
  modules: ['undici', 'undici-types'],
  functions: [...undiciCallables(1), { name: 'fetch', optionArguments: [1], timeoutOptions: [SIGNAL] }],
  instances: {
    // Every dispatcher inherits these methods from Dispatcher; the others are listed for readers and for
    // analyses that see a class name without its hierarchy.
    classes: ['Dispatcher', 'Pool', 'BalancedPool', 'RoundRobinPool', 'Client', 'Agent', 'ProxyAgent', 'EnvHttpProxyAgent', 'RetryAgent'],
    receiverNames: ['*pool', '*agent', '*dispatcher'],
    methods: undiciCallables(0),
  },
};

/**
 * `node:http` and `node:https`. `request` and `get` take `(url | options, [options], [callback])`; the
 * `timeout` option (socket idle time, ms) or `signal` bounds them, and so does `.setTimeout(ms)` on the
 * returned request. Without any of these a request waits as long as the socket stays open.
 */
export const NODE_HTTP: OutboundClient = {
  id: 'node-http',
  kind: 'http',
  modules: ['http', 'https'],
  functions: ['request', 'get'].map((name) => ({
    name,
    optionArguments: [0, 1],
    timeoutOptions: [{ name: 'timeout', carries: 'milliseconds' }, SIGNAL],
    timeoutMethods: ['setTimeout'],
  })),
};

/**
 * axios. `get`, `delete`, `head`, `options` take `(url, config)`, `post`, `put`, `patch` and their `*Form`
 * variants `(url, data, config)`, `request` and `axios(config)` the config first. `config.timeout` (ms) or
 * `config.signal` bounds a call; `axios.create({ timeout })` bounds every call of the instance it returns. The
 * default `timeout` is 0: no limit.
 */
export const AXIOS: OutboundClient = {
  id: 'axios',
  kind: 'http',
  modules: ['axios'],
  functions: [],
  instances: {
    classes: ['Axios', 'AxiosInstance', 'AxiosStatic'],
    receiverNames: [],
    methods: [
      ...['get', 'delete', 'head', 'options', 'getUri'].map((name) => ({ name, optionArguments: [1], timeoutOptions: [ms('timeout'), SIGNAL] })),
      ...['post', 'put', 'patch', 'postForm', 'putForm', 'patchForm'].map((name) => ({ name, optionArguments: [2], timeoutOptions: [ms('timeout'), SIGNAL] })),
      { name: 'request', optionArguments: [0], timeoutOptions: [ms('timeout'), SIGNAL] },
    ],
  },
  declaredCalls: { optionArguments: 'any', timeoutOptions: [ms('timeout'), SIGNAL] },
  construction: { factories: [{ name: 'create', optionArguments: [0] }], timeoutOptions: [ms('timeout')] },
};

/**
 * got. `got(url, options)`, `got.get(url, options)`, ...: `options.timeout` is an object whose `request` bounds
 * the whole request (`lookup`, `connect`, `response`, ... bound phases only), or `options.signal`.
 * `got.extend({ timeout: { request } })` bounds the instance. No timeout by default.
 */
export const GOT: OutboundClient = {
  id: 'got',
  kind: 'http',
  modules: ['got'],
  functions: [],
  declaredCalls: { optionArguments: 'any', timeoutOptions: [ms('timeout.request'), SIGNAL] },
  construction: { factories: [{ name: 'extend', optionArguments: [0] }], timeoutOptions: [ms('timeout.request')] },
};

/**
 * knex. A query builder is a thenable: awaiting `knex('tasks').where(...)` runs the query. `.timeout(ms)`
 * anywhere in the chain bounds it; `acquireConnectionTimeout` in the config bounds only the wait for a pooled
 * connection. No query timeout by default.
 */
export const KNEX: OutboundClient = {
  id: 'knex',
  kind: 'database',
  modules: ['knex'],
  functions: [],
  declaredCalls: { optionArguments: [], timeoutOptions: [], chainTimeoutMethods: ['timeout'], ignoredMethods: ['destroy'] },
  construction: { factories: [{ name: 'knex', optionArguments: [0] }, { name: 'Knex', optionArguments: [0] }], timeoutOptions: [], connectionOptions: ['acquireConnectionTimeout'] },
};

/**
 * pg. `client.query(...)` and `pool.query(...)`; a query config object (`{ text, values, query_timeout }`) may
 * carry `query_timeout`. `new Pool({ query_timeout })` / `new Client({ query_timeout })` bound every query of the
 * instance client-side, `statement_timeout` server-side; `connectionTimeoutMillis` bounds only connecting.
 */
export const PG: OutboundClient = {
  id: 'pg',
  kind: 'database',
  modules: ['pg', 'pg-pool', '@types/pg'],
  functions: [],
  declaredCalls: { optionArguments: [0], timeoutOptions: [ms('query_timeout')], ignoredMethods: ['end', 'release'] },
  construction: {
    factories: [{ name: 'Pool', optionArguments: [0] }, { name: 'Client', optionArguments: [0] }],
    timeoutOptions: [ms('query_timeout'), ms('statement_timeout')],
    connectionOptions: ['connectionTimeoutMillis'],
  },
};

/**
 * mysql2 (promise API). `query` and `execute` take `(sql, values)` or an options object `{ sql, timeout }`
 * first; `timeout` (ms) bounds the query. `connectTimeout` in the connection options bounds only connecting.
 */
export const MYSQL2: OutboundClient = {
  id: 'mysql2',
  kind: 'database',
  modules: ['mysql2', 'mysql'],
  functions: [],
  declaredCalls: { optionArguments: [0], timeoutOptions: [ms('timeout')], ignoredMethods: ['end', 'release', 'destroy'] },
  construction: {
    factories: ['createPool', 'createConnection', 'createPoolCluster'].map((name) => ({ name, optionArguments: [0] })),
    timeoutOptions: [],
    connectionOptions: ['connectTimeout'],
  },
};

/**
 * Prisma. `prisma.user.findMany()`, `$queryRaw`, `$executeRaw`, `$transaction`: the generated client (declared in
 * `.prisma/client` or `@prisma/client`) returns Prisma promises. Only an interactive `$transaction(fn, { timeout })`
 * has a timeout of its own; queries have none.
 */
export const PRISMA: OutboundClient = {
  id: 'prisma',
  kind: 'database',
  modules: ['@prisma/client', '.prisma', '@prisma/*'],
  functions: [],
  declaredCalls: { optionArguments: [], timeoutOptions: [], ignoredMethods: ['$disconnect'] },
  instances: {
    classes: ['PrismaClient', 'DefaultPrismaClient'],
    receiverNames: [],
    methods: [{ name: '$transaction', optionArguments: [1], timeoutOptions: [ms('timeout')] }],
  },
};

/** drizzle-orm. A query builder is a thenable (`await db.select().from(users)`); drizzle has no timeout of its own. */
export const DRIZZLE: OutboundClient = {
  id: 'drizzle',
  kind: 'database',
  modules: ['drizzle-orm'],
  functions: [],
  declaredCalls: { optionArguments: [], timeoutOptions: [] },
};

/** kysely. `execute()`, `executeTakeFirst()`, ... run a query; kysely has no timeout of its own. */
export const KYSELY: OutboundClient = {
  id: 'kysely',
  kind: 'database',
  modules: ['kysely'],
  functions: [],
  declaredCalls: { optionArguments: [], timeoutOptions: [], ignoredMethods: ['destroy'] },
};

/**
 * mongodb. Operations take their options last: `maxTimeMS` bounds the server's work and `timeoutMS` (client-side
 * operation timeout) the whole operation; a cursor's `.maxTimeMS(ms)` bounds it in the chain.
 * `new MongoClient(url, { timeoutMS })` bounds every operation; `serverSelectionTimeoutMS` and
 * `connectTimeoutMS` bound only finding and connecting to a server.
 */
export const MONGODB: OutboundClient = {
  id: 'mongodb',
  kind: 'database',
  modules: ['mongodb'],
  functions: [],
  declaredCalls: { optionArguments: 'any', timeoutOptions: [ms('maxTimeMS'), ms('timeoutMS')], chainTimeoutMethods: ['maxTimeMS'], ignoredMethods: ['close'] },
  construction: {
    factories: [{ name: 'MongoClient', optionArguments: [1] }, { name: 'connect', optionArguments: [1] }],
    timeoutOptions: [ms('timeoutMS')],
    connectionOptions: ['serverSelectionTimeoutMS', 'connectTimeoutMS'],
  },
};

/** typeorm. Repository, entity manager and query runner calls return promises; `.maxExecutionTime(ms)` on a query builder bounds it (MySQL), nothing else does. */
export const TYPEORM: OutboundClient = {
  id: 'typeorm',
  kind: 'database',
  modules: ['typeorm'],
  functions: [],
  declaredCalls: { optionArguments: [], timeoutOptions: [], chainTimeoutMethods: ['maxExecutionTime'], ignoredMethods: ['destroy', 'release'] },
  construction: { factories: [{ name: 'DataSource', optionArguments: [0] }], timeoutOptions: [], connectionOptions: ['connectTimeout', 'acquireTimeout'] },
};

/**
 * ioredis. Every command returns a promise; `new Redis({ commandTimeout })` bounds every command of the
 * instance (the command rejects after that many ms). `connectTimeout` bounds only connecting. No command timeout
 * by default.
 */
export const IOREDIS: OutboundClient = {
  id: 'ioredis',
  kind: 'cache',
  modules: ['ioredis'],
  functions: [],
  declaredCalls: { optionArguments: [], timeoutOptions: [], ignoredMethods: ['quit', 'disconnect'] },
  construction: {
    factories: [{ name: 'Redis', optionArguments: [0, 1, 2] }, { name: 'Cluster', optionArguments: [1] }],
    timeoutOptions: [ms('commandTimeout')],
    connectionOptions: ['connectTimeout'],
  },
};

/**
 * redis (node-redis, `@redis/client`). Every command returns a promise. A command's `timeout` and `abortSignal`
 * command options (`createClient({ commandOptions })`) reject a command that was already sent only with
 * `rejectInFlight: true`; without it they only bound the wait to be sent. `socket.connectTimeout` bounds only
 * connecting.
 */
export const REDIS: OutboundClient = {
  id: 'redis',
  kind: 'cache',
  modules: ['redis', '@redis/*'],
  functions: [],
  declaredCalls: { optionArguments: [], timeoutOptions: [], ignoredMethods: ['quit', 'close', 'destroy', 'disconnect'] },
  construction: {
    factories: [{ name: 'createClient', optionArguments: [0] }, { name: 'createCluster', optionArguments: [0] }],
    timeoutOptions: [{ name: 'commandOptions.timeout', carries: 'milliseconds', requires: 'commandOptions.rejectInFlight' }],
    connectionOptions: ['socket.connectTimeout'],
  },
};

/**
 * kafkajs. `producer.send`, `admin.*`, ... return promises; `new Kafka({ requestTimeout })` bounds each request
 * to a broker (30 s by default) but sends are retried (`retry.retries`, 5 by default), so a call has no single
 * bound npvguard can read.
 */
export const KAFKAJS: OutboundClient = {
  id: 'kafkajs',
  kind: 'queue',
  modules: ['kafkajs'],
  functions: [],
  declaredCalls: { optionArguments: [], timeoutOptions: [], ignoredMethods: ['disconnect'] },
};

/** amqplib. `connect`, `createChannel`, `assertQueue`, ... return promises; only `connect(url, { timeout })` has a (socket) timeout. */
export const AMQPLIB: OutboundClient = {
  id: 'amqplib',
  kind: 'queue',
  modules: ['amqplib', '@types/amqplib'],
  functions: [{ name: 'connect', optionArguments: [1], timeoutOptions: [ms('timeout')] }],
  declaredCalls: { optionArguments: [], timeoutOptions: [], ignoredMethods: ['close'] },
};

/**
 * AWS SDK v3. `client.send(command, { abortSignal })`; `new S3Client({ requestHandler: { requestTimeout } })`
 * (or `new NodeHttpHandler({ requestTimeout })`) bounds every request of the client. `send` is declared by the
 * SDK's shared client class (`@smithy/smithy-client`, `@smithy/core`).
 */
export const AWS_SDK: OutboundClient = {
  id: 'aws-sdk',
  kind: 'cloud',
  modules: ['@aws-sdk/*', '@smithy/*'],
  functions: [],
  declaredCalls: { optionArguments: [1], timeoutOptions: [{ name: 'abortSignal', carries: 'signal' }], ignoredMethods: ['destroy'] },
  construction: {
    factories: [{ name: '*Client', optionArguments: [0] }],
    timeoutOptions: [ms('requestHandler.requestTimeout')],
    connectionOptions: ['requestHandler.connectionTimeout'],
  },
};

/** Every library client npvguard knows. A new client is one more entry; a project adds its own with `latency.clients`. */
export const OUTBOUND_CLIENTS: readonly OutboundClient[] = [
  GLOBAL_FETCH,
  UNDICI,
  NODE_HTTP,
  AXIOS,
  GOT,
  KNEX,
  PG,
  MYSQL2,
  PRISMA,
  DRIZZLE,
  KYSELY,
  MONGODB,
  TYPEORM,
  IOREDIS,
  REDIS,
  KAFKAJS,
  AMQPLIB,
  AWS_SDK,
];
