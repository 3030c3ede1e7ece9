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
  /**
   * Property name in the options object; a dotted path reaches into nested objects (`timeout.request` for got,
   * `requestHandler.requestTimeout` for the AWS SDK, where the object may also be the first argument of a `new`).
   */
  name: string;
  carries: TimeoutCarrier;
  /** Another option (same nesting) that must be literally `true` for this one to bound a call already sent (redis `rejectInFlight`). */
  requires?: string;
}

/** A function or method that makes a network call, and where its timeout goes. */
export interface OutboundCallable {
  name: string;
  /** Zero-based positions of the arguments that may be the options object; `any`: every argument. */
  optionArguments: readonly number[] | 'any';
  /** The options that bound the wait; any other option (a `timeout` fetch does not read) bounds nothing. */
  timeoutOptions: readonly TimeoutOption[];
  /** Methods of the call's result that bound it afterwards: `http.get(url).setTimeout(ms)`. */
  timeoutMethods?: readonly string[];
  /** Methods anywhere in the call's chain that bound it with their first argument (ms): knex `.timeout(ms)`. */
  chainTimeoutMethods?: readonly string[];
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

/** What a client talks to; messages and docs name it. */
export type OutboundKind = 'http' | 'database' | 'cache' | 'queue' | 'cloud';

/**
 * Calls recognised by where they are declared: every function or method a client's modules declare whose
 * result is a promise or a thenable (a knex query builder, a Prisma promise) is an outbound call. This is how
 * database and cache clients are modelled, whose hundreds of methods all do I/O; `functions` and
 * `instances.methods` still name the calls whose options differ (axios `post(url, data, config)`).
 */
export interface DeclaredCalls {
  optionArguments: readonly number[] | 'any';
  /** Options that bound one call (mysql2 `{ sql, timeout }`, AWS `send(command, { abortSignal })`); may be empty. */
  timeoutOptions: readonly TimeoutOption[];
  /**
   * Methods anywhere in the call chain that bound the whole chain with the milliseconds of their first argument:
   * knex `.timeout(ms)`, mongodb `.maxTimeMS(ms)`.
   */
  chainTimeoutMethods?: readonly string[];
  /** Methods that return a promise without waiting on the network (`disconnect`, `quit`, `end`); not outbound. */
  ignoredMethods?: readonly string[];
}

/** A factory or constructor of a client: `knex(config)`, `new Pool(config)`, `axios.create(config)`, `new Redis(options)`. */
export interface ClientFactory {
  /** Name pattern (case-insensitive glob) of the exported function, class or static method (`create`). */
  name: string;
  /** Zero-based positions of the arguments that may be the configuration object. */
  optionArguments: readonly number[];
}

/**
 * Timeouts configured when the client is created: every call made through an instance created with one of
 * `timeoutOptions` is bounded by it (pg `query_timeout`, ioredis `commandTimeout`, `axios.create({ timeout })`).
 */
export interface ConstructionTimeouts {
  factories: readonly ClientFactory[];
  /** Options that bound every call of the instance. */
  timeoutOptions: readonly TimeoutOption[];
  /**
   * Options that bound only getting a connection (knex `acquireConnectionTimeout`, pg `connectionTimeoutMillis`):
   * they never bound a query once it runs, so they do not bound the call.
   */
  connectionOptions?: readonly string[];
}

/** One library that makes outbound calls. */
export interface OutboundClient {
  /** Stable id, e.g. `undici`. */
  id: string;
  kind: OutboundKind;
  /**
   * Module specifiers (without `node:`) through which code reaches it, or {@link GLOBAL_SCOPE}; includes
   * packages that only carry its declarations, so a type declared there counts as the client's own.
   */
  modules: readonly string[];
  /** Functions the modules export (or globals) that make a network call. */
  functions: readonly OutboundCallable[];
  instances?: OutboundInstances;
  /** Every promise-returning call declared in `modules` is outbound (databases, caches, queues, cloud SDKs). */
  declaredCalls?: DeclaredCalls;
  /** Timeouts set when an instance is created, which bound every call of that instance. */
  construction?: ConstructionTimeouts;
  /** How long a call waits when nothing bounds it (fetch: 300 s); absent: as long as the connection stays open. */
  defaultWaitMs?: number;
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
