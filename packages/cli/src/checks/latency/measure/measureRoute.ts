import { NpvError, type LatencyConfig } from '@npvguard/core';
import { measureEndpoint, type LatencySummary } from '@npvguard/harness';
import type { FakesModule } from './loadFakes.js';

// 500 requests: a 95% interval of the p99 needs at least 367 for a finite upper bound.
export const MEASURE_DEFAULTS = { rate: 50, durationMs: 10_000, warmupMs: 1000 } as const;

/** One route measured against a started app. */
export async function measureRoute(fakes: FakesModule, url: string, route: string, settings: Required<Omit<NonNullable<LatencyConfig['measure']>, 'fakes'>>): Promise<LatencySummary> {
  const request = fakes.requests[route];
  const [method = 'GET', routePath = '/'] = route.split(' ');
  const summary = await measureEndpoint({
    request: { method, url: `${url}${request?.path ?? routePath}`, ...(request?.body === undefined ? {} : { body: request.body }), ...(request?.headers === undefined ? {} : { headers: request.headers }) },
    rate: settings.rate,
    durationMs: settings.durationMs,
    warmupMs: settings.warmupMs,
  });
  if (summary.count === 0) {
    const reasons = Object.entries(summary.errorMessages).map(([message, count]) => `${message} ×${count}`).join(', ');
    throw new NpvError('NPV2202', `No request to ${route} succeeded while measuring (${reasons || 'no answer'}).`, { route });
  }
  return summary;
}

export function measureSettings(config: LatencyConfig): Required<Omit<NonNullable<LatencyConfig['measure']>, 'fakes'>> {
  return {
    rate: config.measure?.rate ?? MEASURE_DEFAULTS.rate,
    durationMs: config.measure?.durationMs ?? MEASURE_DEFAULTS.durationMs,
    warmupMs: config.measure?.warmupMs ?? MEASURE_DEFAULTS.warmupMs,
  };
}

