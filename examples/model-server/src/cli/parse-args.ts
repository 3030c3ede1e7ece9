import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ModelServerConfigError } from '../config-error.js';
import { requireLogLevel } from '../log-levels.js';
import { resolveFaultOptions, type FaultOptions } from '../faults/faults.js';

/** The models shipped with this package. */
export const DEFAULT_MODEL_DIR = fileURLToPath(new URL('../../models', import.meta.url));

export interface ModelServerCliOptions {
  help: boolean;
  host: string;
  port: number;
  modelDir: string;
  logLevel: string;
  logRequests: boolean;
  faults: Required<FaultOptions>;
}

/** Each flag with the environment variable that supplies it when the flag is absent. */
const FLAGS = {
  host: { env: 'MODEL_HOST', description: 'address to listen on (default 127.0.0.1)' },
  port: { env: 'MODEL_PORT', description: 'port to listen on, 0 for any free port (default 8081)' },
  'model-dir': { env: 'MODEL_DIR', description: 'directory holding <model>/model.json (default: the shipped models)' },
  'latency-ms': { env: 'MODEL_LATENCY_MS', description: 'fixed extra delay per inference, ms (default 0)' },
  'latency-jitter-ms': { env: 'MODEL_LATENCY_JITTER_MS', description: 'uniform random extra delay 0..N ms (default 0)' },
  'error-rate': { env: 'MODEL_ERROR_RATE', description: 'probability 0..1 of an injected error (default 0)' },
  'error-status': { env: 'MODEL_ERROR_STATUS', description: 'HTTP status of injected errors (default 500)' },
  seed: { env: 'MODEL_SEED', description: 'seed for jitter and error draws (default 1)' },
  'log-level': { env: 'MODEL_LOG_LEVEL', description: 'pino level: fatal, error, warn, info, debug, trace, silent (default info)' },
} as const;

type ValueFlag = keyof typeof FLAGS;

export const USAGE = [
  'Usage: node dist/main.js [options]',
  '',
  'Serves the models in --model-dir over the Open Inference Protocol v2 (REST).',
  '',
  ...Object.entries(FLAGS).map(([flag, info]) => `  --${flag.padEnd(20)} ${info.description} [env ${info.env}]`),
  `  --${'log-requests'.padEnd(20)} log every request`,
  `  --${'help'.padEnd(20)} show this help`,
].join('\n');

function label(flag: ValueFlag): string {
  return `--${flag} (env ${FLAGS[flag].env})`;
}

function parseNumber(flag: ValueFlag, text: string): number {
  // Number('') is 0 and Number(' 5') is 5; neither is what a user typed on purpose.
  if (!/^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) {
    throw new ModelServerConfigError(`${label(flag)} must be a number, got "${text}"`);
  }
  return Number(text);
}

/** Reads flags (winning) and environment variables; throws ModelServerConfigError on anything invalid. */
export function parseModelServerArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): ModelServerCliOptions {
  let values: Partial<Record<ValueFlag, string>> & { help?: boolean; 'log-requests'?: boolean };
  try {
    const options = Object.fromEntries(Object.keys(FLAGS).map((flag) => [flag, { type: 'string' as const }]));
    ({ values } = parseArgs({
      args: [...argv],
      options: { ...options, help: { type: 'boolean' }, 'log-requests': { type: 'boolean' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new ModelServerConfigError(error instanceof Error ? error.message : String(error));
  }
  const read = (flag: ValueFlag): string | undefined => {
    const value = values[flag] ?? env[FLAGS[flag].env];
    return value === undefined || value === '' ? undefined : value;
  };
  const readNumber = (flag: ValueFlag): number | undefined => {
    const text = read(flag);
    return text === undefined ? undefined : parseNumber(flag, text);
  };

  const port = readNumber('port') ?? 8081;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ModelServerConfigError(`${label('port')} must be an integer from 0 to 65535, got ${port}`);
  }
  const faults: FaultOptions = {};
  const latencyMs = readNumber('latency-ms');
  const latencyJitterMs = readNumber('latency-jitter-ms');
  const errorRate = readNumber('error-rate');
  const errorStatus = readNumber('error-status');
  const seed = readNumber('seed');
  if (latencyMs !== undefined) faults.latencyMs = latencyMs;
  if (latencyJitterMs !== undefined) faults.latencyJitterMs = latencyJitterMs;
  if (errorRate !== undefined) faults.errorRate = errorRate;
  if (errorStatus !== undefined) faults.errorStatus = errorStatus;
  if (seed !== undefined) faults.seed = seed;

  return {
    help: values.help === true,
    host: read('host') ?? '127.0.0.1',
    port,
    modelDir: read('model-dir') ?? DEFAULT_MODEL_DIR,
    logLevel: requireLogLevel(read('log-level') ?? 'info'),
    logRequests: values['log-requests'] === true,
    faults: resolveFaultOptions(faults, {
      latencyMs: label('latency-ms'),
      latencyJitterMs: label('latency-jitter-ms'),
      errorRate: label('error-rate'),
      errorStatus: label('error-status'),
      seed: label('seed'),
    }),
  };
}
