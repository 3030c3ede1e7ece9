import type { SignalFactory, TimeoutOption, TimeoutValueType } from './model.js';

/**
 * Options that bound a call of the service's own clients and ports, whose implementation neither analysis
 * reads as a library: any of these names, in any argument that is an options object.
 */
export const PROJECT_CLIENT_TIMEOUT_OPTIONS: readonly TimeoutOption[] = [
  { name: 'signal', carries: 'signal' },
  { name: 'deadline', carries: 'deadline' },
  { name: 'timeout', carries: 'milliseconds' },
  { name: 'timeoutMs', carries: 'milliseconds' },
  { name: 'deadlineMs', carries: 'milliseconds' },
  { name: 'headersTimeout', carries: 'milliseconds' },
  { name: 'bodyTimeout', carries: 'milliseconds' },
];

/** Argument types that bound a call of the service's own clients and ports by themselves. */
export const TIMEOUT_VALUE_TYPES: readonly TimeoutValueType[] = [
  { typeNames: ['AbortSignal'], carries: 'signal' },
  { typeNames: ['*Deadline'], carries: 'deadline' },
];

/**
 * What such arguments are called, for analyses without types: `client.infer(rows, signal)`,
 * `store.get(ids, ctx.deadline)`, `client.get(key, requestTimeoutMs)` (case-insensitive globs).
 */
export const TIMEOUT_VALUE_NAMES: readonly string[] = ['*signal', '*deadline', '*timeout', '*timeoutMs'];

/** Static factories of `AbortSignal` that bound time. */
export const SIGNAL_FACTORIES: readonly SignalFactory[] = [
  { object: 'AbortSignal', method: 'timeout', bound: 'argument' },
  { object: 'AbortSignal', method: 'any', bound: 'shortest' },
  { object: 'AbortSignal', method: 'abort', bound: 'aborted' },
];

/**
 * Methods of a deadline object (a `TIMEOUT_VALUE_TYPES` deadline) that return a scope whose signal aborts
 * after the milliseconds given or when the deadline passes: `deadline.child(20).signal`.
 */
export const DEADLINE_SCOPE_METHODS: readonly string[] = ['child', 'scope', 'within'];
