import { openLoopLoad, type OpenLoopResult } from './open-loop.js';
import { histogramQuantileConfidenceInterval } from './quantile-confidence.js';
import type { Histogram } from './histogram.js';

/** One HTTP request to send repeatedly. */
export interface EndpointRequest {
  method: string;
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface MeasureEndpointOptions {
  request: EndpointRequest;
  rate: number;
  durationMs: number;
  warmupMs?: number;
}

/** Percentiles in milliseconds, with a distribution-free 95% interval on the p99. */
export interface LatencySummary {
  count: number;
  errors: number;
  dropped: number;
  achievedRate: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  p999Ms: number;
  p99IntervalMs: { lower: number; upper: number };
}

const toMs = (us: number) => Math.round(us) / 1000;

/** The figures of a histogram in µs, as milliseconds; the p99 interval bounds may be infinite with few samples. */
export function summarizeHistogram(histogram: Histogram, run: Pick<OpenLoopResult, 'errors' | 'dropped' | 'achievedRate'>): LatencySummary {
  const interval = histogram.count === 0 ? { lower: Number.NaN, upper: Number.NaN } : histogramQuantileConfidenceInterval(histogram, 0.99, 0.95);
  return {
    count: histogram.count,
    errors: run.errors,
    dropped: run.dropped,
    achievedRate: Math.round(run.achievedRate * 10) / 10,
    p50Ms: toMs(histogram.valueAtQuantile(0.5)),
    p90Ms: toMs(histogram.valueAtQuantile(0.9)),
    p99Ms: toMs(histogram.valueAtQuantile(0.99)),
    p999Ms: toMs(histogram.valueAtQuantile(0.999)),
    p99IntervalMs: { lower: toMs(interval.lower), upper: toMs(interval.upper) },
  };
}

/**
 * Drives one endpoint over real HTTP at a fixed rate (open loop, latency from the intended send time),
 * after a warm-up, and summarises the measured phase. A non-2xx answer counts as an error.
 */
export async function measureEndpoint(options: MeasureEndpointOptions): Promise<LatencySummary & { errorMessages: Record<string, number> }> {
  const { request } = options;
  const body = request.body === undefined ? undefined : JSON.stringify(request.body);
  const headers = { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...request.headers };
  const run = await openLoopLoad({
    rate: options.rate,
    durationMs: options.durationMs,
    warmupMs: options.warmupMs ?? 0,
    send: async ({ signal }) => {
      const response = await fetch(request.url, { method: request.method, headers, ...(body === undefined ? {} : { body }), signal });
      await response.arrayBuffer();
      if (response.status < 200 || response.status >= 300) throw new Error(`HTTP ${response.status}`);
    },
  });
  return { ...summarizeHistogram(run.histogram, run), errorMessages: run.errorMessages };
}

export type BudgetVerdict = 'exceeded' | 'unsure' | 'within';

/** Exceeded when the interval's lower bound is over the budget, within when its upper bound is at or under it. */
export function budgetVerdict(interval: { lower: number; upper: number }, budgetMs: number): BudgetVerdict {
  if (interval.lower > budgetMs) return 'exceeded';
  if (interval.upper <= budgetMs) return 'within';
  return 'unsure';
}
