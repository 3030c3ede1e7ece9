/**
 * `npm run bench:contracts [-- --rounds 5 --runs 100 --wall-runs 10 --mutations 1000]` (after `npm run build`)
 *
 * On the reference service: how long building the app and extracting its OpenAPI document takes (first
 * round includes loading the TypeScript sources through jiti), how long the semantic diff of the snapshot
 * against a changed copy takes (with witness search), and how many requests per second the contract
 * property tests push through `inject`.
 *
 * Then `npvguard contracts diff` as a user runs it: the wall time of the built CLI in a child process on a small,
 * a split-over-files and a large (200 operations) pair of documents, less the start-up of `node -e ''`, against
 * the 0.3 s target; and the diff on mutated documents (read, resolve, validate, diff): how many runs end in
 * changes, in each coded error, and in an internal error (there must be none).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fc, runContractProperties } from '@npvguard/harness/contracts';
import { buildContractApp } from '../../packages/cli/src/checks/contracts/load/buildApp.js';
import { createModuleLoader } from '../../packages/cli/src/checks/contracts/load/moduleExport.js';
import { diffDocuments } from '../../packages/cli/src/checks/contracts/diff/diffDocuments.js';
import { mutationCaseArbitrary, runMutationCase, type Outcome } from '../../packages/cli/tests/contracts/specMutations.js';
import { writeDocumentPairs } from './diffDocuments.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const service = path.resolve(here, '..', '..', 'examples', 'npv-ranking-service');

function option(flag: string, fallback: number): number {
  const index = process.argv.indexOf(flag);
  const value = index === -1 ? undefined : Number(process.argv[index + 1]);
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

const rounds = option('--rounds', 5);
const runs = option('--runs', 100);
const config = { app: './src/server/app.ts#buildApp', appOptions: { config: { logLevel: 'silent' } } };

const extraction: number[] = [];
let document: Record<string, unknown> = {};
const modules = createModuleLoader(service);
for (let round = 0; round < rounds; round += 1) {
  const started = performance.now();
  const handle = await buildContractApp(modules, config, 'bench');
  extraction.push(performance.now() - started);
  document = handle.extraction.document;
  await handle.app.close();
}

const snapshot = JSON.parse(readFileSync(path.join(service, 'contracts', 'openapi.json'), 'utf8')) as Record<string, unknown>;
const changed = structuredClone(snapshot) as { paths: Record<string, Record<string, { requestBody: { content: Record<string, { schema: { properties: Record<string, Record<string, unknown>> } }> } }>> };
const body = changed.paths['/v1/npv/cards']?.['post']?.requestBody.content['application/json']?.schema;
if (body?.properties['limit'] !== undefined) body.properties['limit']['maximum'] = 30;
const diffTimes: number[] = [];
const identicalTimes: number[] = [];
let found = 0;
for (let round = 0; round < rounds; round += 1) {
  let started = performance.now();
  found = diffDocuments(snapshot, changed).length;
  diffTimes.push(performance.now() - started);
  started = performance.now();
  diffDocuments(snapshot, document);
  identicalTimes.push(performance.now() - started);
}

const handle = await buildContractApp(modules, config, 'bench');
modules.close();
const throughput: number[] = [];
let requests = 0;
for (let round = 0; round < rounds; round += 1) {
  const started = performance.now();
  const outcomes = await runContractProperties(handle.app, handle.extraction.document, { numRuns: runs, seed: round + 1, baseDocument: snapshot });
  const seconds = (performance.now() - started) / 1000;
  requests = outcomes.reduce((sum, outcome) => sum + outcome.requests, 0);
  throughput.push(requests / seconds);
}
await handle.app.close();

const format = (values: readonly number[]): string => `median ${median(values).toFixed(1)} (min ${Math.min(...values).toFixed(1)}, max ${Math.max(...values).toFixed(1)})`;
console.log(`contracts bench on examples/npv-ranking-service, ${rounds} rounds`);
console.log(`  build app + extract OpenAPI, ms:       first ${extraction[0]?.toFixed(1)}; ${format(extraction.slice(1).length > 0 ? extraction.slice(1) : extraction)}`);
console.log(`  semantic diff, snapshot vs itself, ms: ${format(identicalTimes)}`);
console.log(`  semantic diff, limit 50→30 (${found} change, witness search), ms: ${format(diffTimes)}`);
console.log(`  property tests through inject, ${runs} runs/property, ${requests} requests/round, requests/s: ${format(throughput)}`);

// `contracts diff` as a child process, start-up of node itself taken off.
const cli = path.resolve(here, '..', '..', 'packages', 'cli', 'bin', 'npvguard.js');
const wallRuns = option('--wall-runs', 10);
const TARGET_MS = 300;
const folder = mkdtempSync(path.join(tmpdir(), 'npvguard-bench-contracts-'));
const wallTime = (args: readonly string[]): number => {
  const started = performance.now();
  try {
    execFileSync(process.execPath, args, { cwd: folder, stdio: 'ignore' });
  } catch (error) {
    // Exit code 1 is a breaking change found; anything else is a failure of the bench.
    if ((error as { status?: number }).status !== 1) throw error;
  }
  return performance.now() - started;
};
try {
  const pairs = writeDocumentPairs(folder);
  const startup = median(Array.from({ length: wallRuns }, () => wallTime(['-e', ''])));
  console.log(`contracts diff, built CLI in a child process, median of ${wallRuns} runs, less node start-up (${startup.toFixed(0)} ms):`);
  for (const pair of pairs) {
    const times = Array.from({ length: wallRuns }, () => wallTime([cli, 'contracts', 'diff', pair.old, pair.new]));
    const beyond = median(times) - startup;
    console.log(`  ${pair.name.padEnd(38)} ${beyond.toFixed(0).padStart(5)} ms  (${(beyond / TARGET_MS).toFixed(2)} × the ${TARGET_MS} ms target; min ${(Math.min(...times) - startup).toFixed(0)} ms)`);
  }
} finally {
  rmSync(folder, { recursive: true, force: true });
}

// Mutated documents through read, resolve, validate and diff: never an internal error.
const mutationRuns = option('--mutations', 1000);
const counts = new Map<string, number>();
const internal: Array<{ testCase: unknown; outcome: Outcome }> = [];
const mutationStarted = performance.now();
for (const testCase of fc.sample(mutationCaseArbitrary, { numRuns: mutationRuns, seed: 1 })) {
  const outcome = await runMutationCase(testCase);
  const key = outcome.kind === 'coded' ? outcome.code : outcome.kind;
  counts.set(key, (counts.get(key) ?? 0) + 1);
  if (outcome.kind === 'internal') internal.push({ testCase, outcome });
}
const count = (key: string) => counts.get(key) ?? 0;
const coded = [...counts].filter(([key]) => key.startsWith('NPV')).sort(([left], [right]) => left.localeCompare(right));
console.log(`mutated documents, ${mutationRuns} runs in ${((performance.now() - mutationStarted) / 1000).toFixed(1)} s:`);
console.log(`  a list of changes: ${count('result')}; coded errors: ${coded.map(([code, n]) => `${code} ${n}`).join(', ')}; internal errors: ${count('internal')}`);
for (const { testCase, outcome } of internal.slice(0, 5)) {
  console.log(`  internal: ${JSON.stringify(testCase)}\n    ${outcome.kind === 'internal' && outcome.error instanceof Error ? (outcome.error.stack ?? outcome.error.message) : String(outcome)}`);
}
if (count('internal') > 0) process.exitCode = 1;
