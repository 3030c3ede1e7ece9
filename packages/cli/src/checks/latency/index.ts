// First: ts-morph's compiler, loaded with a code cache before ts-morph itself.
import './compiler.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { NpvError, type CheckContext } from '@npvguard/core';
import { saveCodeCaches } from '../../modules/codeCache.js';
import { analyzeLatency, finishLatency, prepareLatency, type LatencyAnalysis } from './analyze.js';
import { cacheRouteTable, readCachedRouteTable, routeTableKey } from '../routeTableCache.js';
import type { LatencyData, LatencyRouteData } from './data.js';
import type { RouteTable } from '../routeTable.js';

export { analyzeLatency, formatPath } from './analyze.js';
export type { AnalyzeLatencyOptions, LatencyAnalysis, RouteBound } from './analyze.js';
export type { LatencyData, LatencyRouteData, MeasuredRoute } from './data.js';
export { latencyMeta, LATENCY_RULES } from './meta.js';

const AUTOLOAD_IMPORT = /(?:from|import|require)\s*\(?\s*['"]@fastify\/autoload['"]/;

/**
 * Whether the app loads routes through @fastify/autoload, whose prefixes come from folders and options that only
 * booting the app shows for certain. Without it, the sources name every route with its plugin prefixes, and the
 * app is not booted a second time (the contracts check boots it already).
 */
function usesAutoload(root: string, files: readonly string[]): boolean {
  return files.some((file) => {
    try {
      return AUTOLOAD_IMPORT.test(readFileSync(path.join(root, file), 'utf8'));
    } catch {
      return false;
    }
  });
}

/** The latency check: static worst-case bound per route by default; measured p99 and base comparison with --measure. */
export async function runLatency(context: CheckContext<LatencyData>): Promise<void> {
  const config = context.config.latency;
  if (config === undefined) throw new NpvError('NPV1008', 'The latency check needs a `latency` section in the config.');
  // One route table: the booted app's when an app factory is configured, else the sources' (and why).
  const contracts = context.config.contracts;
  const autoloaded = usesAutoload(context.root, context.files);
  const analysisOptions = {
    root: context.root,
    files: context.files,
    config,
    ...(context.config.tsconfig === undefined ? {} : { tsconfig: context.config.tsconfig }),
  };
  let routeTable: RouteTable | undefined;
  let fallbackReason = 'no app factory is configured (contracts.app), so urls come from the sources and autoload folders';
  let analysis: LatencyAnalysis;
  let tableFrom: 'booted' | 'cached' | undefined;
  if (contracts === undefined || !autoloaded) {
    if (contracts !== undefined) fallbackReason = 'no route is loaded through @fastify/autoload, so the urls the sources give (plugin prefixes included) are the app\'s';
    analysis = analyzeLatency(analysisOptions);
  } else {
    // The sources first: meanwhile the contracts check (which boots the same app) may have cached its table.
    const key = routeTableKey(context.root, context.files, contracts);
    const prepared = prepareLatency(analysisOptions);
    routeTable = key === undefined ? undefined : readCachedRouteTable(context.root, key);
    tableFrom = 'cached';
    if (routeTable === undefined) {
      tableFrom = 'booted';
      const { appRoutes } = await import('./routes/appRoutes.js');
      const booted = await appRoutes(context.root, contracts);
      if ('table' in booted) {
        routeTable = booted.table;
        if (key !== undefined) cacheRouteTable(context.root, key, booted.table);
      } else {
        fallbackReason = `the app factory ${contracts.app} could not be booted (${booted.reason}), so urls come from the sources and autoload folders`;
      }
    }
    analysis = finishLatency(prepared, routeTable);
  }
  saveCodeCaches();
  for (const finding of analysis.findings) context.report(finding);
  let routes: LatencyRouteData[] = analysis.routes.map((route) => ({ ...route }));
  if (context.measure === true) {
    const { measureRoutes } = await import('./measure/measureRoutes.js');
    const measured = await measureRoutes({ root: context.root, config, routes: analysis.routes, change: context.change, ...(context.base === undefined ? {} : { base: context.base }) });
    for (const finding of measured.findings) context.report(finding);
    routes = routes.map((route) => ({ ...route, ...(measured.byRoute.get(route.route) as Partial<LatencyRouteData> | undefined) }));
  }
  const routeOrigin = analysis.routeOrigin.origin === 'static' ? { ...analysis.routeOrigin, reason: fallbackReason } : { ...analysis.routeOrigin, ...(tableFrom === undefined ? {} : { table: tableFrom }) };
  context.setData({ routes, routeOrigin, deadlineBudgetMs: analysis.deadlineBudgetMs, stats: analysis.stats, measured: context.measure === true });
}
