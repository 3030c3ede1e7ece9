import type { Block, RowDetail, TableRow } from '@npvguard/core';
import type { LatencyData, LatencyRouteData } from './data.js';

function ms(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${value} ms`;
}

export const LATENCY_COLUMNS = ['route', 'budget', 'static bound', 'measured p99', 'headroom', 'verdict'];

/** The cells of one route: route, budget, static bound, measured p99 (interval), headroom, verdict. */
export function latencyCells(route: LatencyRouteData): string[] {
  const bound = route.staticBoundMs === null && route.verdict !== 'no-handler' ? 'unbounded' : ms(route.staticBoundMs);
  const measured = route.measured?.p99Ms === undefined ? 'not measured' : `${route.measured.p99Ms} ms (95% ${route.measured.p99IntervalMs?.lower ?? '?'}–${route.measured.p99IntervalMs?.upper ?? '?'})`;
  const verdicts = [
    route.verdict,
    route.measuredVerdict === undefined ? undefined : `measured ${route.measuredVerdict}`,
    route.regression === undefined ? undefined : `vs base ${route.regression.verdict}`,
  ];
  return [route.route, ms(route.budgetMs), bound, measured, ms(route.headroomMs), verdicts.filter((part) => part !== undefined).join(', ')];
}

const QUANTILES = [
  ['p50', 'p50Ms'],
  ['p90', 'p90Ms'],
  ['p99', 'p99Ms'],
  ['p99.9', 'p999Ms'],
] as const;

function details(route: LatencyRouteData): RowDetail[] {
  const steps: RowDetail = {
    kind: 'steps',
    title: 'Critical path',
    steps: route.criticalPath.map((step) => ({ where: `${step.file}:${step.line}`, text: step.call, value: `${step.ms} ms` })),
    empty: 'no awaited I/O',
  };
  const measured = route.measured;
  const bars: RowDetail = {
    kind: 'bars',
    title: 'Measured histogram',
    bars:
      measured === undefined
        ? []
        : QUANTILES.flatMap(([label, key]) => {
            const value = measured[key];
            return typeof value === 'number' && Number.isFinite(value) ? [{ label, value, unit: 'ms' }] : [];
          }),
    ...(route.budgetMs === null ? {} : { marker: { label: 'budget', value: route.budgetMs } }),
    ...(measured === undefined ? {} : { note: `${measured.count ?? '?'} requests` }),
    empty: 'not measured (run with --measure)',
  };
  return [steps, bars];
}

/** One line per route, for outputs without tables. */
function summaryLine(cells: readonly string[]): string {
  const [route, budget, bound, measured, headroom, verdict] = cells;
  return `latency ${route}: budget ${budget}, static bound ${bound}, measured p99 ${measured}, headroom ${headroom}, ${verdict}`;
}

/** The latency check's data as one table: a row per route with its critical path and measured distribution. */
export function presentLatency(data: LatencyData): Block[] {
  const routes = data.routes ?? [];
  if (routes.length === 0) return [];
  const rows = routes.map((route): TableRow => ({ key: route.route, cells: latencyCells(route), status: route.verdict, details: details(route) }));
  return [{ kind: 'table', id: 'routes', title: 'Latency per route', columns: LATENCY_COLUMNS, rows, lines: rows.map((row) => summaryLine(row.cells)) }];
}
