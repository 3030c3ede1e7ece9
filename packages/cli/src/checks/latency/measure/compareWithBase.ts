import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { NpvError, type ChangeSource, type FindingInput, type LatencyConfig } from '@npvguard/core';
import { comparePairs, type PairRun } from '@npvguard/harness';
import type { RouteBound } from '../analyze.js';
import { LATENCY_RULES } from '../meta.js';
import { measureSettings } from './measureRoute.js';

const execFileAsync = promisify(execFile);

export interface CompareWithBaseInput {
  root: string;
  config: LatencyConfig;
  base: string;
  /** The run's change: the base checked out comes from it. */
  change: ChangeSource;
  routes: readonly RouteBound[];
  /** Pairs before the first decision (at least 10 for a gate). */
  minPairs?: number;
  timeCapMs?: number;
}

/** The worker script, next to this module (compiled to dist; run by plain node). */
export function workerPath(): string {
  return fileURLToPath(new URL('./worker.js', import.meta.url));
}

/** Runs one measurement of one route in a fresh node process and reads its JSON line. */
export async function runWorker(root: string, fakes: string, route: string, settings: ReturnType<typeof measureSettings>): Promise<PairRun> {
  const args = [workerPath(), root, fakes, route, String(settings.rate), String(settings.durationMs), String(settings.warmupMs)];
  let stdout: string;
  try {
    ({ stdout } = await execFileAsync(process.execPath, args, { cwd: root, maxBuffer: 1024 * 1024 }));
  } catch (error) {
    const stderr = (error as { stderr?: unknown }).stderr;
    throw new NpvError('NPV2202', `Measuring ${route} in ${root} failed: ${typeof stderr === 'string' && stderr !== '' ? stderr.trim().split('\n')[0] : String(error)}`, { route, root });
  }
  const parsed = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as Partial<PairRun>;
  if (typeof parsed.medianMs !== 'number' || typeof parsed.cpuMsPerRequest !== 'number') {
    throw new NpvError('NPV2202', `Measuring ${route} in ${root} printed no result.`, { route, root });
  }
  return { medianMs: parsed.medianMs, cpuMsPerRequest: parsed.cpuMsPerRequest };
}

/**
 * `--measure --base <ref>`: the base in a temporary git worktree, head and base measured in fresh
 * processes in randomised interleaved pairs, decided on the bootstrap interval of the median ratio.
 */
export async function compareWithBase(input: CompareWithBaseInput): Promise<{ findings: FindingInput[]; byRoute: Map<string, Record<string, unknown>> }> {
  const fakes = input.config.measure?.fakes;
  if (fakes === undefined) throw new NpvError('NPV1201', '--measure --base needs latency.measure.fakes in the config.');
  const settings = measureSettings(input.config);
  const resolved = { ref: input.base };
  const findings: FindingInput[] = [];
  const byRoute = new Map<string, Record<string, unknown>>();
  await input.change.withBaseTree(async (baseRoot) => {
    for (const route of input.routes) {
      const comparison = await comparePairs({
        run: (side) => runWorker(side === 'head' ? input.root : baseRoot, fakes, route.route, settings),
        minPairs: input.minPairs ?? 10,
        ...(input.timeCapMs === undefined ? {} : { timeCapMs: input.timeCapMs }),
      });
      const { latency, threshold, pairs } = comparison;
      byRoute.set(route.route, { regression: { verdict: comparison.verdict, pairs, threshold, latencyRatio: latency, cpuRatio: comparison.cpu, base: resolved.ref } });
      const figures = `head/base median ratio ${latency.ratio.toFixed(3)} (95% interval ${latency.lower.toFixed(3)}–${latency.upper.toFixed(3)}) over ${pairs} pairs; threshold ${threshold.toFixed(3)}`;
      const where = { file: route.file, line: route.line, column: 1 };
      if (comparison.verdict === 'regression') {
        findings.push({ ruleId: LATENCY_RULES.regression, ...where, message: `${route.route} is slower than at ${resolved.ref}: ${figures}.`, hint: 'Compare the static critical paths of head and base; the change that added a wait or work on this route is the cause.', fingerprintParts: [LATENCY_RULES.regression, route.route], data: { route: route.route, latencyRatio: latency, cpuRatio: comparison.cpu, pairs } });
      } else if (comparison.verdict === 'unsure') {
        findings.push({ ruleId: LATENCY_RULES.regressionUnsure, ...where, message: `${route.route} compared with ${resolved.ref} is undecided after the time cap: ${figures}.`, hint: 'Run the comparison on a quieter machine or with a longer time cap.', fingerprintParts: [LATENCY_RULES.regressionUnsure, route.route], data: { route: route.route, latencyRatio: latency, pairs } });
      }
    }
  });
  return { findings, byRoute };
}
