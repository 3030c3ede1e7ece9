import { NpvError } from '@npvguard/core';
import { describe, expect, it } from 'vitest';
import { validateLatency } from '../../src/checks/latency/config.js';

const SCOPE = { file: 'npvguard.config.ts' };

function validate(clients: unknown) {
  return validateLatency(SCOPE, ['latency'], { budgets: {}, clients });
}

function failure(clients: unknown): NpvError {
  try {
    validate(clients);
  } catch (error) {
    if (error instanceof NpvError) return error;
    throw error;
  }
  throw new Error('validation passed');
}

describe('latency.clients', () => {
  it('accepts every key, and keeps only what was given', () => {
    const entry = {
      module: '@acme/db',
      calls: ['query', 'execute'],
      timeoutOptions: ['timeoutMs', 'timeout.request', 'abortSignal'],
      optionArguments: [0, 2],
      chainTimeoutMethods: ['deadline'],
      factories: ['createDb', '*Client'],
      factoryTimeoutOptions: ['queryTimeout'],
      defaultWaitMs: 1500,
      io: true,
    };
    expect(validate([entry]).clients).toEqual([entry]);
    expect(validate([{ module: 'remote-flags' }]).clients).toEqual([{ module: 'remote-flags' }]);
  });

  it.each([
    ['not an array', { module: 'x' }, 'latency.clients', 'must be an array'],
    ['an entry that is not an object', ['x'], 'latency.clients[0]', 'must be an object'],
    ['no module', [{ calls: ['query'] }], 'latency.clients[0].module', 'package name'],
    ['a relative module', [{ module: './db' }], 'latency.clients[0].module', 'package name'],
    ['an unknown key', [{ module: 'x', timeouts: ['t'] }], 'latency.clients[0].timeouts', 'unknown key'],
    ['empty calls', [{ module: 'x', calls: [] }], 'latency.clients[0].calls', 'non-empty array'],
    ['a call that is not a name', [{ module: 'x', calls: ['query()'] }], 'latency.clients[0].calls[0]', 'names such as'],
    ['factory options without factories', [{ module: 'x', factoryTimeoutOptions: ['t'] }], 'latency.clients[0].factoryTimeoutOptions', 'needs `factories`'],
    ['a negative argument position', [{ module: 'x', optionArguments: [-1] }], 'latency.clients[0].optionArguments', 'argument positions'],
    ['io that is not a boolean', [{ module: 'x', io: 'no' }], 'latency.clients[0].io', 'true or false'],
    ['a zero default wait', [{ module: 'x', defaultWaitMs: 0 }], 'latency.clients[0].defaultWaitMs', 'positive number'],
  ])('rejects %s with NPV1203 at the path', (_, clients, path, text) => {
    const error = failure(clients);
    expect(error.code).toBe('NPV1203');
    expect(error.message).toContain(path);
    expect(error.message).toContain(text);
    expect(error.message).toContain('npvguard.config.ts');
  });
});
