import rule from '../../src/rules/require-timeout-type-checked.js';
import { typedRuleTester } from '../support/rule-tester.js';

const ruleTester = typedRuleTester();

const PORTS = `
interface Deadline { remainingMs(): number; signal(): AbortSignal }
interface InferOptions { signal: AbortSignal }
interface LooseOptions { signal?: AbortSignal }
interface ModelClient { infer(input: number[], options: InferOptions): Promise<number[]>; close(): Promise<void> }
interface FeatureStore { get(ids: string[], deadline: Deadline): Promise<number[]> }
declare const deadline: Deadline;
declare const modelClient: ModelClient;
declare const signal: AbortSignal;
declare const maybeSignal: AbortSignal | undefined;
`;

ruleTester.run('require-timeout-type-checked', rule, {
  valid: [
    `${PORTS} await fetch('http://model', { signal });`,
    `${PORTS} const init: RequestInit & { signal: AbortSignal } = { signal }; await fetch('http://model', init);`,
    `${PORTS} await modelClient.infer([1], { signal });`,
    `${PORTS} await modelClient.close();`,
    `${PORTS} class OipClient implements ModelClient {
      async infer(input: number[], options: InferOptions) { return input; }
      async close() {}
    }
    const client = new OipClient();
    await client.infer([1], { signal: deadline.signal() });`,
    {
      code: `${PORTS} declare const store: FeatureStore; await store.get(['a'], deadline);`,
      options: [{ clientTypes: ['FeatureStore'] }],
    },
    `import { Pool } from 'undici'; declare const upstream: Pool; await upstream.request({ path: '/', method: 'GET', headersTimeout: 50 });`,
    {
      code: `interface RequestDeadline { remainingMs(): number }
      interface FeatureStore { get(ids: string[], deadline: RequestDeadline): Promise<number[]> }
      declare const store: FeatureStore; declare const deadline: RequestDeadline;
      await store.get(['a'], deadline);`,
      options: [{ clientTypes: ['FeatureStore'] }],
    },
    // Synchronous methods of a client type are not calls that can hang.
    `${PORTS} declare const pool: { name(): string } & ModelClient; pool.name();`,
    // A client calling its own helpers is its internals, not an outbound call.
    `${PORTS} class OipClient implements ModelClient {
      async infer(input: number[], options: InferOptions) { await this.warm(); return input; }
      async close() {}
      private async warm() {}
    }`,
    // A method the implementing class adds itself is not part of the port.
    {
      code: `${PORTS} interface CatalogPort { find(id: string, signal: AbortSignal): Promise<string> }
      class InMemoryCatalog implements CatalogPort {
        async find(id: string, signal: AbortSignal) { return id; }
        async reload(): Promise<void> {}
      }
      declare const catalog: InMemoryCatalog;
      await catalog.reload();`,
    },
  ],
  invalid: [
    {
      // undici reads no `timeoutMs`; the dispatcher is recognised by its type, whatever the variable is called.
      code: `import { Pool } from 'undici';\ndeclare const upstream: Pool;\nawait upstream.request({ path: '/', method: 'GET', timeoutMs: 50 });`,
      errors: [
        {
          messageId: 'timeoutNotGuaranteed',
          line: 3,
          column: 7,
          data: {
            call: 'upstream.request',
            type: '{ path: string; method: "GET"; timeoutMs: number; }',
            properties: '`signal` or `headersTimeout` or `bodyTimeout`',
          },
        },
      ],
    },
    {
      code: `import { Client } from 'undici';\ndeclare const upstream: Client;\nupstream.pipeline({ path: '/', method: 'GET' }, ({ body }) => body);`,
      errors: [{ messageId: 'timeoutNotGuaranteed', line: 3, column: 1 }],
    },
    {
      code: `${PORTS} await fetch('http://model');`,
      errors: [{ messageId: 'missingTimeout', line: 11, column: 8 }],
    },
    {
      code: `${PORTS} declare const init: RequestInit;\nawait fetch('http://model', init);`,
      errors: [
        {
          messageId: 'timeoutNotGuaranteed',
          line: 12,
          column: 7,
          data: { call: 'fetch', type: 'RequestInit', properties: '`signal`' },
        },
      ],
    },
    {
      code: `${PORTS}\nawait fetch('http://model', { signal: maybeSignal });`,
      errors: [{ messageId: 'timeoutNotGuaranteed', line: 12, column: 7 }],
    },
    {
      code: `${PORTS} declare const loose: LooseOptions;\nawait (modelClient as unknown as { infer(i: number[], o: LooseOptions): Promise<number[]> }).infer([1], loose);`,
      options: [{ clientTypes: [] }],
      errors: [{ messageId: 'missingTimeout', line: 12, column: 7 }],
    },
    {
      code: `${PORTS} class OipClient implements ModelClient {
      async infer(input: number[], options: InferOptions) { return input; }
      async close() {}
      async ready(): Promise<boolean> { return true; }
    }
    const oip = new OipClient();
    await oip.ready();`,
      errors: [{ messageId: 'missingTimeout', line: 17, column: 11, data: { call: 'oip.ready', properties: '`signal` or `deadline` or `timeout` or `timeoutMs` or `deadlineMs` or `headersTimeout` or `bodyTimeout`' } }],
    },
    {
      code: `${PORTS} declare const store: FeatureStore;\nawait store.get(['a'], undefined as unknown as Deadline | undefined);`,
      options: [{ clientTypes: ['FeatureStore'] }],
      errors: [{ messageId: 'missingTimeout', line: 12, column: 7 }],
    },
    {
      // The port declares the method, so calling it on the implementing class is an outbound call.
      code: `${PORTS} interface CatalogPort { find(id: string, signal?: AbortSignal): Promise<string> }
class InMemoryCatalog implements CatalogPort { async find(id: string, signal?: AbortSignal) { return id; } }
declare const catalog: InMemoryCatalog;
await catalog.find('t1');`,
      errors: [{ messageId: 'missingTimeout', line: 14, column: 7, data: { call: 'catalog.find', properties: '`signal` or `deadline` or `timeout` or `timeoutMs` or `deadlineMs` or `headersTimeout` or `bodyTimeout`' } }],
    },
  ],
});
