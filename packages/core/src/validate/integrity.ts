import type { IntegrityConfig } from '../config.js';
import { expectGlobs, expectObject, rejectUnknownKeys, type ConfigPath, type ValidationScope } from './primitives.js';

export const INTEGRITY_KEYS = ['tests', 'contractSnapshots', 'routes', 'acknowledgements', 'ignore'] as const;

/** The `integrity` section: every key is a glob or a list of globs naming a kind of file. */
export function validateIntegrity(scope: ValidationScope, path: ConfigPath, value: unknown): IntegrityConfig {
  const record = expectObject(scope, path, value, 'an object (the integrity check\'s settings), e.g. {} for the defaults');
  rejectUnknownKeys(scope, path, record, INTEGRITY_KEYS);
  const integrity: IntegrityConfig = {};
  for (const key of INTEGRITY_KEYS) {
    if (record[key] !== undefined) integrity[key] = expectGlobs(scope, [...path, key], record[key]);
  }
  return integrity;
}
