import type { BoundariesConfig, Globs } from '../config.js';
import type { ConfigSection } from '../check.js';
import {
  emptyRecord,
  expectArray,
  expectEnum,
  expectGlobs,
  expectObject,
  expectString,
  rejectUnknownKeys,
  typeError,
  unknownLayerError,
  type ConfigPath,
  type PlainRecord,
  type ValidationScope,
} from './primitives.js';

export const BOUNDARIES_KEYS = ['layers', 'allow', 'allowTypes', 'entryPoints', 'externals', 'cycles', 'typeOnly', 'ignore'] as const;

const LAYER_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

function validateLayers(scope: ValidationScope, path: ConfigPath, value: unknown): Record<string, Globs> {
  const record = expectObject(scope, path, value, 'an object mapping each layer name to its globs');
  const names = Object.keys(record);
  if (names.length === 0) throw typeError(scope, path, 'at least one layer', value);
  const layers = emptyRecord<Globs>();
  for (const name of names) {
    if (!LAYER_NAME.test(name)) {
      throw typeError(scope, [...path, name], 'a layer name made of letters, digits, "-" and "_"', name);
    }
    layers[name] = expectGlobs(scope, [...path, name], record[name]);
  }
  return layers;
}

function expectLayerName(scope: ValidationScope, path: ConfigPath, value: unknown, layers: readonly string[]): string {
  const name = expectString(scope, path, value, 'a layer name');
  if (!layers.includes(name)) throw unknownLayerError(scope, path, name, layers);
  return name;
}

function validateLayerList(scope: ValidationScope, path: ConfigPath, value: unknown, layers: readonly string[]): string[] {
  const items = expectArray(scope, path, value, 'an array of layer names');
  return items.map((item, index) => expectLayerName(scope, [...path, index], item, layers));
}

/** `layer → layer[]`, where both the keys and the listed names must be defined layers. */
function validateLayerMap(scope: ValidationScope, path: ConfigPath, value: unknown, layers: readonly string[]): Record<string, string[]> {
  const record = expectObject(scope, path, value, 'an object mapping a layer name to an array of layer names');
  const result = emptyRecord<string[]>();
  for (const key of Object.keys(record)) {
    expectLayerName(scope, [...path, key], key, layers);
    result[key] = validateLayerList(scope, [...path, key], record[key], layers);
  }
  return result;
}

function validateEntryPoints(scope: ValidationScope, path: ConfigPath, value: unknown, layers: readonly string[]): Record<string, Globs> {
  const record = expectObject(scope, path, value, 'an object mapping a layer name to its entry point globs');
  const result = emptyRecord<Globs>();
  for (const key of Object.keys(record)) {
    expectLayerName(scope, [...path, key], key, layers);
    result[key] = expectGlobs(scope, [...path, key], record[key]);
  }
  return result;
}

function validateExternals(scope: ValidationScope, path: ConfigPath, value: unknown, layers: readonly string[]): Record<string, string[]> {
  const record = expectObject(scope, path, value, 'an object mapping a package name or glob to the layers allowed to import it');
  const result = emptyRecord<string[]>();
  for (const key of Object.keys(record)) {
    expectString(scope, [...path, key], key, 'a package name or glob');
    result[key] = validateLayerList(scope, [...path, key], record[key], layers);
  }
  return result;
}

export function validateBoundaries(scope: ValidationScope, path: ConfigPath, value: unknown): BoundariesConfig {
  const record: PlainRecord = expectObject(scope, path, value, 'an object with at least `layers` and `allow`');
  rejectUnknownKeys(scope, path, record, BOUNDARIES_KEYS);
  const layers = validateLayers(scope, [...path, 'layers'], record.layers);
  const names = Object.keys(layers);
  const config: BoundariesConfig = {
    layers,
    allow: validateLayerMap(scope, [...path, 'allow'], record.allow, names),
  };
  if (record.allowTypes !== undefined) config.allowTypes = validateLayerMap(scope, [...path, 'allowTypes'], record.allowTypes, names);
  if (record.entryPoints !== undefined) config.entryPoints = validateEntryPoints(scope, [...path, 'entryPoints'], record.entryPoints, names);
  if (record.externals !== undefined) config.externals = validateExternals(scope, [...path, 'externals'], record.externals, names);
  if (record.cycles !== undefined) config.cycles = expectEnum(scope, [...path, 'cycles'], record.cycles, ['runtime', 'all', 'off']);
  if (record.typeOnly !== undefined) config.typeOnly = expectEnum(scope, [...path, 'typeOnly'], record.typeOnly, ['same-rules', 'allowed']);
  if (record.ignore !== undefined) config.ignore = expectGlobs(scope, [...path, 'ignore'], record.ignore);
  return config;
}

/** The `boundaries` section: shared by the boundaries check and the ESLint plugin's boundaries rule. */
export const BOUNDARIES_SECTION: ConfigSection<BoundariesConfig> = {
  key: 'boundaries',
  keys: BOUNDARIES_KEYS,
  validate: validateBoundaries,
};
