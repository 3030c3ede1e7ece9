import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_DIR, parseModelServerArgs } from '../src/cli/parse-args.js';
import { ModelServerConfigError } from '../src/config-error.js';

describe('parseModelServerArgs', () => {
  it('has the documented defaults', () => {
    expect(parseModelServerArgs([], {})).toEqual({
      help: false,
      host: '127.0.0.1',
      port: 8081,
      modelDir: DEFAULT_MODEL_DIR,
      logLevel: 'info',
      logRequests: false,
      faults: { latencyMs: 0, latencyJitterMs: 0, errorRate: 0, errorStatus: 500, seed: 1 },
    });
    expect(DEFAULT_MODEL_DIR).toMatch(/examples[/\\]model-server[/\\]models$/);
  });

  it('reads every flag', () => {
    const options = parseModelServerArgs(
      ['--host', '0.0.0.0', '--port', '0', '--model-dir', '/m', '--latency-ms', '12.5', '--latency-jitter-ms', '3',
        '--error-rate', '0.25', '--error-status', '503', '--seed', '9', '--log-level', 'warn', '--log-requests'],
      {},
    );
    expect(options).toEqual({
      help: false,
      host: '0.0.0.0',
      port: 0,
      modelDir: '/m',
      logLevel: 'warn',
      logRequests: true,
      faults: { latencyMs: 12.5, latencyJitterMs: 3, errorRate: 0.25, errorStatus: 503, seed: 9 },
    });
  });

  it('reads environment variables, and flags win over them', () => {
    const env = { MODEL_HOST: '::1', MODEL_PORT: '9000', MODEL_LATENCY_MS: '7', MODEL_ERROR_RATE: '0.5', MODEL_LOG_LEVEL: 'error', MODEL_DIR: '/e' };
    const options = parseModelServerArgs(['--port', '9001'], env);
    expect([options.host, options.port, options.modelDir, options.logLevel]).toEqual(['::1', 9001, '/e', 'error']);
    expect(options.faults).toMatchObject({ latencyMs: 7, errorRate: 0.5 });
  });

  it('treats an empty environment variable as unset', () => {
    expect(parseModelServerArgs([], { MODEL_PORT: '' }).port).toBe(8081);
  });

  it('reads --help', () => {
    expect(parseModelServerArgs(['--help'], {}).help).toBe(true);
  });

  it.each([
    [['--port', 'abc'], '--port (env MODEL_PORT) must be a number, got "abc"'],
    [['--port', '70000'], '--port (env MODEL_PORT) must be an integer from 0 to 65535, got 70000'],
    [['--port', '1.5'], '--port (env MODEL_PORT) must be an integer from 0 to 65535, got 1.5'],
    [['--latency-ms=-1'], '--latency-ms (env MODEL_LATENCY_MS) must be a number from 0 to 600000, got -1'],
    [['--latency-ms', ' 5'], '--latency-ms (env MODEL_LATENCY_MS) must be a number, got " 5"'],
    [['--error-rate', '2'], '--error-rate (env MODEL_ERROR_RATE) must be a number from 0 to 1, got 2'],
    [['--error-status', '200'], '--error-status (env MODEL_ERROR_STATUS) must be a number from 400 to 599, got 200'],
    [['--seed', '1.5'], '--seed (env MODEL_SEED) must be an integer, got 1.5'],
    [['--log-level', 'loud'], 'log level must be one of fatal, error, warn, info, debug, trace, silent, got "loud"'],
    [['--bogus'], "Unknown option '--bogus'"],
    [['extra'], "Unexpected argument 'extra'. This command does not take positional arguments"],
  ])('refuses %j', (argv, message) => {
    expect(() => parseModelServerArgs(argv, {})).toThrow(new ModelServerConfigError(message));
  });

  it('refuses a bad environment variable and names it', () => {
    expect(() => parseModelServerArgs([], { MODEL_ERROR_RATE: 'often' })).toThrow(
      new ModelServerConfigError('--error-rate (env MODEL_ERROR_RATE) must be a number, got "often"'),
    );
  });
});
