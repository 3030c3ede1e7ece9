import rule from '../../src/rules/require-timeout-type-checked.js';
import syntaxRule from '../../src/rules/require-timeout.js';
import { syntaxRuleTester, typedRuleTester } from '../support/rule-tester.js';

/**
 * Database, cache and HTTP clients of the outbound model (declared in fixtures/project/types/clients.d.ts in the
 * shapes of the real packages), recognised by the module that declares the callee, not by names.
 */
const ruleTester = typedRuleTester();

const DECORATED = `import type { FastifyInstance } from 'fastify';
import type { Knex } from 'knex';
declare module 'fastify' {
  interface FastifyInstance {
    knex: Knex;
  }
}
declare const fastify: FastifyInstance;
`;

ruleTester.run('require-timeout-type-checked on library clients', rule, {
  valid: [
    // knex: `.timeout(ms)` anywhere in the chain bounds the query, reached through a decorator typed by augmentation.
    `${DECORATED}await fastify.knex('tasks').where({ id: 1 }).timeout(250);`,
    `${DECORATED}await fastify.knex('tasks').timeout(120).where({ done: false }).first();`,
    // Building a query without awaiting it runs nothing.
    `${DECORATED}const sql = fastify.knex('tasks').where({ id: 1 }).toQuery();`,
    // pg and ioredis: a timeout given where the instance is created bounds each of its calls.
    `import { Pool } from 'pg';\nconst pool = new Pool({ query_timeout: 300 });\nawait pool.query('select 1');`,
    `import Redis from 'ioredis';\nconst cache = new Redis({ commandTimeout: 50 });\nawait cache.get('key');`,
    // A method that does not return a promise is not a call that waits.
    `import Redis from 'ioredis';\nconst cache = new Redis({});\ncache.on('error', () => undefined);`,
    // axios: per call, or on an instance from axios.create.
    `import axios from 'axios';\nawait axios.get('https://example.test', { timeout: 150 });`,
    `import axios from 'axios';\nconst api = axios.create({ timeout: 75 });\nawait api.get('/a');`,
    `import axios from 'axios';\nawait axios.post('https://example.test', { timeout: 'payload, not config' }, { signal: AbortSignal.timeout(50) });`,
    // Prisma: only an interactive transaction has a timeout.
    `import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\nawait prisma.$transaction(async (tx) => tx.user.findMany(), { timeout: 400 });`,
    // Look-alikes: a local function named query, an object named redis.
    `async function query(sql: string): Promise<string[]> { return [sql]; }\nawait query('select 1');`,
    `const redis = { async get(key: string) { return key; } };\nawait redis.get('key');`,
  ],
  invalid: [
    {
      code: `${DECORATED}await fastify.knex('tasks').where({ id: 1 });`,
      errors: [{ messageId: 'missingTimeout', line: 9, data: { call: "fastify.knex('tasks').where", properties: '`.timeout(ms)`' } }],
    },
    {
      // pg's connectionTimeoutMillis bounds only connecting.
      code: `import { Pool } from 'pg';\nconst pool = new Pool({ connectionTimeoutMillis: 1000 });\nawait pool.query('select 1');`,
      errors: [{ messageId: 'missingTimeout', line: 3, data: { call: 'pool.query', properties: '`query_timeout` or `query_timeout` where the client is created or `statement_timeout` where the client is created' } }],
    },
    {
      code: `import Redis from 'ioredis';\nconst cache = new Redis({ connectTimeout: 500 });\nawait cache.get('key');`,
      errors: [{ messageId: 'missingTimeout', line: 3, data: { call: 'cache.get', properties: '`commandTimeout` where the client is created' } }],
    },
    {
      // axios reads `timeout` from the config, the third argument of post; the payload's `timeout` bounds nothing.
      code: `import axios from 'axios';\nawait axios.post('https://example.test', { timeout: 50 });`,
      errors: [{ messageId: 'missingTimeout', line: 2 }],
    },
    {
      code: `import axios from 'axios';\nconst api = axios.create({});\nawait api.get('/a');`,
      errors: [{ messageId: 'missingTimeout', line: 3, data: { call: 'api.get', properties: '`timeout` or `signal` or `timeout` where the client is created' } }],
    },
    {
      code: `import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\nawait prisma.user.findMany();`,
      errors: [{ messageId: 'missingTimeout', line: 3, data: { call: 'prisma.user.findMany', properties: 'nothing prisma offers: race it against the request deadline' } }],
    },
  ],
});

/** The syntax-only rule sees the calls the model lists by name, through imports: axios and its instances. */
const syntaxTester = syntaxRuleTester();

syntaxTester.run('require-timeout on library clients', syntaxRule, {
  valid: [
    `import axios from 'axios';\nawait axios.get('https://example.test', { timeout: 150 });`,
    `import axios from 'axios';\nconst api = axios.create({ timeout: 75 });\nawait api.get('/a');`,
    `import axios from 'axios';\nawait axios.post('https://example.test', {}, { signal: AbortSignal.timeout(50) });`,
    // A local object named axios is not the client.
    `const axios = { async get(url: string) { return url; } };\nawait axios.get('https://example.test');`,
  ],
  invalid: [
    {
      code: `import axios from 'axios';\nawait axios.get('https://example.test');`,
      errors: [{ messageId: 'missingTimeout', line: 2, data: { call: 'axios.get', properties: '`timeout` or `signal`' } }],
    },
    {
      code: `import axios from 'axios';\nawait axios.post('https://example.test', { timeout: 50 });`,
      errors: [{ messageId: 'missingTimeout', line: 2 }],
    },
    {
      code: `import axios from 'axios';\nconst api = axios.create({ baseURL: 'https://example.test' });\nawait api.get('/a');`,
      errors: [{ messageId: 'missingTimeout', line: 3, data: { call: 'api.get', properties: '`timeout` or `signal`' } }],
    },
  ],
});
