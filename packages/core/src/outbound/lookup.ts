import picomatch from 'picomatch';
import { OUTBOUND_CLIENTS } from './clients.js';
import type { OutboundCallable, OutboundClient, SignalFactory, TimeoutCarrier, TimeoutOption } from './model.js';
import { SIGNAL_FACTORIES, TIMEOUT_VALUE_TYPES } from './timeouts.js';

/** A call the model knows as outbound: the client, the function or method, and how the call reached it. */
export interface OutboundMatch {
  client: OutboundClient;
  callable: OutboundCallable;
  via: 'function' | 'method';
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

function clientsOf(module: string, clients: readonly OutboundClient[]): OutboundClient[] {
  const normalized = normalizeModuleSpecifier(module);
  return clients.filter((client) => client.modules.includes(normalized));
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
