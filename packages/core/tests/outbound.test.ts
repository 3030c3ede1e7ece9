import { describe, expect, it } from 'vitest';
import {
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
    }
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
    expect([...outboundCallableNames()].sort()).toEqual(['connect', 'fetch', 'get', 'pipeline', 'request', 'stream', 'upgrade']);
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
