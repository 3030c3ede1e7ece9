/**
 * The service's configuration, parsed from the environment in one place. Nothing else reads
 * `process.env`; everything else receives a ServiceConfig.
 */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export type LogLevel = (typeof LOG_LEVELS)[number];

/** Where events go: an NDJSON file, or memory (`NPV_EVENTS_PATH=memory`). */
export type EventsDestination = { readonly kind: 'file'; readonly path: string } | { readonly kind: 'memory' };

export interface ServiceConfig {
  readonly host: string;
  readonly port: number;
  readonly modelUrl: string;
  readonly events: EventsDestination;
  readonly logLevel: LogLevel;
  readonly pseudonymKey: string;
  readonly modelTimeoutMs: number;
  readonly requestBudgetMs: number;
}

export interface ParsedConfig {
  readonly config: ServiceConfig;
  /** Things that work but should not reach production, for the caller to log. */
  readonly warnings: readonly string[];
}

/** A development-only key; with it, pseudonyms can be recomputed by anyone who reads this file. */
export const DEVELOPMENT_PSEUDONYM_KEY = 'npv-development-pseudonym-key-not-for-production';

export const DEFAULT_CONFIG: ServiceConfig = {
  host: '127.0.0.1',
  port: 8080,
  modelUrl: 'http://127.0.0.1:8081',
  events: { kind: 'file', path: './var/npv-events.ndjson' },
  logLevel: 'info',
  pseudonymKey: DEVELOPMENT_PSEUDONYM_KEY,
  modelTimeoutMs: 20,
  requestBudgetMs: 45,
};

/** A bad environment variable; the message names it and says what is expected. */
export class ConfigError extends Error {
  readonly variable: string;

  constructor(variable: string, message: string) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
    this.variable = variable;
  }
}

type Environment = Readonly<Record<string, string | undefined>>;

function readInteger(env: Environment, variable: string, fallback: number, minimum: number, maximum: number): number {
  const raw = env[variable];
  if (raw === undefined || raw === '') {
    return fallback;
  }
  if (!/^\d+$/.test(raw.trim())) {
    throw new ConfigError(variable, `expected a whole number from ${minimum} to ${maximum}, got ${JSON.stringify(raw)}`);
  }
  const value = Number(raw.trim());
  if (value < minimum || value > maximum) {
    throw new ConfigError(variable, `expected a whole number from ${minimum} to ${maximum}, got ${value}`);
  }
  return value;
}

function readModelUrl(env: Environment): string {
  const raw = env['NPV_MODEL_URL'];
  if (raw === undefined || raw === '') {
    return DEFAULT_CONFIG.modelUrl;
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('NPV_MODEL_URL', `expected an http:// or https:// URL, got ${JSON.stringify(raw)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError('NPV_MODEL_URL', `expected an http:// or https:// URL, got ${JSON.stringify(raw)}`);
  }
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw new ConfigError('NPV_MODEL_URL', 'expected a base URL without credentials, query or fragment');
  }
  return raw;
}

function readHost(env: Environment): string {
  const raw = env['NPV_HOST'];
  if (raw === undefined || raw === '') {
    return DEFAULT_CONFIG.host;
  }
  if (/\s/.test(raw)) {
    throw new ConfigError('NPV_HOST', `expected a host name or IP address, got ${JSON.stringify(raw)}`);
  }
  return raw;
}

function readLogLevel(env: Environment): LogLevel {
  const raw = env['NPV_LOG_LEVEL'];
  if (raw === undefined || raw === '') {
    return DEFAULT_CONFIG.logLevel;
  }
  const level = LOG_LEVELS.find((candidate) => candidate === raw);
  if (level === undefined) {
    throw new ConfigError('NPV_LOG_LEVEL', `expected one of ${LOG_LEVELS.join(', ')}, got ${JSON.stringify(raw)}`);
  }
  return level;
}

function readEvents(env: Environment): EventsDestination {
  const raw = env['NPV_EVENTS_PATH'];
  if (raw === undefined || raw === '') {
    return DEFAULT_CONFIG.events;
  }
  return raw === 'memory' ? { kind: 'memory' } : { kind: 'file', path: raw };
}

/** Parses the environment; throws ConfigError naming the first bad variable. */
export function parseConfig(env: Environment): ParsedConfig {
  const warnings: string[] = [];
  let pseudonymKey = env['NPV_PSEUDONYM_KEY'];
  if (pseudonymKey === undefined || pseudonymKey === '') {
    pseudonymKey = DEVELOPMENT_PSEUDONYM_KEY;
    warnings.push('NPV_PSEUDONYM_KEY is not set: using the development key; listener pseudonyms are not protected');
  } else if (pseudonymKey.length < 16) {
    throw new ConfigError('NPV_PSEUDONYM_KEY', `expected at least 16 characters, got ${pseudonymKey.length}`);
  }

  const modelTimeoutMs = readInteger(env, 'NPV_MODEL_TIMEOUT_MS', DEFAULT_CONFIG.modelTimeoutMs, 1, 60_000);
  const requestBudgetMs = readInteger(env, 'NPV_REQUEST_BUDGET_MS', DEFAULT_CONFIG.requestBudgetMs, 1, 60_000);
  if (modelTimeoutMs >= requestBudgetMs) {
    warnings.push(
      `NPV_MODEL_TIMEOUT_MS (${modelTimeoutMs}) is not below NPV_REQUEST_BUDGET_MS (${requestBudgetMs}): the request deadline will cut model calls short`,
    );
  }

  return {
    config: {
      host: readHost(env),
      port: readInteger(env, 'NPV_PORT', DEFAULT_CONFIG.port, 0, 65_535),
      modelUrl: readModelUrl(env),
      events: readEvents(env),
      logLevel: readLogLevel(env),
      pseudonymKey,
      modelTimeoutMs,
      requestBudgetMs,
    },
    warnings,
  };
}

/** The process environment, parsed. The only place in the service that reads `process.env`. */
export function readConfigFromEnvironment(): ParsedConfig {
  return parseConfig(process.env);
}
