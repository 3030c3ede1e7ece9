/**
 * Latency of POST /v1/npv/cards through fastify.inject with the real pipeline, catalog and feature store
 * and a stand-in model port, so the figures are the service's own cost. Prints percentiles; asserts
 * nothing.
 *
 *   npm run bench:inject -w @npvguard-examples/npv-ranking-service -- [--requests 3000] [--model-latency-ms 0]
 */
import { parseArgs } from 'node:util';
import { MemoryEventSink } from '../src/clients/events/memoryEventSink.js';
import type { ModelScorerPort } from '../src/core/ports.js';
import { buildApp } from '../src/server/app.js';

const { values } = parseArgs({ options: { requests: { type: 'string' }, 'model-latency-ms': { type: 'string' } } });
const requests = Number(values.requests ?? 3_000);
const modelLatencyMs = Number(values['model-latency-ms'] ?? 0);
if (!Number.isSafeInteger(requests) || requests < 1 || !(modelLatencyMs >= 0)) {
  process.stderr.write('--requests must be a positive integer and --model-latency-ms a number >= 0\n');
  process.exit(2);
}

// A zero-latency stand-in answers at once: setTimeout(0) would add about a millisecond of its own.
const model: ModelScorerPort = {
  score: (rows) =>
    modelLatencyMs === 0
      ? Promise.resolve(rows.map((row) => row.preScore))
      : new Promise((resolve) => setTimeout(() => resolve(rows.map((row) => row.preScore)), modelLatencyMs)),
};
const app = buildApp({
  config: { logLevel: 'silent', modelTimeoutMs: 1_000, requestBudgetMs: 2_000 },
  modelScorer: model,
  modelMetadata: { metadata: () => Promise.resolve({ statusCode: 503, body: undefined }) },
  eventSink: new MemoryEventSink(),
});
await app.ready();

const body = (index: number) => ({
  listenerId: `listener-${index % 500}`,
  trackId: `trk-${String((index * 7919) % 24_000).padStart(5, '0')}`,
  market: 'SE',
  platform: 'ios',
});

for (let index = 0; index < 300; index += 1) {
  await app.inject({ method: 'POST', url: '/v1/npv/cards', payload: body(index) });
}

const latenciesMs: number[] = [];
const startedAt = performance.now();
for (let index = 0; index < requests; index += 1) {
  const sentAt = performance.now();
  const response = await app.inject({ method: 'POST', url: '/v1/npv/cards', payload: body(index) });
  latenciesMs.push(performance.now() - sentAt);
  if (response.statusCode !== 200) {
    process.stderr.write(`request ${index} answered ${response.statusCode}: ${response.body}\n`);
    process.exit(1);
  }
}
const totalMs = performance.now() - startedAt;
await app.close();

latenciesMs.sort((a, b) => a - b);
const percentile = (share: number) => latenciesMs[Math.min(latenciesMs.length - 1, Math.floor(share * latenciesMs.length))] ?? Number.NaN;
process.stdout.write(
  [
    `requests     ${requests} sequential, model stand-in latency ${modelLatencyMs} ms`,
    `throughput   ${((requests / totalMs) * 1_000).toFixed(0)} req/s`,
    `p50          ${percentile(0.5).toFixed(2)} ms`,
    `p90          ${percentile(0.9).toFixed(2)} ms`,
    `p99          ${percentile(0.99).toFixed(2)} ms`,
    `max          ${(latenciesMs.at(-1) ?? Number.NaN).toFixed(2)} ms`,
    '',
  ].join('\n'),
);
