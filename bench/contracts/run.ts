/**
 * `npm run bench:contracts [-- --rounds 5 --runs 100]`
 *
 * On the reference service: how long building the app and extracting its OpenAPI document takes (first
 * round includes loading the TypeScript sources through jiti), how long the semantic diff of the snapshot
 * against a changed copy takes (with witness search), and how many requests per second the contract
 * property tests push through `inject`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runContractProperties } from '@npvguard/harness/contracts';
import { buildContractApp } from '../../packages/cli/src/checks/contracts/load/buildApp.js';
import { diffDocuments } from '../../packages/cli/src/checks/contracts/diff/diffDocuments.js';

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
for (let round = 0; round < rounds; round += 1) {
  const started = performance.now();
  const handle = await buildContractApp(service, config, 'bench');
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

const handle = await buildContractApp(service, config, 'bench');
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
