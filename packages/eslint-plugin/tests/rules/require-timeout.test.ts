import rule from '../../src/rules/require-timeout.js';
import { syntaxRuleTester } from '../support/rule-tester.js';

const ruleTester = syntaxRuleTester();

ruleTester.run('require-timeout', rule, {
  valid: [
    'await fetch(url, { signal: AbortSignal.timeout(50) });',
    'await fetch(url, { method: "POST", signal });',
    'const init = { signal: deadline.signal() }; await fetch(url, init);',
    'const init = { ...base, signal }; await fetch(url, init);',
    "import { request } from 'undici'; await request(url, { headersTimeout: 100 });",
    "import * as undici from 'undici'; await undici.request(url, { signal });",
    "import http from 'node:http'; http.get('http://x', { timeout: 100 }, () => {});",
    "import http from 'node:http'; const request = http.request(options); request.setTimeout(100);",
    "import https from 'node:https'; https.get('https://x', () => {}).setTimeout(100);",
    'await modelClient.infer(input, { signal });',
    'await modelClient.infer(input, deadline);',
    'await this.deps.modelClient.infer(input, context.signal);',
    'await modelClient.infer(input, AbortSignal.timeout(20));',
    'await modelClient.infer(input, deadline.childSignal(20));',
    // A local function named fetch is not the global fetch.
    'function fetch(url: string) { return url; } fetch("x");',
    // Not a configured client method.
    'await modelClient.close();',
    'map.get(key);',
    "import http from 'node:http'; http.get('http://x', { signal });",
    "import { connect } from 'undici'; await connect(url, { signal: AbortSignal.timeout(50) });",
    "import { Pool } from 'undici'; const upstream = new Pool(origin); await upstream.request({ path: '/', method: 'GET', headersTimeout: 50 });",
    'await featureClient.get(key, { deadlineMs: 20 });',
    // A method named like a network call on an object that is not a client.
    'const cache = { async fetch(key: string) { return key; } }; await cache.fetch("k");',
    {
      code: 'await fetch(url, init);',
      options: [{ allowUnresolvedOptions: true }],
    },
    {
      code: 'await catalog.lookup(id, { timeoutMs: 20 });',
      options: [{ clients: [{ receiver: 'catalog', methods: ['lookup'] }] }],
    },
  ],
  invalid: [
    {
      code: 'await fetch(url);',
      errors: [{ messageId: 'missingTimeout', line: 1, column: 7, data: { call: 'fetch', properties: '`signal`' } }],
    },
    {
      code: 'await fetch(url, { method: "POST" });',
      errors: [{ messageId: 'missingTimeout', line: 1, column: 7 }],
    },
    {
      code: 'await fetch(url, { signal: undefined });',
      errors: [{ messageId: 'missingTimeout', line: 1, column: 7 }],
    },
    {
      code: 'await globalThis.fetch(url);',
      errors: [{ messageId: 'missingTimeout', line: 1, column: 7 }],
    },
    {
      code: 'async function load(url: string, init: RequestInit) {\n  return fetch(url, init);\n}',
      errors: [{ messageId: 'unverifiableTimeout', line: 2, column: 10 }],
    },
    {
      code: 'await fetch(url, { ...defaults });',
      errors: [{ messageId: 'unverifiableTimeout', line: 1, column: 7 }],
    },
    {
      code: "import { request } from 'undici';\nawait request(url, { method: 'POST' });",
      errors: [
        {
          messageId: 'missingTimeout',
          line: 2,
          column: 7,
          data: { call: 'undici.request', properties: '`signal` or `headersTimeout` or `bodyTimeout`' },
        },
      ],
    },
    {
      code: "import { fetch } from 'undici';\nawait fetch(url);",
      errors: [{ messageId: 'missingTimeout', line: 2, column: 7 }],
    },
    {
      code: "const http = require('node:http');\nhttp.get('http://model/v2/health/ready', () => {});",
      errors: [{ messageId: 'missingTimeout', line: 2, column: 1, data: { call: 'http.get', properties: '`timeout` or `signal`' } }],
    },
    {
      code: "import * as https from 'https';\nconst request = https.request({ host: 'x' });\nrequest.end();",
      errors: [{ messageId: 'missingTimeout', line: 2, column: 17 }],
    },
    {
      code: 'const scores = await this.modelClient.infer(input);',
      errors: [{ messageId: 'missingTimeout', line: 1, column: 22, data: { call: 'this.modelClient.infer', properties: '`signal` or `deadline` or `timeout` or `timeoutMs` or `deadlineMs` or `headersTimeout` or `bodyTimeout`' } }],
    },
    {
      code: 'await pool.request({ path: "/v2/models/ranker/infer", method: "POST" });',
      errors: [{ messageId: 'missingTimeout', line: 1, column: 7 }],
    },
    {
      // fetch reads no `timeout` option: only its signal bounds it.
      code: 'await fetch(url, { timeout: 50 });',
      errors: [{ messageId: 'missingTimeout', line: 1, column: 7, data: { call: 'fetch', properties: '`signal`' } }],
    },
    {
      code: "import { connect } from 'undici';\nawait connect(url, { headersTimeout: 50 });",
      errors: [{ messageId: 'missingTimeout', line: 2, column: 7, data: { call: 'undici.connect', properties: '`signal`' } }],
    },
    {
      code: "import { pipeline } from 'undici';\npipeline(url, { method: 'GET' }, ({ body }) => body);",
      errors: [
        {
          messageId: 'missingTimeout',
          line: 2,
          column: 1,
          data: { call: 'undici.pipeline', properties: '`signal` or `headersTimeout` or `bodyTimeout`' },
        },
      ],
    },
    {
      // An instance built from undici's class is judged by undici's options, whatever the variable is called.
      code: "import { Client } from 'undici';\nconst upstream = new Client(origin);\nawait upstream.stream({ path: '/', method: 'GET', timeoutMs: 50 }, factory);",
      errors: [
        {
          messageId: 'missingTimeout',
          line: 3,
          column: 7,
          data: { call: 'upstream.stream', properties: '`signal` or `headersTimeout` or `bodyTimeout`' },
        },
      ],
    },
    {
      code: 'await catalog.lookup(id);',
      options: [{ clients: [{ receiver: 'catalog', methods: ['lookup'] }], timeoutProperties: ['timeoutMs'] }],
      errors: [{ messageId: 'missingTimeout', line: 1, column: 7, data: { call: 'catalog.lookup', properties: '`timeoutMs`' } }],
    },
  ],
});
