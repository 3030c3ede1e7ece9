import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_CONFIG, DEVELOPMENT_PSEUDONYM_KEY, parseConfig } from '../src/config/env.js';

const KEY = { NPV_PSEUDONYM_KEY: 'a-production-key-of-some-length' };

describe('parseConfig', () => {
  it('uses the documented defaults and warns about the development key', () => {
    const { config, warnings } = parseConfig({});

    expect(config).toEqual({
      host: '127.0.0.1',
      port: 8080,
      modelUrl: 'http://127.0.0.1:8081',
      events: { kind: 'file', path: './var/npv-events.ndjson' },
      logLevel: 'info',
      pseudonymKey: DEVELOPMENT_PSEUDONYM_KEY,
      modelTimeoutMs: 20,
      requestBudgetMs: 45,
    });
    expect(config).toEqual(DEFAULT_CONFIG);
    expect(warnings).toEqual(['NPV_PSEUDONYM_KEY is not set: using the development key; listener pseudonyms are not protected']);
  });

  it('reads every variable', () => {
    const { config, warnings } = parseConfig({
      ...KEY,
      NPV_HOST: '0.0.0.0',
      NPV_PORT: '0',
      NPV_MODEL_URL: 'https://models.internal:9000/oip',
      NPV_EVENTS_PATH: '/var/log/npv/events.ndjson',
      NPV_LOG_LEVEL: 'warn',
      NPV_MODEL_TIMEOUT_MS: '15',
      NPV_REQUEST_BUDGET_MS: '40',
    });

    expect(config).toEqual({
      host: '0.0.0.0',
      port: 0,
      modelUrl: 'https://models.internal:9000/oip',
      events: { kind: 'file', path: '/var/log/npv/events.ndjson' },
      logLevel: 'warn',
      pseudonymKey: KEY.NPV_PSEUDONYM_KEY,
      modelTimeoutMs: 15,
      requestBudgetMs: 40,
    });
    expect(warnings).toEqual([]);
  });

  it('keeps events in memory for NPV_EVENTS_PATH=memory', () => {
    expect(parseConfig({ ...KEY, NPV_EVENTS_PATH: 'memory' }).config.events).toEqual({ kind: 'memory' });
  });

  it('warns when the model timeout is not below the request budget', () => {
    const { warnings } = parseConfig({ ...KEY, NPV_MODEL_TIMEOUT_MS: '50', NPV_REQUEST_BUDGET_MS: '45' });

    expect(warnings).toEqual([
      'NPV_MODEL_TIMEOUT_MS (50) is not below NPV_REQUEST_BUDGET_MS (45): the request deadline will cut model calls short',
    ]);
  });

  it.each<[Record<string, string>, string, string]>([
    [{ NPV_PORT: 'http' }, 'NPV_PORT', 'NPV_PORT: expected a whole number from 0 to 65535, got "http"'],
    [{ NPV_PORT: '70000' }, 'NPV_PORT', 'NPV_PORT: expected a whole number from 0 to 65535, got 70000'],
    [{ NPV_PORT: '-1' }, 'NPV_PORT', 'NPV_PORT: expected a whole number from 0 to 65535, got "-1"'],
    [{ NPV_PORT: '80.5' }, 'NPV_PORT', 'NPV_PORT: expected a whole number from 0 to 65535, got "80.5"'],
    [{ NPV_HOST: 'local host' }, 'NPV_HOST', 'NPV_HOST: expected a host name or IP address, got "local host"'],
    [{ NPV_MODEL_URL: 'models:8081' }, 'NPV_MODEL_URL', 'NPV_MODEL_URL: expected an http:// or https:// URL, got "models:8081"'],
    [{ NPV_MODEL_URL: 'not a url' }, 'NPV_MODEL_URL', 'NPV_MODEL_URL: expected an http:// or https:// URL, got "not a url"'],
    [{ NPV_MODEL_URL: 'http://user:secret@models' }, 'NPV_MODEL_URL', 'NPV_MODEL_URL: expected a base URL without credentials, query or fragment'],
    [{ NPV_LOG_LEVEL: 'verbose' }, 'NPV_LOG_LEVEL', 'NPV_LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent, got "verbose"'],
    [{ NPV_MODEL_TIMEOUT_MS: '0' }, 'NPV_MODEL_TIMEOUT_MS', 'NPV_MODEL_TIMEOUT_MS: expected a whole number from 1 to 60000, got 0'],
    [{ NPV_MODEL_TIMEOUT_MS: '20ms' }, 'NPV_MODEL_TIMEOUT_MS', 'NPV_MODEL_TIMEOUT_MS: expected a whole number from 1 to 60000, got "20ms"'],
    [{ NPV_REQUEST_BUDGET_MS: '1e3' }, 'NPV_REQUEST_BUDGET_MS', 'NPV_REQUEST_BUDGET_MS: expected a whole number from 1 to 60000, got "1e3"'],
    [{ NPV_PSEUDONYM_KEY: 'short' }, 'NPV_PSEUDONYM_KEY', 'NPV_PSEUDONYM_KEY: expected at least 16 characters, got 5'],
  ])('rejects %j naming %s', (env, variable, message) => {
    const attempt = () => parseConfig({ ...KEY, ...env });

    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(message);
    try {
      attempt();
    } catch (error) {
      expect((error as ConfigError).variable).toBe(variable);
    }
  });
});
