/**
 * Time to verdict of `npvguard check --base HEAD~1 --format json` on evaluation cases, as `npm run eval` measures
 * it (the bin's wall time in a child process), with each check's own time and its base run. Run with
 * `npm run bench:check` (after `npm run build`):
 *
 *   --case <id>   a case of examples/agent-changes (repeatable; default: one benign and one latency case)
 *   --runs <n>    runs per case (default 5)
 *   --bin <file>  the npvguard bin to time (default this repository's; another build to compare with)
 *   --json <file> also write every run as JSON ({ cases: [{ id, runs }] }), for a script that compares
 *
 * CPU time and peak memory come from /usr/bin/time when it exists. "Other load" is the CPU the machine spent
 * outside the bench during the run, in cores: read it before the times on a shared machine.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadCases } from '../../examples/agent-changes/runner/cases.js';
import { applyPatch, commitAll, copyTemplate, createTemplate, removeTree, REPO_ROOT, SERVICE_PATH } from '../../examples/agent-changes/runner/workspace.js';

const DEFAULT_BIN = path.join(REPO_ROOT, 'packages', 'cli', 'bin', 'npvguard.js');
const TIME = '/usr/bin/time';
const DEFAULT_CASES = ['benign-rename-gather-locals', 'latency-await-exposure-log'];

interface CheckEntry {
  id: string;
  status: string;
  durationMs: number;
  data?: { base?: { status: string; durationMs?: number; files?: string[]; reason?: string } };
}

interface Run {
  exitCode: number;
  wallS: number;
  cpuS?: number;
  rssMiB?: number;
  otherCores: number;
  checks: CheckEntry[];
}

/** Busy and total CPU time of the whole machine so far, in seconds. */
function machineTimes(): { busy: number; total: number } {
  let busy = 0;
  let total = 0;
  for (const cpu of os.cpus()) {
    const { user, nice, sys, idle, irq } = cpu.times;
    busy += (user + nice + sys + irq) / 1000;
    total += (user + nice + sys + idle + irq) / 1000;
  }
  return { busy, total };
}

function runOnce(bin: string, cwd: string): Promise<Run> {
  const statsFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'npvguard-bench-check-')), 'time');
  const timed = existsSync(TIME);
  const [command, args] = timed
    ? [TIME, ['-o', statsFile, '-f', '%e %U %S %M', process.execPath, bin, 'check', '--base', 'HEAD~1', '--format', 'json']]
    : [process.execPath, [bin, 'check', '--base', 'HEAD~1', '--format', 'json']];
  const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, NPVGUARD_DEBUG: undefined };
  const before = machineTimes();
  const started = performance.now();
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env, maxBuffer: 256 * 1024 * 1024 }, (error, stdout) => {
      const wallS = (performance.now() - started) / 1000;
      const after = machineTimes();
      const exitCode = error === null ? 0 : typeof error.code === 'number' ? error.code : 2;
      const result = JSON.parse(stdout) as { checks: CheckEntry[] };
      let cpuS: number | undefined;
      let rssMiB: number | undefined;
      if (timed) {
        const [, user = '0', system = '0', rssKiB = '0'] = readFileSync(statsFile, 'utf8').trim().split('\n').at(-1)?.split(' ') ?? [];
        cpuS = Number(user) + Number(system);
        rssMiB = Number(rssKiB) / 1024;
      }
      rmSync(path.dirname(statsFile), { recursive: true, force: true });
      const otherCores = Math.max(0, (after.busy - before.busy - (cpuS ?? 0)) / wallS);
      resolve({ exitCode, wallS, ...(cpuS === undefined ? {} : { cpuS }), ...(rssMiB === undefined ? {} : { rssMiB }), otherCores, checks: result.checks.filter((check) => check.status !== 'skipped') });
    });
  });
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

const seconds = (value: number): string => value.toFixed(2);

function report(id: string, runs: readonly Run[]): string {
  const walls = runs.map((run) => run.wallS);
  const lines = [
    `## ${id} (${runs.length} runs, exit ${[...new Set(runs.map((run) => run.exitCode))].join('/')})`,
    '',
    `wall: median ${seconds(median(walls))} s (min ${seconds(Math.min(...walls))}, max ${seconds(Math.max(...walls))}); other load median ${median(runs.map((run) => run.otherCores)).toFixed(2)} cores`,
  ];
  const cpu = runs.flatMap((run) => (run.cpuS === undefined ? [] : [run.cpuS]));
  const rss = runs.flatMap((run) => (run.rssMiB === undefined ? [] : [run.rssMiB]));
  if (cpu.length > 0) lines.push(`CPU (user + sys): median ${seconds(median(cpu))} s; peak RSS median ${Math.round(median(rss))} MiB`);
  lines.push('', '| check | head s (median) | base | base s (median) |', '| --- | ---: | --- | ---: |');
  for (const check of runs[0]?.checks ?? []) {
    const entries = runs.flatMap((run) => run.checks.filter((entry) => entry.id === check.id));
    const bases = entries.flatMap((entry) => (entry.data?.base === undefined ? [] : [entry.data.base]));
    const statuses = [...new Set(bases.map((base) => (base.files === undefined ? base.status : `${base.status} (${base.files.length} files)`)))].join(', ');
    const baseTimes = bases.flatMap((base) => (base.durationMs === undefined ? [] : [base.durationMs / 1000]));
    lines.push(`| ${check.id} | ${seconds(median(entries.map((entry) => entry.durationMs / 1000)))} | ${statuses || '-'} | ${baseTimes.length === 0 ? '-' : seconds(median(baseTimes))} |`);
  }
  return `${lines.join('\n')}\n`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { case: { type: 'string', multiple: true }, runs: { type: 'string', default: '5' }, bin: { type: 'string', default: DEFAULT_BIN }, json: { type: 'string' } },
    strict: true,
  });
  const bin = path.resolve(values.bin);
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer, not ${values.runs}`);
  const ids = values.case ?? DEFAULT_CASES;
  const catalogue = loadCases(path.join(REPO_ROOT, 'examples', 'agent-changes'));
  process.stdout.write(`# npvguard check --base HEAD~1 — ${path.relative(process.cwd(), bin) || bin}, ${os.availableParallelism()} cores, Node ${process.versions.node}\n\n`);
  const template = await createTemplate();
  const recorded: Array<{ id: string; runs: Run[] }> = [];
  try {
    for (const id of ids) {
      const agentCase = catalogue.cases.find((candidate) => candidate.id === id);
      if (agentCase === undefined) throw new Error(`unknown case ${id}`);
      const top = copyTemplate(template, id);
      try {
        await applyPatch(top, agentCase.patchFile);
        await commitAll(top, `${agentCase.kind}: ${id}`);
        const measured: Run[] = [];
        for (let index = 0; index < runs; index += 1) {
          const run = await runOnce(bin, path.join(top, SERVICE_PATH));
          process.stderr.write(`${id} run ${index + 1}/${runs}: ${seconds(run.wallS)} s, other load ${run.otherCores.toFixed(2)} cores\n`);
          measured.push(run);
        }
        process.stdout.write(`${report(id, measured)}\n`);
        recorded.push({ id, runs: measured });
      } finally {
        removeTree(top);
      }
    }
  } finally {
    removeTree(template);
  }
  if (values.json !== undefined) writeFileSync(values.json, `${JSON.stringify({ bin, cases: recorded }, null, 2)}\n`);
}

await main();
