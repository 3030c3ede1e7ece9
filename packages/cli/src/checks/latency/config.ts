import type { LatencyBudget, LatencyConfig, LatencyMeasureConfig , ConfigSection } from '@npvguard/core';
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

export const LATENCY_KEYS = ['budgets', 'ports', 'sideEffects', 'compositionRoot', 'measure'] as const;
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

/** The latency section: budgets per route, where the ports and side effects live, how to measure. */
export function validateLatency(scope: ValidationScope, path: ConfigPath, value: unknown): LatencyConfig {
  const record = expectObject(scope, path, value, 'an object with at least `budgets`');
  rejectUnknownKeys(scope, path, record, LATENCY_KEYS);
  const config: LatencyConfig = { budgets: validateBudgets(scope, [...path, 'budgets'], record.budgets) };
  if (record.ports !== undefined) config.ports = expectGlobs(scope, [...path, 'ports'], record.ports);
  if (record.sideEffects !== undefined) config.sideEffects = expectGlobs(scope, [...path, 'sideEffects'], record.sideEffects);
  if (record.compositionRoot !== undefined) config.compositionRoot = expectGlobs(scope, [...path, 'compositionRoot'], record.compositionRoot);
  if (record.measure !== undefined) config.measure = validateMeasure(scope, [...path, 'measure'], record.measure);
  return config;
}

/** The `latency` section of the config, validated by the latency check. */
export const LATENCY_SECTION: ConfigSection<LatencyConfig> = { key: 'latency', keys: LATENCY_KEYS, validate: validateLatency };
