/**
 * The shapes of npvguard's model of outbound calls: which calls leave the process, and what bounds how long
 * they may wait. The ESLint rules (ESTree) and the latency analysis (ts-morph) read the same tables, so the
 * editor and CI call the same things outbound and accept the same timeouts.
 */

/** The module name used for globals (`fetch`, `globalThis.fetch`). */
export const GLOBAL_SCOPE = '<global>';

/** What the value of a timeout option or argument is. */
export type TimeoutCarrier =
  /** An `AbortSignal`; how long it lets a call wait is whatever bounds the signal. */
  | 'signal'
  /** A number of milliseconds. */
  | 'milliseconds'
  /** A deadline object of the service (a type named like `Deadline`); bounded by the request's budget. */
  | 'deadline';

/** An option of a call that bounds its wait. */
export interface TimeoutOption {
  /** Property name in the options object. */
  name: string;
  carries: TimeoutCarrier;
}

/** A function or method that makes a network call, and where its timeout goes. */
export interface OutboundCallable {
  name: string;
  /** Zero-based positions of the arguments that may be the options object. */
  optionArguments: readonly number[];
  /** The options that bound the wait; any other option (a `timeout` fetch does not read) bounds nothing. */
  timeoutOptions: readonly TimeoutOption[];
  /** Methods of the call's result that bound it afterwards: `http.get(url).setTimeout(ms)`. */
  timeoutMethods?: readonly string[];
}

/** Classes of a client whose instances make the network calls through methods (undici's `Pool`). */
export interface OutboundInstances {
  /** Exported classes (or the base class declaring the methods) whose methods below are outbound. */
  classes: readonly string[];
  /**
   * Name patterns (case-insensitive globs) that variables holding an instance usually match, for analyses
   * without types: `this.pool.request(...)`.
   */
  receiverNames: readonly string[];
  methods: readonly OutboundCallable[];
}

/** One library that makes outbound calls. */
export interface OutboundClient {
  /** Stable id, e.g. `undici`. */
  id: string;
  /**
   * Module specifiers (without `node:`) through which code reaches it, or {@link GLOBAL_SCOPE}; includes
   * packages that only carry its declarations, so a type declared there counts as the client's own.
   */
  modules: readonly string[];
  /** Functions the modules export (or globals) that make a network call. */
  functions: readonly OutboundCallable[];
  instances?: OutboundInstances;
}

/** A static factory of `AbortSignal` and how long the signal it returns lets a call wait. */
export interface SignalFactory {
  /** The class the factory is called on. */
  object: string;
  method: string;
  /**
   * `argument`: aborts after the milliseconds given as the first argument; `shortest`: aborts with the
   * first of the signals in the array given as the first argument; `aborted`: is aborted already.
   */
  bound: 'argument' | 'shortest' | 'aborted';
}

/** Types of values that bound a call on their own when passed as an argument (`client.get(key, signal)`). */
export interface TimeoutValueType {
  /** Type name patterns (case-insensitive globs), matched against a type and its base types. */
  typeNames: readonly string[];
  carries: Exclude<TimeoutCarrier, 'milliseconds'>;
}
