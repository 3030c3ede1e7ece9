// One npvguard boundaries run in a fresh process, for the bench: `node npvguardChild.mjs <job.json>`.
// Plain JavaScript on purpose: the measured process loads only npvguard's built code, no TypeScript loader.
import fs from 'node:fs';
import process from 'node:process';
import { performance } from 'node:perf_hooks';

const job = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const started = performance.now();
const { analyzeBoundaries } = await import(job.module);
const loaded = performance.now();
const analysis = await analyzeBoundaries({
  root: job.root,
  files: job.files,
  config: job.config,
  cache: { directory: job.cacheDirectory },
  ...(job.workers === undefined ? {} : { workers: job.workers }),
});
const finished = performance.now();
if (job.edgesFile) fs.writeFileSync(job.edgesFile, JSON.stringify(analysis.edges.map((edge) => [edge.from, edge.to])));
const byRule = {};
for (const finding of analysis.findings) byRule[finding.ruleId] = (byRule[finding.ruleId] ?? 0) + 1;
process.stdout.write(
  JSON.stringify({
    loadMs: loaded - started,
    analysisMs: finished - loaded,
    maxRssKb: process.resourceUsage().maxRSS,
    cpuMs: (process.cpuUsage().user + process.cpuUsage().system) / 1000,
    stats: analysis.stats,
    findings: byRule,
  }),
);
