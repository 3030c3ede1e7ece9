import type { BoundariesConfig } from '@npvguard/core';

/**
 * Shared settings read by every rule (`settings: { npvguard: { ... } }` in the flat config), so a project
 * describes its layout once. A rule's own option wins over the setting, the setting over the default.
 */
export interface NpvguardSettings {
  /** Files whose code runs while a request is served. */
  requestPath?: readonly string[];
  /** Files that must be deterministic: no ambient clock or randomness. */
  deterministicPath?: readonly string[];
  /** Files allowed to read `process.env`. */
  configPath?: readonly string[];
  /** Functions that turn an identifier into a pseudonym safe to log. */
  pseudonymisers?: readonly string[];
  /** Names of values that identify a person. */
  identifiers?: readonly string[];
  /** The `boundaries` section of the npvguard config. */
  boundaries?: BoundariesConfig;
  /** Folder the boundaries globs are relative to (where npvguard.config.ts lives); default: the ESLint cwd. */
  root?: string;
  /** Files `npvguard check` analyses, relative to `root` (the config's `include`); default `src/**\/*.{ts,tsx,mts,cts}`. */
  include?: readonly string[];
}

export const DEFAULT_REQUEST_PATH: readonly string[] = [
  '**/src/server/**',
  '**/src/pipeline/**',
  '**/src/components/**',
  '**/src/core/**',
  '**/src/experiments/**',
  '**/src/clients/**',
  '**/src/resilience/**',
];

export const DEFAULT_DETERMINISTIC_PATH: readonly string[] = ['**/src/experiments/**', '**/src/components/**'];

export const DEFAULT_CONFIG_PATH: readonly string[] = [
  '**/config/**',
  '**/{config,env,settings}.{ts,mts,cts,js,mjs,cjs}',
  '**/*.config.{ts,mts,cts,js,mjs,cjs}',
  '**/tests/**',
  '**/test/**',
  '**/__tests__/**',
  '**/{test-utils,test-helpers,testing}/**',
  '**/*.{test,spec}.{ts,mts,cts,js,mjs,cjs}',
  '**/bench/**',
  '**/scripts/**',
];

export const DEFAULT_PSEUDONYMISERS: readonly string[] = ['pseudonymise', 'pseudonymize'];

export const DEFAULT_IDENTIFIERS: readonly string[] = [
  'listenerId',
  'userId',
  'email',
  'ip',
  'ipAddress',
  'username',
  'phone',
];

export type SettingsResult = { ok: true; settings: NpvguardSettings } | { ok: false; problem: string };

const STRING_LIST_KEYS = ['requestPath', 'deterministicPath', 'configPath', 'pseudonymisers', 'identifiers', 'include'] as const;
const KNOWN_KEYS = new Set<string>([...STRING_LIST_KEYS, 'boundaries', 'root']);

function isStringList(value: unknown): value is readonly string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads `settings.npvguard`. A malformed value is a problem to report, never a silent fallback to
 * defaults: a typo in the layout would otherwise switch rules off without anyone noticing.
 */
export function readSettings(settings: Readonly<Record<string, unknown>>): SettingsResult {
  const raw = settings['npvguard'];
  if (raw === undefined) return { ok: true, settings: {} };
  if (!isRecord(raw)) return { ok: false, problem: 'settings.npvguard must be an object' };
  for (const key of Object.keys(raw)) {
    if (!KNOWN_KEYS.has(key)) return { ok: false, problem: `settings.npvguard.${key} is not a known setting` };
  }
  for (const key of STRING_LIST_KEYS) {
    const value = raw[key];
    if (value !== undefined && !isStringList(value)) {
      return { ok: false, problem: `settings.npvguard.${key} must be an array of strings` };
    }
  }
  if (raw['boundaries'] !== undefined && !isRecord(raw['boundaries'])) {
    return { ok: false, problem: 'settings.npvguard.boundaries must be an object' };
  }
  if (raw['root'] !== undefined && typeof raw['root'] !== 'string') {
    return { ok: false, problem: 'settings.npvguard.root must be a string' };
  }
  return { ok: true, settings: raw as NpvguardSettings };
}
