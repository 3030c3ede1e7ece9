import { parseArgs } from 'node:util';
import { StackUsageError } from '../lib/stack.js';

export interface BenchOptions {
  rates: number[];
  durationMs: number;
  warmupMs: number;
  serviceLogLevel: string;
  profile: boolean;
  help: boolean;
}

export const BENCH_USAGE = `Usage: npm run bench:service -- [options]

  --rates <list>              request rates to step through, req/s (default 100,200,300,400,600,800)
  --duration <s>              measured seconds per step (default 8)
  --warmup <s>                warm-up seconds per step, not measured (default 2)
  --quick                     rates 100,300, 3 s per step, 1 s warm-up
  --service-log-level <lvl>   the service's NPV_LOG_LEVEL (default warn; info logs every request)
  --profile                   record a CPU profile of the service and print its hottest functions`;

function positiveNumber(flag: string, text: string): number {
  const value = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || !(value > 0)) throw new StackUsageError(`${flag} must be a positive number, got "${text}"`);
  return value;
}

export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  let values: { rates?: string; duration?: string; warmup?: string; quick?: boolean; 'service-log-level'?: string; profile?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        rates: { type: 'string' },
        duration: { type: 'string' },
        warmup: { type: 'string' },
        quick: { type: 'boolean' },
        'service-log-level': { type: 'string' },
        profile: { type: 'boolean' },
        help: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new StackUsageError(error instanceof Error ? error.message : String(error));
  }
  const quick = values.quick === true;
  const rates = (values.rates ?? (quick ? '100,300' : '100,200,300,400,600,800')).split(',').map((rate) => positiveNumber('--rates', rate.trim()));
  return {
    rates,
    durationMs: positiveNumber('--duration', values.duration ?? (quick ? '3' : '8')) * 1000,
    warmupMs: (values.warmup === undefined ? (quick ? 1 : 2) : positiveNumber('--warmup', values.warmup)) * 1000,
    serviceLogLevel: values['service-log-level'] ?? 'warn',
    profile: values.profile === true,
    help: values.help === true,
  };
}
