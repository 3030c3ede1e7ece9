import picomatch from 'picomatch';
import { OUTBOUND_CLIENTS } from './clients.js';
import { GLOBAL_SCOPE, type ClientFactory, type OutboundCallable, type OutboundClient, type SignalFactory, type TimeoutCarrier, type TimeoutOption } from './model.js';
import { SIGNAL_FACTORIES, TIMEOUT_VALUE_TYPES } from './timeouts.js';

/** A call the model knows as outbound: the client, the function or method, and how the call reached it. */
export interface OutboundMatch {
  client: OutboundClient;
  callable: OutboundCallable;
  /** `declared`: a promise-returning call the client's modules declare (its `declaredCalls`). */
  via: 'function' | 'method' | 'declared';
}

/** `node:http` → `http`; module names in the model carry no `node:` prefix. */
export function normalizeModuleSpecifier(specifier: string): string {
  return specifier.startsWith('node:') ? specifier.slice('node:'.length) : specifier;
}

/** The package a file belongs to when it lies in node_modules: `.../node_modules/@scope/name/x.d.ts` → `@scope/name`. */
export function packageOfFile(filePath: string): string | undefined {
  const parts = filePath.replace(/\\/g, '/').split('/');
  const at = parts.lastIndexOf('node_modules');
  if (at < 0) return undefined;
  const [first, second] = parts.slice(at + 1);
  if (first === undefined || second === undefined) return undefined;
  return first.startsWith('@') ? `${first}/${second}` : first;
}

/** Whether a module specifier is one of a client's modules (exact, a glob such as `@aws-sdk/*`, or a subpath: `knex/types`). */
export function clientHasModule(client: OutboundClient, module: string): boolean {
  const normalized = normalizeModuleSpecifier(module);
  return client.modules.some((candidate) => {
    if (candidate === normalized) return true;
    if (candidate === GLOBAL_SCOPE || normalized === GLOBAL_SCOPE) return false;
    if (candidate.includes('*')) return matchesNamePattern(normalized, [candidate]) || matchesNamePattern(packageName(normalized), [candidate]);
    return normalized.startsWith(`${candidate}/`);
  });
}

/** `@scope/name/sub` → `@scope/name`, `knex/types` → `knex`. */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return (specifier.startsWith('@') ? parts.slice(0, 2) : parts.slice(0, 1)).join('/');
}

function clientsOf(module: string, clients: readonly OutboundClient[]): OutboundClient[] {
  return clients.filter((client) => clientHasModule(client, module));
}

/** The client whose modules include `module`, if any. */
export function findOutboundClient(module: string, clients: readonly OutboundClient[] = OUTBOUND_CLIENTS): OutboundClient | undefined {
  return clientsOf(module, clients)[0];
}

/**
 * A call declared in `module` (`name` is the function or method) whose result the caller has found to be a
 * promise or thenable: the client's own callable of that name when it lists one, else its `declaredCalls`.
 * Undefined when no client claims the module, the client has no `declaredCalls`, or the method is ignored.
 */
export function findDeclaredCall(
  module: string,
  name: string,
  clients: readonly OutboundClient[] = OUTBOUND_CLIENTS,
): OutboundMatch | undefined {
  for (const client of clientsOf(module, clients)) {
    const listed = [...client.functions, ...(client.instances?.methods ?? [])].find((candidate) => candidate.name === name);
    if (listed !== undefined) return { client, callable: listed, via: 'declared' };
    const declared = client.declaredCalls;
    if (declared === undefined || declared.ignoredMethods?.includes(name) === true) continue;
    return {
      client,
      callable: {
        name,
        optionArguments: declared.optionArguments,
        timeoutOptions: declared.timeoutOptions,
        ...(declared.chainTimeoutMethods === undefined ? {} : { chainTimeoutMethods: declared.chainTimeoutMethods }),
      },
      via: 'declared',
    };
  }
  return undefined;
}

/**
 * `module.name(...)` where the module itself is a client instance or namespace (`axios.get`, `got.post`): a listed
 * function, a listed instance method, or a declared call.
 */
export function findModuleMember(module: string, name: string, clients: readonly OutboundClient[] = OUTBOUND_CLIENTS): OutboundMatch | undefined {
  return findOutboundFunction(module, name, clients) ?? findDeclaredCall(module, name, clients);
}

/**
 * A function or instance method the model lists by name for `module` (`undici.request`, `axios.get` on axios'
 * default instance), without its `declaredCalls`: for analyses that cannot see whether a call returns a promise.
 */
export function findListedCall(module: string, name: string, clients: readonly OutboundClient[] = OUTBOUND_CLIENTS): OutboundMatch | undefined {
  for (const client of clientsOf(module, clients)) {
    const fn = client.functions.find((candidate) => candidate.name === name);
    if (fn !== undefined) return { client, callable: fn, via: 'function' };
    const method = client.instances?.methods.find((candidate) => candidate.name === name);
    if (method !== undefined) return { client, callable: method, via: 'method' };
  }
  return undefined;
}

/** The factory or constructor `name` of a client in `module` that may configure timeouts for its instances. */
export function findClientFactory(
  module: string,
  name: string,
  clients: readonly OutboundClient[] = OUTBOUND_CLIENTS,
): { client: OutboundClient; factory: ClientFactory } | undefined {
  for (const client of clientsOf(module, clients)) {
    const factory = client.construction?.factories.find((candidate) => matchesNamePattern(name, [candidate.name]));
    if (factory !== undefined) return { client, factory };
  }
  return undefined;
}

/** The outbound function `name` exported by `module` (or the global of that name, for `GLOBAL_SCOPE`). */
export function findOutboundFunction(
  module: string,
  name: string,
  clients: readonly OutboundClient[] = OUTBOUND_CLIENTS,
): OutboundMatch | undefined {
  for (const client of clientsOf(module, clients)) {
    const callable = client.functions.find((candidate) => candidate.name === name);
    if (callable !== undefined) return { client, callable, via: 'function' };
  }
  return undefined;
}

/** The outbound method `method` of instances of `className`, a class `module` exports. */
export function findOutboundMethod(
  module: string,
  className: string,
  method: string,
  clients: readonly OutboundClient[] = OUTBOUND_CLIENTS,
): OutboundMatch | undefined {
  for (const client of clientsOf(module, clients)) {
    if (client.instances === undefined || !client.instances.classes.includes(className)) continue;
    const callable = client.instances.methods.find((candidate) => candidate.name === method);
    if (callable !== undefined) return { client, callable, via: 'method' };
  }
  return undefined;
}

/** Every function and method name the model knows: a cheap test before resolving what a call refers to. */
export function outboundCallableNames(clients: readonly OutboundClient[] = OUTBOUND_CLIENTS): ReadonlySet<string> {
  return new Set(
    clients.flatMap((client) => [...client.functions, ...(client.instances?.methods ?? [])].map((callable) => callable.name)),
  );
}

/**
 * Instance methods by the receiver names their instances usually go by, for analyses without types:
 * `[{ receiver: '*pool', methods: ['request', ...] }, ...]`.
 */
export function receiverConventions(
  clients: readonly OutboundClient[] = OUTBOUND_CLIENTS,
): { receiver: string; methods: string[] }[] {
  return clients.flatMap((client) => {
    const instances = client.instances;
    if (instances === undefined) return [];
    const methods = instances.methods.map((method) => method.name);
    return instances.receiverNames.map((receiver) => ({ receiver, methods }));
  });
}

export function findTimeoutOption(options: readonly TimeoutOption[], name: string): TimeoutOption | undefined {
  return options.find((option) => option.name === name);
}

export function findSignalFactory(object: string, method: string): SignalFactory | undefined {
  return SIGNAL_FACTORIES.find((factory) => factory.object === object && factory.method === method);
}

const matchers = new Map<string, (name: string) => boolean>();

/** Whether a name matches one of the model's name patterns (case-insensitive globs). */
export function matchesNamePattern(name: string, patterns: readonly string[]): boolean {
  if (patterns.length === 0) return false;
  const key = patterns.join('\n');
  let matcher = matchers.get(key);
  if (matcher === undefined) {
    matcher = picomatch([...patterns], { nocase: true, dot: true });
    matchers.set(key, matcher);
  }
  return matcher(name);
}

/** What a value of a type with one of these names (its own or a base type's) carries, if it bounds a call by itself. */
export function timeoutValueCarrier(typeNames: Iterable<string>): Exclude<TimeoutCarrier, 'milliseconds'> | undefined {
  const names = [...typeNames];
  return TIMEOUT_VALUE_TYPES.find((type) => names.some((name) => matchesNamePattern(name, type.typeNames)))?.carries;
}
