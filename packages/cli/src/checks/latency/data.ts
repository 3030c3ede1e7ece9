import type { RouteBound, RouteOrigin } from './analyze.js';

/** A route measured under load (`--measure`): quantiles of the recorded histogram and the p99's interval. */
export interface MeasuredRoute {
  count?: number;
  p50Ms?: number;
  p90Ms?: number;
  p99Ms?: number;
  p999Ms?: number;
  p99IntervalMs?: { lower: number; upper: number };
  [figure: string]: unknown;
}

/** One route in the latency check's data: its static bound, and what `--measure` (and `--base`) added. */
export interface LatencyRouteData extends RouteBound {
  measured?: MeasuredRoute;
  measuredVerdict?: string;
  regression?: { verdict: string; [figure: string]: unknown };
}

/** The latency check's `data`, in the result object and its JSON. */
export interface LatencyData {
  routes: LatencyRouteData[];
  /** Whether the route urls are the booted app's (its route table) or the sources' alone, and why. */
  routeOrigin?: RouteOrigin;
  deadlineBudgetMs: number | null;
  stats: { files: number; durationMs: number };
  measured: boolean;
}
