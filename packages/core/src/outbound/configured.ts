import type { LatencyClientConfig } from '../config.js';
import { matchesNamePattern } from './lookup.js';
import type { OutboundClient, TimeoutOption } from './model.js';

/** Option names ending in `signal` carry an AbortSignal; every other option carries milliseconds. */
function optionOf(name: string): TimeoutOption {
  const last = name.split('.').at(-1) ?? name;
  return { name, carries: matchesNamePattern(last, ['*signal']) ? 'signal' : 'milliseconds' };
}

/**
 * A client of the project's config (`latency.clients`) as an entry of the outbound model. Without `calls`, every
 * promise-returning call its module declares is outbound; with `calls`, only those names.
 */
export function clientFromConfig(entry: LatencyClientConfig): OutboundClient {
  const timeoutOptions = (entry.timeoutOptions ?? []).map(optionOf);
  const optionArguments = entry.optionArguments ?? 'any';
  const chain = entry.chainTimeoutMethods === undefined ? {} : { chainTimeoutMethods: entry.chainTimeoutMethods };
  const client: OutboundClient = {
    id: entry.module,
    kind: 'http',
    modules: [entry.module],
    functions: (entry.calls ?? []).map((name) => ({ name, optionArguments, timeoutOptions, ...chain })),
    ...(entry.calls === undefined ? { declaredCalls: { optionArguments, timeoutOptions, ...chain } } : {}),
    ...(entry.factories === undefined
      ? {}
      : {
          construction: {
            factories: entry.factories.map((name) => ({ name, optionArguments: [0, 1] })),
            timeoutOptions: (entry.factoryTimeoutOptions ?? []).map(optionOf),
          },
        }),
    ...(entry.defaultWaitMs === undefined ? {} : { defaultWaitMs: entry.defaultWaitMs }),
  };
  return client;
}
