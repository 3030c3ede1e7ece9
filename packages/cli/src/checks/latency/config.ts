import type { LatencyBudget, LatencyClientConfig, LatencyConfig, LatencyMeasureConfig , ConfigSection } from '@npvguard/core';
import { NpvError } from '@npvguard/core';
import { formatConfigPath } from '@npvguard/core';
import {
  emptyRecord,
  expectGlobs,
  expectObject,
  expectString,
  rejectUnknownKeys,
  type ConfigPath,
  type ValidationScope,
} from '@npvguard/core';

export const LATENCY_KEYS = ['budgets', 'ports', 'sideEffects', 'compositionRoot', 'measure', 'clients'] as const;
export const LATENCY_CLIENT_KEYS = ['module', 'calls', 'timeoutOptions', 'optionArguments', 'chainTimeoutMethods', 'factories', 'factoryTimeoutOptions', 'defaultWaitMs', 'io'] as const;
export const LATENCY_MEASURE_KEYS = ['fakes', 'rate', 'durationMs', 'warmupMs'] as const;

/** `METHOD /path`, the way a route is named in budgets and in the report. */
export const ROUTE_KEY = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) \/\S*$/;

function latencyError(scope: ValidationScope, path: ConfigPath, message: string, found: unknown): NpvError {
  const where = formatConfigPath(path);
  return new NpvError('NPV1201', `Invalid latency config in ${scope.file} at ${where}: ${message}`, { file: scope.file, path: where, found: String(found) });
}

function positiveNumber(scope: ValidationScope, path: ConfigPath, value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw latencyError(scope, path, `${what} must be a positive number of milliseconds, found ${JSON.stringify(value)}.`, value);
  }
  return value;
}

function validateBudgets(scope: ValidationScope, path: ConfigPath, value: unknown): Record<string, LatencyBudget> {
  const record = expectObject(scope, path, value, 'an object mapping "METHOD /path" to { p99Ms }');
  const budgets = emptyRecord<LatencyBudget>();
  for (const route of Object.keys(record)) {
    const routePath = [...path, route];
    if (!ROUTE_KEY.test(route)) {
      throw latencyError(scope, routePath, `a budget key must name a route as "METHOD /path" (e.g. "POST /v1/npv/cards"), found ${JSON.stringify(route)}.`, route);
    }
    const budget = expectObject(scope, routePath, record[route], 'an object { p99Ms: number }');
    rejectUnknownKeys(scope, routePath, budget, ['p99Ms']);
    budgets[route] = { p99Ms: positiveNumber(scope, [...routePath, 'p99Ms'], budget.p99Ms, 'p99Ms') };
  }
  return budgets;
}

function validateMeasure(scope: ValidationScope, path: ConfigPath, value: unknown): LatencyMeasureConfig {
  const record = expectObject(scope, path, value, 'an object { fakes, rate?, durationMs?, warmupMs? }');
  rejectUnknownKeys(scope, path, record, LATENCY_MEASURE_KEYS);
  const measure: LatencyMeasureConfig = { fakes: expectString(scope, [...path, 'fakes'], record.fakes, 'the path of the fakes module') };
  if (record.rate !== undefined) measure.rate = positiveNumber(scope, [...path, 'rate'], record.rate, 'rate (requests per second)');
  if (record.durationMs !== undefined) measure.durationMs = positiveNumber(scope, [...path, 'durationMs'], record.durationMs, 'durationMs');
  if (record.warmupMs !== undefined) measure.warmupMs = positiveNumber(scope, [...path, 'warmupMs'], record.warmupMs, 'warmupMs');
  return measure;
}

function clientError(scope: ValidationScope, path: ConfigPath, message: string, found: unknown): NpvError {
  const where = formatConfigPath(path);
  return new NpvError('NPV1203', `Invalid latency client in ${scope.file} at ${where}: ${message}`, { file: scope.file, path: where, found: JSON.stringify(found) ?? String(found) });
}

const NAME = /^[A-Za-z_$*][\w$*]*(\.[A-Za-z_$*][\w$*]*)*$/;

function names(scope: ValidationScope, path: ConfigPath, value: unknown, what: string): string[] {
  if (!Array.isArray(value) || value.length === 0) throw clientError(scope, path, `${what} must be a non-empty array of names, found ${JSON.stringify(value)}.`, value);
  return value.map((item: unknown, index) => {
    if (typeof item !== 'string' || !NAME.test(item)) {
      throw clientError(scope, [...path, index], `${what} must be names such as "query" or "timeout.request", found ${JSON.stringify(item)}.`, item);
    }
    return item;
  });
}

function validateClient(scope: ValidationScope, path: ConfigPath, value: unknown): LatencyClientConfig {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw clientError(scope, path, `a client must be an object { module, calls?, timeoutOptions?, ... }, found ${JSON.stringify(value)}.`, value);
  }
  const record = value as Record<string, unknown>;
  const unknownKey = Object.keys(record).find((key) => !(LATENCY_CLIENT_KEYS as readonly string[]).includes(key));
  if (unknownKey !== undefined) {
    throw clientError(scope, [...path, unknownKey], `unknown key ${JSON.stringify(unknownKey)}; a client accepts ${LATENCY_CLIENT_KEYS.join(', ')}.`, unknownKey);
  }
  const module = record.module;
  if (typeof module !== 'string' || !/^(?!\.{1,2}\/)(@[\w.*-]+\/)?[\w.*-][\w.*/-]*$/.test(module)) {
    throw clientError(scope, [...path, 'module'], `module must be a package name such as "my-db" or "@acme/*", found ${JSON.stringify(module)}.`, module);
  }
  const client: LatencyClientConfig = { module };
  if (record.calls !== undefined) client.calls = names(scope, [...path, 'calls'], record.calls, 'calls');
  if (record.timeoutOptions !== undefined) client.timeoutOptions = names(scope, [...path, 'timeoutOptions'], record.timeoutOptions, 'timeoutOptions');
  if (record.chainTimeoutMethods !== undefined) client.chainTimeoutMethods = names(scope, [...path, 'chainTimeoutMethods'], record.chainTimeoutMethods, 'chainTimeoutMethods');
  if (record.factories !== undefined) client.factories = names(scope, [...path, 'factories'], record.factories, 'factories');
  if (record.factoryTimeoutOptions !== undefined) {
    if (client.factories === undefined) throw clientError(scope, [...path, 'factoryTimeoutOptions'], 'factoryTimeoutOptions needs `factories`: the functions or classes whose options they are.', record.factoryTimeoutOptions);
    client.factoryTimeoutOptions = names(scope, [...path, 'factoryTimeoutOptions'], record.factoryTimeoutOptions, 'factoryTimeoutOptions');
  }
  if (record.optionArguments !== undefined) {
    const positions = record.optionArguments;
    if (!Array.isArray(positions) || positions.length === 0 || !positions.every((item) => Number.isInteger(item) && (item as number) >= 0)) {
      throw clientError(scope, [...path, 'optionArguments'], `optionArguments must be a non-empty array of argument positions (0, 1, ...), found ${JSON.stringify(positions)}.`, positions);
    }
    client.optionArguments = positions as number[];
  }
  if (record.defaultWaitMs !== undefined) {
    const wait = record.defaultWaitMs;
    if (typeof wait !== 'number' || !Number.isFinite(wait) || wait <= 0) {
      throw clientError(scope, [...path, 'defaultWaitMs'], `defaultWaitMs must be a positive number of milliseconds, found ${JSON.stringify(wait)}.`, wait);
    }
    client.defaultWaitMs = wait;
  }
  if (record.io !== undefined) {
    if (typeof record.io !== 'boolean') throw clientError(scope, [...path, 'io'], `io must be true or false, found ${JSON.stringify(record.io)}.`, record.io);
    client.io = record.io;
  }
  return client;
}

function validateClients(scope: ValidationScope, path: ConfigPath, value: unknown): LatencyClientConfig[] {
  if (!Array.isArray(value)) throw clientError(scope, path, `clients must be an array of { module, ... }, found ${JSON.stringify(value)}.`, value);
  return value.map((entry: unknown, index) => validateClient(scope, [...path, index], entry));
}

/** The latency section: budgets per route, where the ports and side effects live, how to measure. */
export function validateLatency(scope: ValidationScope, path: ConfigPath, value: unknown): LatencyConfig {
  const record = expectObject(scope, path, value, 'an object with at least `budgets`');
  rejectUnknownKeys(scope, path, record, LATENCY_KEYS);
  const config: LatencyConfig = { budgets: validateBudgets(scope, [...path, 'budgets'], record.budgets) };
  if (record.ports !== undefined) config.ports = expectGlobs(scope, [...path, 'ports'], record.ports);
  if (record.sideEffects !== undefined) config.sideEffects = expectGlobs(scope, [...path, 'sideEffects'], record.sideEffects);
  if (record.compositionRoot !== undefined) config.compositionRoot = expectGlobs(scope, [...path, 'compositionRoot'], record.compositionRoot);
  if (record.measure !== undefined) config.measure = validateMeasure(scope, [...path, 'measure'], record.measure);
  if (record.clients !== undefined) config.clients = validateClients(scope, [...path, 'clients'], record.clients);
  return config;
}

/** The `latency` section of the config, validated by the latency check. */
export const LATENCY_SECTION: ConfigSection<LatencyConfig> = { key: 'latency', keys: LATENCY_KEYS, validate: validateLatency };
