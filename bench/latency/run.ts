/**
 * `npm run bench:latency [-- --routes 100 --depth 8 --aa 3 --pairs 10]`
 *
 * Prints (1) the static analysis time of the latency check on the reference service and on a generated
 * service, each the median of three in-process runs after a warm-up, and (2) the A/A false-positive rate:
 * the reference service compared with itself (fresh processes, interleaved randomised pairs, the same
 * decision as `--measure --base`) `--aa` times; every `regression` verdict is a false positive.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { comparePairs } from '../../packages/harness/dist/index.js';
import { analyzeLatency } from '../../packages/cli/dist/checks/latency/index.js';
import { runWorker } from '../../packages/cli/dist/checks/latency/measure/compareWithBase.js';
import { generateService } from './generate.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const service = path.join(repo, 'examples', 'npv-ranking-service');

function option(flag: string, fallback: number): number {
  const index = process.argv.indexOf(flag);
  const value = index < 0 ? undefined : Number(process.argv[index + 1]);
  return value === undefined || !Number.isFinite(value) ? fallback : value;
}

function sourceFiles(root: string): string[] {
  return fs.readdirSync(path.join(root, 'src'), { recursive: true }).map(String).filter((file) => file.endsWith('.ts')).map((file) => `src/${file.split(path.sep).join('/')}`).sort();
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function timeAnalysis(root: string, config: Parameters<typeof analyzeLatency>[0]['config']): { ms: number; routes: number; files: number } {
  const files = sourceFiles(root);
  analyzeLatency({ root, files, config });
  const times: number[] = [];
  let routes = 0;
  for (let round = 0; round < 3; round += 1) {
    const started = performance.now();
    routes = analyzeLatency({ root, files, config }).routes.length;
    times.push(performance.now() - started);
  }
  return { ms: Math.round(median(times)), routes, files: files.length };
}

const routes = option('--routes', 100);
const depth = option('--depth', 8);
const aaRuns = option('--aa', 3);
const pairs = option('--pairs', 10);

const serviceConfig = {
  budgets: { 'POST /v1/npv/cards': { p99Ms: 50 }, 'GET /healthz': { p99Ms: 10 }, 'GET /readyz': { p99Ms: 10 }, 'GET /metrics': { p99Ms: 20 } },
  ports: 'src/core/ports.ts',
  sideEffects: ['src/components/sideEffects/**', 'src/clients/events/**'],
  compositionRoot: 'src/server/app.ts',
};
const reference = timeAnalysis(service, serviceConfig);
console.log(`static analysis, reference service: ${reference.ms} ms (${reference.files} files, ${reference.routes} routes; median of 3 warm in-process runs)`);

const generated = fs.mkdtempSync(path.join(os.tmpdir(), 'npvguard-latency-bench-'));
try {
  const { files } = generateService(generated, routes, depth, path.join(repo, 'node_modules'));
  const budgets = Object.fromEntries(Array.from({ length: routes }, (_, route) => [`GET /r${route}`, { p99Ms: 100 }]));
  const large = timeAnalysis(generated, { budgets, ports: 'src/ports.ts' });
  console.log(`static analysis, generated service: ${large.ms} ms (${files} files, ${large.routes} routes, call depth ${depth})`);
} finally {
  fs.rmSync(generated, { recursive: true, force: true });
}

// A rate one process (driver and server together) sustains with room to spare: queueing would swamp the medians.
const settings = { rate: 50, durationMs: 2000, warmupMs: 1000 };
let falsePositives = 0;
let unsure = 0;
for (let run = 0; run < aaRuns; run += 1) {
  const comparison = await comparePairs({
    run: () => runWorker(service, 'latency/fakes.ts', 'POST /v1/npv/cards', settings),
    minPairs: pairs,
    maxPairs: pairs,
    seed: run + 1,
  });
  if (comparison.verdict === 'regression') falsePositives += 1;
  if (comparison.verdict === 'unsure') unsure += 1;
  const { latency } = comparison;
  console.log(`A/A run ${run + 1}: ${comparison.verdict}, median ratio ${latency.ratio.toFixed(3)} (95% ${latency.lower.toFixed(3)}–${latency.upper.toFixed(3)}), threshold ${comparison.threshold.toFixed(3)}, ${comparison.pairs} pairs`);
}
console.log(`A/A false-positive rate: ${falsePositives}/${aaRuns} regression verdicts (${unsure} unsure) on identical code`);
