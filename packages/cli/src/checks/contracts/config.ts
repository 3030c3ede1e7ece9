import type { ContractsConfig, ContractsEnvSource, ContractsLifecycleConfig, ContractsModelConfig, ContractsPropertiesConfig, ContractsScenarioConfig, ConfigSection, StabilityLevel } from '@npvguard/core';
import { CLOSED_SCHEMAS_POLICIES, STABILITY_LEVELS, emptyRecord, expectEnum, expectObject, expectString, rejectUnknownKeys, typeError, type ConfigPath, type ValidationScope } from '@npvguard/core';

export const CONTRACTS_KEYS = ['app', 'appOptions', 'env', 'snapshot', 'changes', 'title', 'models', 'properties', 'closedSchemas', 'lifecycle'] as const;
const MODEL_KEYS = ['spec', 'snapshot'] as const;
const PROPERTIES_KEYS = ['runs', 'seed', 'replayPath', 'scenarios', 'invariants'] as const;
const SCENARIO_KEYS = ['appOptions'] as const;
const LIFECYCLE_KEYS = ['minSunsetDays'] as const;
/** The app built with `contracts.appOptions`; a scenario of that name would be ambiguous. */
const DEFAULT_SCENARIO = 'default';
const MODULE_REFERENCE = /^[^#]+(#[A-Za-z_$][A-Za-z0-9_$]*)?$/;
const MODULE_REFERENCE_EXPECTED = 'a module path, or "<module path>#<export name>", e.g. "./contracts/invariants.ts"';

const MODULE_EXPORT = /^[^#]+#[A-Za-z_$][A-Za-z0-9_$]*$/;
const MODULE_EXPORT_EXPECTED = 'a "<module path>#<export name>" reference, e.g. "./src/server/app.ts#buildApp"';

function expectModuleExport(scope: ValidationScope, path: ConfigPath, value: unknown): string {
  const reference = expectString(scope, path, value, MODULE_EXPORT_EXPECTED);
  if (!MODULE_EXPORT.test(reference)) throw typeError(scope, path, MODULE_EXPORT_EXPECTED, value);
  return reference;
}

function expectInteger(scope: ValidationScope, path: ConfigPath, value: unknown, minimum: number, expected: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < minimum) throw typeError(scope, path, expected, value);
  return value;
}

function validateModels(scope: ValidationScope, path: ConfigPath, value: unknown): Record<string, ContractsModelConfig> {
  const record = expectObject(scope, path, value, 'an object mapping each model name to { spec, snapshot? }');
  const models = emptyRecord<ContractsModelConfig>();
  for (const name of Object.keys(record)) {
    if (!/^[A-Za-z0-9._-]+$/.test(name)) throw typeError(scope, [...path, name], 'a model name made of letters, digits, ".", "-" and "_"', name);
    const model = expectObject(scope, [...path, name], record[name], 'an object { spec, snapshot? }');
    rejectUnknownKeys(scope, [...path, name], model, MODEL_KEYS);
    models[name] = {
      spec: expectModuleExport(scope, [...path, name, 'spec'], model.spec),
      ...(model.snapshot === undefined ? {} : { snapshot: expectString(scope, [...path, name, 'snapshot'], model.snapshot, 'a path to the model metadata snapshot') }),
    };
  }
  return models;
}

function validateScenarios(scope: ValidationScope, path: ConfigPath, value: unknown): Record<string, ContractsScenarioConfig> {
  const record = expectObject(scope, path, value, 'an object mapping each scenario name to { appOptions? }');
  const scenarios = emptyRecord<ContractsScenarioConfig>();
  for (const name of Object.keys(record)) {
    if (name.trim() === '' || name === DEFAULT_SCENARIO) throw typeError(scope, [...path, name], `a scenario name other than "${DEFAULT_SCENARIO}" (the app built with contracts.appOptions)`, name);
    const scenario = expectObject(scope, [...path, name], record[name], 'an object { appOptions? }');
    rejectUnknownKeys(scope, [...path, name], scenario, SCENARIO_KEYS);
    scenarios[name] = scenario.appOptions === undefined ? {} : { appOptions: scenario.appOptions };
  }
  return scenarios;
}

function validateProperties(scope: ValidationScope, path: ConfigPath, value: unknown): ContractsPropertiesConfig {
  const record = expectObject(scope, path, value, 'an object { runs?, seed?, replayPath?, scenarios?, invariants? }');
  rejectUnknownKeys(scope, path, record, PROPERTIES_KEYS);
  const properties: ContractsPropertiesConfig = {};
  if (record.runs !== undefined) properties.runs = expectInteger(scope, [...path, 'runs'], record.runs, 0, 'a whole number of runs, 0 or more');
  if (record.seed !== undefined) properties.seed = expectInteger(scope, [...path, 'seed'], record.seed, Number.MIN_SAFE_INTEGER, 'an integer seed');
  if (record.replayPath !== undefined) properties.replayPath = expectString(scope, [...path, 'replayPath'], record.replayPath, 'a fast-check replay path such as "3:1:0"');
  if (record.scenarios !== undefined) properties.scenarios = validateScenarios(scope, [...path, 'scenarios'], record.scenarios);
  if (record.invariants !== undefined) {
    const reference = expectString(scope, [...path, 'invariants'], record.invariants, MODULE_REFERENCE_EXPECTED);
    if (!MODULE_REFERENCE.test(reference)) throw typeError(scope, [...path, 'invariants'], MODULE_REFERENCE_EXPECTED, record.invariants);
    properties.invariants = reference;
  }
  return properties;
}

function validateLifecycle(scope: ValidationScope, path: ConfigPath, value: unknown): ContractsLifecycleConfig {
  const record = expectObject(scope, path, value, 'an object { minSunsetDays? }');
  rejectUnknownKeys(scope, path, record, LIFECYCLE_KEYS);
  if (record.minSunsetDays === undefined) return {};
  const daysPath = [...path, 'minSunsetDays'];
  const periods = expectObject(scope, daysPath, record.minSunsetDays, `an object of days by stability level (${STABILITY_LEVELS.join(', ')})`);
  rejectUnknownKeys(scope, daysPath, periods, STABILITY_LEVELS);
  const minSunsetDays: Partial<Record<StabilityLevel, number>> = {};
  for (const level of STABILITY_LEVELS) {
    if (periods[level] !== undefined) minSunsetDays[level] = expectInteger(scope, [...daysPath, level], periods[level], 0, 'a whole number of days, 0 or more');
  }
  return { minSunsetDays };
}

const ENV_EXPECTED = 'a dotenv file (".env.example"), a record of variable names to string values, or a list of those';

function validateEnvSource(scope: ValidationScope, path: ConfigPath, value: unknown): ContractsEnvSource {
  if (typeof value === 'string') return expectString(scope, path, value, ENV_EXPECTED);
  const record = expectObject(scope, path, value, ENV_EXPECTED);
  const env: Record<string, string> = {};
  for (const [name, entry] of Object.entries(record)) env[name] = expectString(scope, [...path, name], entry, 'a string (environment variables are strings)');
  return env;
}

function validateEnv(scope: ValidationScope, path: ConfigPath, value: unknown): ContractsEnvSource | ContractsEnvSource[] {
  if (!Array.isArray(value)) return validateEnvSource(scope, path, value);
  return value.map((entry, index) => validateEnvSource(scope, [...path, index], entry));
}

/** The `contracts` section: the app factory, snapshot and acknowledgement files, models, property runs, the closed-schema and lifecycle policies. */
export function validateContracts(scope: ValidationScope, path: ConfigPath, value: unknown): ContractsConfig {
  const record = expectObject(scope, path, value, 'an object with at least `app` ("<module>#<export>" of the app factory)');
  rejectUnknownKeys(scope, path, record, CONTRACTS_KEYS);
  const contracts: ContractsConfig = { app: expectModuleExport(scope, [...path, 'app'], record.app) };
  if (record.appOptions !== undefined) contracts.appOptions = record.appOptions;
  if (record.env !== undefined) contracts.env = validateEnv(scope, [...path, 'env'], record.env);
  if (record.snapshot !== undefined) contracts.snapshot = expectString(scope, [...path, 'snapshot'], record.snapshot, 'a path to the OpenAPI snapshot');
  if (record.changes !== undefined) contracts.changes = expectString(scope, [...path, 'changes'], record.changes, 'a path to the acknowledged changes file');
  if (record.title !== undefined) contracts.title = expectString(scope, [...path, 'title'], record.title, 'a title for the snapshot');
  if (record.models !== undefined) contracts.models = validateModels(scope, [...path, 'models'], record.models);
  if (record.properties !== undefined) contracts.properties = validateProperties(scope, [...path, 'properties'], record.properties);
  if (record.closedSchemas !== undefined) contracts.closedSchemas = expectEnum(scope, [...path, 'closedSchemas'], record.closedSchemas, CLOSED_SCHEMAS_POLICIES);
  if (record.lifecycle !== undefined) contracts.lifecycle = validateLifecycle(scope, [...path, 'lifecycle'], record.lifecycle);
  return contracts;
}

/** The `contracts` section of the config, validated by the contracts check. */
export const CONTRACTS_SECTION: ConfigSection<ContractsConfig> = { key: 'contracts', keys: CONTRACTS_KEYS, validate: validateContracts };
