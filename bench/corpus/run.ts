/**
 * `npm run bench:corpus [-- --every N]`
 *
 * Runs the latency analysis, the recommended eslint-plugin-npvguard rules and the boundaries import extraction
 * over every TypeScript file of the repository's node_modules (or every N-th), and prints the counts and every
 * internal error. Exits 1 when a tool threw. `npm test` runs a sample of the same corpus
 * (packages/cli/tests/latency/corpus.test.ts).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpusFiles, runCorpus, sample } from './corpus.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const nodeModules = path.join(repo, 'node_modules');
const everyIndex = process.argv.indexOf('--every');
const every = everyIndex < 0 ? 1 : Math.max(1, Number(process.argv[everyIndex + 1]) || 1);

const all = corpusFiles(nodeModules);
const files = sample(all, every);
const started = performance.now();
const report = await runCorpus(
  nodeModules,
  files,
  (done, current) => {
    process.stderr.write(`\r${done}/${files.length} files, ${current.errors.length} errors`);
  },
  (first) => {
    process.stderr.write(`\r(batch from ${first})\u001b[K`);
  },
);
process.stderr.write('\n');
const seconds = Math.round((performance.now() - started) / 100) / 10;
console.log(`corpus: ${report.files} of ${all.length} TypeScript files in node_modules (every ${every}), ${seconds} s`);
console.log(`latency: ${report.functions} functions evaluated, ${report.routes} routes found, ${report.latencyFindings} findings`);
console.log(`eslint (recommended): ${report.eslintMessages} npvguard reports, ${report.unparsed} files the parser could not read`);
console.log(`boundaries: ${report.imports} imports extracted`);
console.log(`internal errors: ${report.errors.length}`);
for (const error of report.errors) console.log(`- [${error.tool}] ${error.file}: ${error.error}`);
process.exitCode = report.errors.length === 0 ? 0 : 1;
