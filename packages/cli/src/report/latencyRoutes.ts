import type { Result } from '@npvguard/core';

/** One route of the latency check's data, as the reporters show it. */
export interface LatencyRouteRow {
  route: string;
  budgetMs: number | null;
  staticBoundMs: number | null;
  headroomMs: number | null;
  verdict: string;
  measuredP99Ms?: number;
  measuredInterval?: { lower: number; upper: number };
  measuredVerdict?: string;
  regressionVerdict?: string;
}

function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** The latency check's per-route rows from `checks[].data.routes`; empty when the check did not run. */
export function latencyRoutes(result: Result): LatencyRouteRow[] {
  const data = result.checks.find((run) => run.id === 'latency')?.data;
  const routes = Array.isArray(data?.routes) ? (data.routes as unknown[]) : [];
  return routes.flatMap((entry): LatencyRouteRow[] => {
    const route = record(entry);
    if (route === undefined || typeof route.route !== 'string') return [];
    const measured = record(route.measured);
    const interval = record(measured?.p99IntervalMs);
    const regression = record(route.regression);
    const row: LatencyRouteRow = {
      route: route.route,
      budgetMs: numberOrNull(route.budgetMs),
      staticBoundMs: numberOrNull(route.staticBoundMs),
      headroomMs: numberOrNull(route.headroomMs),
      verdict: typeof route.verdict === 'string' ? route.verdict : 'unknown',
    };
    const p99 = numberOrNull(measured?.p99Ms);
    if (p99 !== null) row.measuredP99Ms = p99;
    if (interval !== undefined) row.measuredInterval = { lower: Number(interval.lower), upper: Number(interval.upper) };
    if (typeof route.measuredVerdict === 'string') row.measuredVerdict = route.measuredVerdict;
    if (typeof regression?.verdict === 'string') row.regressionVerdict = regression.verdict;
    return [row];
  });
}

function ms(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${value} ms`;
}

/** The cells of one row: route, budget, static bound, measured p99 (interval), headroom, verdict. */
export function latencyCells(row: LatencyRouteRow): string[] {
  const bound = row.staticBoundMs === null && row.verdict !== 'no-handler' ? 'unbounded' : ms(row.staticBoundMs);
  const measured = row.measuredP99Ms === undefined ? 'not measured' : `${row.measuredP99Ms} ms (95% ${row.measuredInterval?.lower ?? '?'}–${row.measuredInterval?.upper ?? '?'})`;
  const verdicts = [row.verdict, row.measuredVerdict === undefined ? undefined : `measured ${row.measuredVerdict}`, row.regressionVerdict === undefined ? undefined : `vs base ${row.regressionVerdict}`];
  return [row.route, ms(row.budgetMs), bound, measured, ms(row.headroomMs), verdicts.filter((part) => part !== undefined).join(', ')];
}

export const LATENCY_HEADERS = ['route', 'budget', 'static bound', 'measured p99', 'headroom', 'verdict'] as const;

/** One line per route for compact and GitHub output. */
export function latencySummaryLine(row: LatencyRouteRow): string {
  const [route, budget, bound, measured, headroom, verdict] = latencyCells(row);
  return `latency ${route}: budget ${budget}, static bound ${bound}, measured p99 ${measured}, headroom ${headroom}, ${verdict}`;
}

/** An aligned plain-text table. */
export function latencyTextTable(rows: readonly LatencyRouteRow[]): string[] {
  const table = [[...LATENCY_HEADERS], ...rows.map(latencyCells)];
  const widths = LATENCY_HEADERS.map((_, column) => Math.max(...table.map((cells) => (cells[column] ?? '').length)));
  return table.map((cells) => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd());
}
