import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryEventSink } from '../src/clients/events/memoryEventSink.js';
import { buildApp } from '../src/server/app.js';
import type { NpvApp } from '../src/server/app.js';
import { startModelServer } from './support/modelServer.js';
import type { RunningModelServer } from './support/modelServer.js';
import { CARDS_URL, validBody } from './support/requests.js';

const TRACKS = ['trk-00001', 'trk-00042', 'trk-99999', 'trk-00300', 'trk-00777'];

let model: RunningModelServer;
let directory: string;

beforeAll(async () => {
  model = await startModelServer();
  directory = await mkdtemp(join(tmpdir(), 'npv-events-'));
});

afterAll(async () => {
  await model.close();
  await rm(directory, { recursive: true, force: true });
});

/** A mix of answered, unknown-track and invalid requests, sent concurrently; returns the count of 200s. */
async function sendMixedRequests(app: NpvApp, count: number): Promise<number> {
  const responses = await Promise.all(
    Array.from({ length: count }, (_, index) =>
      app.inject({
        method: 'POST',
        url: CARDS_URL,
        payload:
          index % 7 === 6
            ? { ...validBody(), limit: 0 }
            : validBody({ listenerId: `listener-${index}`, trackId: TRACKS[index % TRACKS.length] as string }),
      }),
    ),
  );
  return responses.filter((response) => response.statusCode === 200).length;
}

describe('events: one exposure and one served event per 200 response', () => {
  it('in memory', async () => {
    const eventSink = new MemoryEventSink();
    const app = buildApp({ config: { modelUrl: model.url, logLevel: 'silent', modelTimeoutMs: 2_000, requestBudgetMs: 5_000 }, eventSink });
    const answered = await sendMixedRequests(app, 40);
    await app.close();
    const types = eventSink.events().map((event) => event.type);

    expect(answered).toBeGreaterThan(20);
    expect(answered).toBeLessThan(40);
    expect(types.filter((type) => type === 'npv_exposure')).toHaveLength(answered);
    expect(types.filter((type) => type === 'npv_served')).toHaveLength(answered);
  });

  it('in an NDJSON file, all written by the time close resolves', async () => {
    const path = join(directory, 'nested', 'events.ndjson');
    const app = buildApp({
      config: { modelUrl: model.url, logLevel: 'silent', modelTimeoutMs: 2_000, requestBudgetMs: 5_000, events: { kind: 'file', path } },
    });
    const answered = await sendMixedRequests(app, 60);
    await app.close();
    const lines = (await readFile(path, 'utf8')).split('\n').filter((line) => line !== '');
    const events = lines.map((line) => JSON.parse(line) as { type: string; requestId: string; payload: Record<string, unknown> });

    expect(events.filter((event) => event.type === 'npv_exposure')).toHaveLength(answered);
    expect(events.filter((event) => event.type === 'npv_served')).toHaveLength(answered);
    expect(new Set(events.map((event) => event.requestId)).size).toBe(answered);
  });

  it('appends to an existing file across restarts', async () => {
    const path = join(directory, 'appended.ndjson');
    const config = { modelUrl: model.url, logLevel: 'silent', modelTimeoutMs: 2_000, requestBudgetMs: 5_000, events: { kind: 'file', path } } as const;
    let answered = 0;
    for (let run = 0; run < 2; run += 1) {
      const app = buildApp({ config });
      answered += await sendMixedRequests(app, 10);
      await app.close();
    }
    const lines = (await readFile(path, 'utf8')).split('\n').filter((line) => line !== '');

    expect(lines.filter((line) => line.includes('"type":"npv_exposure"'))).toHaveLength(answered);
  });

  it('puts the listener pseudonym in events, never the raw id', async () => {
    const eventSink = new MemoryEventSink();
    const app = buildApp({ config: { modelUrl: model.url, logLevel: 'silent' }, eventSink });
    await app.inject({ method: 'POST', url: CARDS_URL, payload: validBody({ listenerId: 'listener-raw-id-7781' }) });
    await app.close();
    const serialised = JSON.stringify(eventSink.events());

    expect(eventSink.events()).toHaveLength(2);
    expect(serialised).not.toContain('listener-raw-id-7781');
    expect(eventSink.events()[0]?.payload['listener']).toMatch(/^lp_[0-9a-f]{16}$/);
  });
});
