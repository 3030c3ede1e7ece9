import { GLOBAL_SCOPE, type OutboundCallable, type OutboundClient, type TimeoutOption } from './model.js';

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
  modules: ['http', 'https'],
  functions: ['request', 'get'].map((name) => ({
    name,
    optionArguments: [0, 1],
    timeoutOptions: [{ name: 'timeout', carries: 'milliseconds' }, SIGNAL],
    timeoutMethods: ['setTimeout'],
  })),
};

/** Every library client npvguard knows. A new client (a database or cache driver, axios) is one more entry. */
export const OUTBOUND_CLIENTS: readonly OutboundClient[] = [GLOBAL_FETCH, UNDICI, NODE_HTTP];
