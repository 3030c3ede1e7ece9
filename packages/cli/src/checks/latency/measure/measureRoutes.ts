import { NpvError, type FindingInput, type LatencyConfig , type ChangeSource } from '@npvguard/core';
import { budgetVerdict } from '@npvguard/harness';
import type { RouteBound } from '../analyze.js';
import { LATENCY_RULES } from '../meta.js';
import { loadFakes } from './loadFakes.js';
import { measureRoute, measureSettings } from './measureRoute.js';
import { compareWithBase } from './compareWithBase.js';

export interface MeasureRoutesInput {
  root: string;
  config: LatencyConfig;
  routes: readonly RouteBound[];
  base?: string;
  /** The run's change, for the base checkout of a comparison. */
  change: ChangeSource;
}

export interface MeasuredRoutes {
  findings: FindingInput[];
  byRoute: Map<string, Record<string, unknown>>;
}

/**
 * `--measure`: starts the app with fake dependencies, drives each budgeted route that has a request in the
 * fakes module, and judges the p99 interval against the budget; with a base, compares head and base too.
 */
export async function measureRoutes(input: MeasureRoutesInput): Promise<MeasuredRoutes> {
  const { config } = input;
  if (config.measure === undefined) throw new NpvError('NPV1201', '--measure needs latency.measure.fakes in the config: the module that starts the app with fake dependencies.');
  const fakes = await loadFakes(input.root, config.measure.fakes);
  const settings = measureSettings(config);
  const findings: FindingInput[] = [];
  const byRoute = new Map<string, Record<string, unknown>>();
  const measured = input.routes.filter((route) => route.budgetMs !== null && fakes.requests[route.route] !== undefined);
  const app = await fakes.start();
  try {
    for (const route of measured) {
      const summary = await measureRoute(fakes, app.url, route.route, settings);
      const budget = route.budgetMs ?? Number.POSITIVE_INFINITY;
      const verdict = budgetVerdict(summary.p99IntervalMs, budget);
      byRoute.set(route.route, { measured: summary, measuredVerdict: verdict });
      const where = { file: route.file, line: route.line, column: 1 };
      const figures = `p99 ${summary.p99Ms} ms, 95% interval ${summary.p99IntervalMs.lower}–${summary.p99IntervalMs.upper} ms, over ${summary.count} requests at ${settings.rate}/s`;
      if (verdict === 'exceeded') {
        findings.push({ ruleId: LATENCY_RULES.measuredBudgetExceeded, ...where, message: `${route.route} measured ${figures}: the whole interval is over the p99 budget of ${budget} ms.`, hint: 'Follow the static critical path of this route; the slowest fake dependency on it is where the time goes.', fingerprintParts: [LATENCY_RULES.measuredBudgetExceeded, route.route], data: { route: route.route, ...summary } });
      } else if (verdict === 'unsure') {
        findings.push({ ruleId: LATENCY_RULES.measuredUnsure, ...where, message: `${route.route} measured ${figures}: the interval straddles the p99 budget of ${budget} ms.`, hint: 'Measure longer (latency.measure.durationMs) for a narrower interval, or make the route faster.', fingerprintParts: [LATENCY_RULES.measuredUnsure, route.route], data: { route: route.route, ...summary } });
      }
    }
  } finally {
    await app.close();
  }
  if (input.base !== undefined) {
    const comparison = await compareWithBase({ root: input.root, config, base: input.base, change: input.change, routes: measured });
    findings.push(...comparison.findings);
    for (const [route, data] of comparison.byRoute) byRoute.set(route, { ...byRoute.get(route), ...data });
  }
  return { findings, byRoute };
}
