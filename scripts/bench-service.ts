/**
 * `npm run bench:service`: open-loop load on the reference service (with the real model server)
 * and, at the same rates, on a bare fastify route answering a fixed 2 KB body, so the service's own
 * cost is visible. Latency is measured from each request's intended send time into a µs histogram.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openLoopLoad, startServerProcess, type ServerProcess } from '@npvguard/harness';
import { cpuShare, cpuSnapshot, machineBusyShare, machineTicks } from './bench/process-cpu.js';
import { summarizeCpuProfile } from './bench/cpu-profile-summary.js';
import { httpTarget, type HttpTarget } from './bench/http-target.js';
import { BENCH_USAGE, parseBenchOptions, type BenchOptions } from './bench/options.js';
import { highestRateWithinBudget, ratioTable, stepTable, toRow, type StepRow, type TargetName } from './bench/report.js';
import { requestBodies } from './bench/request-bodies.js';
import { REPO_ROOT, requireBuilt, startModelServer, startService, StackUsageError } from './lib/stack.js';

const HOST = '127.0.0.1';
const BUDGET_MS = 50;
const BARE_SERVER = fileURLToPath(new URL('./bench/bare-server.mjs', import.meta.url));

function say(line = ''): void {
  process.stdout.write(`${line}\n`);
}

/** Each request must come back 200 before any load: a misconfigured stack would only measure errors. */
async function preflight(name: string, target: HttpTarget, count: number): Promise<void> {
  const controller = new AbortController();
  for (let index = 0; index < count; index += 1) {
    try {
      await target.send({ index, intendedTimeMs: 0, measured: false, signal: controller.signal });
    } catch (error) {
      throw new Error(`${name} failed its pre-flight request ${index}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }
  target.resetCounts();
}

async function run(options: BenchOptions): Promise<void> {
  requireBuilt();
  const servers: ServerProcess[] = [];
  const targets: HttpTarget[] = [];
  const profileDirectory = options.profile ? await mkdtemp(join(tmpdir(), 'npv-bench-profile-')) : undefined;
  process.once('SIGINT', () => {
    for (const server of servers) void server.stop('SIGKILL');
    process.exitCode = 130;
  });
  try {
    const bare = await startServerProcess({ name: 'bare fastify', args: [BARE_SERVER, '0'], cwd: REPO_ROOT });
    servers.push(bare);
    const model = await startModelServer({ host: HOST, port: 0, extraArgs: ['--log-level', 'warn'] });
    servers.push(model);
    const service = await startService({
      host: HOST,
      port: 0,
      modelUrl: model.url,
      eventsPath: 'memory',
      logLevel: options.serviceLogLevel,
      ...(profileDirectory === undefined ? {} : { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profileDirectory}`] }),
    });
    servers.push(service);

    const bodies = requestBodies(2000);
    const byName: Record<TargetName, HttpTarget> = {
      service: httpTarget({ origin: service.url, path: '/v1/npv/cards', bodies }),
      bare: httpTarget({ origin: bare.url, path: '/v1/npv/cards', bodies }),
    };
    targets.push(byName.service, byName.bare);
    await preflight('service', byName.service, 50);
    await preflight('bare fastify', byName.bare, 50);

    const cpu = cpus();
    say(`# bench:service ${new Date().toISOString()}`);
    say(`machine: ${cpu.length} × ${cpu[0]?.model ?? 'unknown cpu'}, Node ${process.version}, ${process.platform}`);
    say(`service ${service.url} (NPV_LOG_LEVEL=${options.serviceLogLevel}, events in memory) → model server ${model.url}; bare fastify ${bare.url}`);
    say(`open loop, latency from intended send time; rates ${options.rates.join(', ')} req/s; ${options.warmupMs / 1000} s warm-up + ${options.durationMs / 1000} s measured per step`);
    say();

    const rows: StepRow[] = [];
    const pids = { service: service.pid, model: model.pid, bare: bare.pid, driver: process.pid };
    for (const rate of options.rates) {
      for (const name of ['service', 'bare'] as const) {
        const target = byName[name];
        target.resetCounts();
        const before = cpuSnapshot(pids);
        const machineBefore = machineTicks();
        const result = await openLoopLoad({ rate, durationMs: options.durationMs, warmupMs: options.warmupMs, send: target.send, maxInFlight: 5000 });
        const cpu = cpuShare(before, cpuSnapshot(pids), result.elapsedMs);
        const row = toRow(name, result, target.sources, cpu, machineBusyShare(machineBefore, machineTicks()), cpus().length);
        rows.push(row);
        const errors = Object.entries(row.errorMessages).map(([message, count]) => `${count}× ${message}`).join(', ');
        const sources = name === 'service' ? `  answers ${Object.entries(row.sources).map(([source, count]) => `${source} ${count}`).join(', ')}` : '';
        const busy = row.otherCores === undefined ? '' : `  other load ${row.otherCores.toFixed(2)} cores`;
        say(`${name.padEnd(7)} ${String(rate).padStart(4)}/s  achieved ${row.achievedRate.toFixed(1)}/s  p50 ${row.p50Ms.toFixed(2)}  p99 ${row.p99Ms.toFixed(2)} ms  errors ${row.errors}${errors ? ` (${errors})` : ''}${busy}${sources}`);
      }
    }

    say();
    say(stepTable(rows));
    say();
    say(ratioTable(rows));
    say();
    const serviceBest = highestRateWithinBudget(rows, 'service', BUDGET_MS);
    const bareBest = highestRateWithinBudget(rows, 'bare', BUDGET_MS);
    say(`highest rate with p99 ≤ ${BUDGET_MS} ms (no errors, kept up): service ${serviceBest === undefined ? 'none of the rates' : `${serviceBest} req/s`}, bare fastify ${bareBest === undefined ? 'none of the rates' : `${bareBest} req/s`}`);
  } finally {
    await Promise.all(targets.map((target) => target.close()));
    for (const server of [...servers].reverse()) await server.stop('SIGTERM');
  }

  if (profileDirectory !== undefined) {
    const files = (await readdir(profileDirectory)).filter((file) => file.endsWith('.cpuprofile'));
    for (const file of files) {
      const summary = await summarizeCpuProfile(join(profileDirectory, file));
      say();
      say(`service CPU profile: ${summary.totalMs.toFixed(0)} ms sampled, ${(summary.idleShare * 100).toFixed(0)}% idle; busy time by area (self time):`);
      for (const area of summary.areas) say(`  ${(area.share * 100).toFixed(1).padStart(5)}%  ${area.name}`);
      say('hottest functions (share of busy time, self):');
      for (const entry of summary.functions) say(`  ${(entry.share * 100).toFixed(1).padStart(5)}%  ${entry.name}`);
    }
    await rm(profileDirectory, { recursive: true, force: true });
  }
}

let options: BenchOptions;
try {
  options = parseBenchOptions(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof StackUsageError)) throw error;
  process.stderr.write(`bench:service: ${error.message}\n${BENCH_USAGE}\n`);
  process.exit(2);
}
if (options.help) {
  say(BENCH_USAGE);
} else {
  try {
    await run(options);
  } catch (error) {
    const usage = error instanceof StackUsageError;
    process.stderr.write(`bench:service: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = usage ? 2 : 1;
  }
}
