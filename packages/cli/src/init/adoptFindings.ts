import { existsSync } from 'node:fs';
import path from 'node:path';
import { NpvError, updateBaseline, type Check, type Finding } from '@npvguard/core';
import { baselinePath, writeBaselineFile } from '../baseline/baselineFile.js';
import { CHANGE_CHECKS } from '../baseline/rules.js';
import { loadProject } from '../load/loadProject.js';
import { analyze } from '../run/analyze.js';
import { isConfigured } from '../run/selectChecks.js';
import type { ObservedBound } from './templates.js';
import { STARTING_P99_MS, startingBudget } from './templates.js';


export type AdoptionOutcome =
  | {
      ok: true;
      /** Static bound of each budgeted route, by route key, for the budgets the config is rewritten with. */
      bounds: Record<string, ObservedBound>;
      /** Root-relative baseline file written, or undefined when nothing needed accepting. */
      baselineFile?: string;
      /** The findings accepted into it. */
      accepted: readonly Finding[];
      /** Routes whose budget was raised to the bound they have today. */
      raised: readonly string[];
    }
  | { ok: false; reason: string };

interface LatencyRouteData {
  route: string;
  staticBoundMs: number | null;
  verdict: string;
}

function latencyRoutes(data: unknown): LatencyRouteData[] {
  const routes = (data as { routes?: unknown } | undefined)?.routes;
  return Array.isArray(routes) ? (routes as LatencyRouteData[]) : [];
}

/**
 * The first check on the code as it is, run by init after writing the config: the latency budgets are raised to
 * the static bound each route has today where that is over the starting value, and every other error and warning
 * is accepted into the baseline file with `reason`, so that `npvguard check` fails only on what a change adds.
 * Integrity is not run (it judges a change, and there is none yet). A check that cannot run leaves everything as
 * written, with the reason: a baseline missing that check's findings would hide them on the next run.
 */
export async function adoptExistingFindings(root: string, checks: readonly Check[], reason: string): Promise<AdoptionOutcome> {
  let project;
  try {
    project = await loadProject({ processCwd: root, checks });
  } catch (error) {
    return { ok: false, reason: describe(error) };
  }
  const file = baselinePath(project.config);
  if (existsSync(path.join(project.root, file))) return { ok: false, reason: `${file} exists already and was left as it is` };
  const only = checks.filter((check) => !CHANGE_CHECKS.has(check.id) && isConfigured(check, project.config)).map((check) => check.id);
  if (only.length === 0) return { ok: true, bounds: {}, accepted: [], raised: [] };
  let analysis;
  try {
    analysis = await analyze({ project, checks, only, paths: [], useBaselineFile: false });
  } catch (error) {
    return { ok: false, reason: describe(error) };
  }
  const { result, failures } = analysis;
  if (failures.length > 0) {
    return { ok: false, reason: failures.map((failure) => `the ${failure.check} check could not run (${describe(failure.error)})`).join('; ') };
  }
  const bounds: Record<string, ObservedBound> = {};
  for (const route of latencyRoutes(result.checks.find((run) => run.id === 'latency')?.data)) {
    if (route.verdict !== 'no-budget' && route.verdict !== 'no-handler') bounds[route.route] = { boundMs: route.staticBoundMs };
  }
  // A route over the starting value by a bound it has today gets that bound as its budget: its finding goes away.
  const raised = Object.entries(bounds)
    .filter(([, observed]) => startingBudget(observed) > STARTING_P99_MS)
    .map(([route]) => route);
  const findings = result.findings.filter((finding) => !(finding.ruleId === 'latency/static-budget-exceeded' && raised.includes(routeOf(finding))));
  const update = updateBaseline(undefined, findings, { reason, inScope: () => true });
  if (update.baseline.findings.length === 0) return { ok: true, bounds, accepted: [], raised };
  writeBaselineFile(project.root, project.config, update.baseline);
  const accepted = findings.filter((finding) => finding.severity !== 'info');
  return { ok: true, bounds, baselineFile: file, accepted, raised };
}

function routeOf(finding: Finding): string {
  const route = (finding.data as { route?: unknown } | undefined)?.route;
  return typeof route === 'string' ? route : '';
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}

function describe(error: unknown): string {
  if (error instanceof NpvError) return `${error.code} ${firstLine(error.message)}`;
  return firstLine(error instanceof Error ? error.message : String(error));
}

/** "12 findings: 7 latency/missing-timeout, 3 …", the most frequent rules first. */
export function summarizeAccepted(findings: readonly Finding[]): string {
  const counts = new Map<string, number>();
  for (const finding of findings) counts.set(finding.ruleId, (counts.get(finding.ruleId) ?? 0) + 1);
  const parts = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([ruleId, count]) => `${count} ${ruleId}`);
  return `${findings.length} finding${findings.length === 1 ? '' : 's'} (${parts.join(', ')})`;
}
