import { NpvError } from '../errors.js';
import type { Globs } from '../config.js';
import { closestMatch } from './suggest.js';
import { describeValue, formatConfigPath, type ConfigPathSegment } from './describe.js';

/** Where the value being validated came from, for error messages. */
export interface ValidationScope {
  file: string;
}

export type ConfigPath = readonly ConfigPathSegment[];
export type PlainRecord = Record<string, unknown>;

export function typeError(scope: ValidationScope, path: ConfigPath, expected: string, value: unknown): NpvError {
  const where = formatConfigPath(path);
  const found = describeValue(value);
  return new NpvError(
    'NPV1003',
    `Invalid config in ${scope.file} at ${where}: expected ${expected}, found ${found}.`,
    { file: scope.file, path: where, expected, found },
  );
}

export function unknownKeyError(scope: ValidationScope, path: ConfigPath, key: string, known: readonly string[]): NpvError {
  const where = formatConfigPath([...path, key]);
  const suggestion = closestMatch(key, known);
  const hint = suggestion === undefined ? '' : ` Did you mean "${suggestion}"?`;
  const expected = `one of ${known.join(', ')}`;
  return new NpvError(
    'NPV1004',
    `Unknown key ${JSON.stringify(key)} in ${scope.file} at ${where}.${hint} Known keys here: ${known.join(', ')}.`,
    { file: scope.file, path: where, expected, found: key, ...(suggestion === undefined ? {} : { suggestion }) },
  );
}

export function unknownLayerError(scope: ValidationScope, path: ConfigPath, name: string, layers: readonly string[]): NpvError {
  const where = formatConfigPath(path);
  const suggestion = closestMatch(name, layers);
  const hint = suggestion === undefined ? '' : ` Did you mean "${suggestion}"?`;
  const expected = `a layer defined under boundaries.layers (${layers.join(', ')})`;
  return new NpvError(
    'NPV1006',
    `Config in ${scope.file} at ${where} refers to the unknown layer ${JSON.stringify(name)}.${hint} Layers defined under boundaries.layers: ${layers.join(', ')}.`,
    { file: scope.file, path: where, expected, found: name, ...(suggestion === undefined ? {} : { suggestion }) },
  );
}

export function isPlainRecord(value: unknown): value is PlainRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function expectObject(scope: ValidationScope, path: ConfigPath, value: unknown, expected = 'an object'): PlainRecord {
  if (!isPlainRecord(value)) throw typeError(scope, path, expected, value);
  return value;
}

export function rejectUnknownKeys(scope: ValidationScope, path: ConfigPath, record: PlainRecord, known: readonly string[]): void {
  for (const key of Object.keys(record)) {
    if (!known.includes(key)) throw unknownKeyError(scope, path, key, known);
  }
}

export function expectString(scope: ValidationScope, path: ConfigPath, value: unknown, expected = 'a non-empty string'): string {
  if (typeof value !== 'string' || value.trim() === '') throw typeError(scope, path, expected, value);
  return value;
}

export function expectEnum<const T extends string>(scope: ValidationScope, path: ConfigPath, value: unknown, options: readonly T[]): T {
  const match = options.find((option) => option === value);
  if (match === undefined) throw typeError(scope, path, `one of ${options.map((option) => JSON.stringify(option)).join(', ')}`, value);
  return match;
}

const GLOB_EXPECTED = 'a relative POSIX glob such as "src/core/**" (not absolute, not starting with "../")';

function expectGlob(scope: ValidationScope, path: ConfigPath, value: unknown): string {
  const glob = expectString(scope, path, value, GLOB_EXPECTED);
  // Files are matched as paths relative to the config's folder, so these globs could never match.
  if (glob.startsWith('/') || /^[A-Za-z]:[\\/]/.test(glob) || glob.startsWith('../')) {
    throw typeError(scope, path, GLOB_EXPECTED, value);
  }
  return glob;
}

/** A glob or a non-empty array of globs. */
export function expectGlobs(scope: ValidationScope, path: ConfigPath, value: unknown): Globs {
  if (typeof value === 'string') return expectGlob(scope, path, value);
  if (!Array.isArray(value) || value.length === 0) {
    throw typeError(scope, path, 'a glob or a non-empty array of globs', value);
  }
  return value.map((item: unknown, index) => expectGlob(scope, [...path, index], item));
}

export function expectArray(scope: ValidationScope, path: ConfigPath, value: unknown, expected: string): readonly unknown[] {
  if (!Array.isArray(value)) throw typeError(scope, path, expected, value);
  return value;
}

/** A record without a prototype, so user-chosen keys such as `constructor` never read inherited values. */
export function emptyRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}
