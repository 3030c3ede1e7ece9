import type { IntegrityConfig , ConfigSection } from '@npvguard/core';
import { expectGlobs, expectObject, rejectUnknownKeys, type ConfigPath, type ValidationScope } from '@npvguard/core';

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

/** The `integrity` section of the config, validated by the integrity check. */
export const INTEGRITY_SECTION: ConfigSection<IntegrityConfig> = { key: 'integrity', keys: INTEGRITY_KEYS, validate: validateIntegrity };
