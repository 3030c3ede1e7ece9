import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryEventSink } from '../src/clients/events/memoryEventSink.js';
import { NdjsonEventSink } from '../src/clients/events/ndjsonEventSink.js';
import type { EventSinkObserver } from '../src/clients/events/eventSink.js';
import type { EventRecord } from '../src/core/records.js';

let directory: string;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'npv-sinks-'));
});

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

function event(index: number, type = 'npv_exposure'): EventRecord {
  return { type, requestId: `request-${index}`, timestampMs: index, payload: { index } };
}

function recordingObserver() {
  const record = { emitted: 0, dropped: [] as string[], failures: 0 };
  const observer: EventSinkObserver = {
    emitted: () => void (record.emitted += 1),
    dropped: (type, reason, count) => void record.dropped.push(`${type}:${reason}:${count}`),
    failed: () => void (record.failures += 1),
  };
  return { record, observer };
}

async function readLines(path: string): Promise<EventRecord[]> {
  return (await readFile(path, 'utf8'))
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as EventRecord);
}

describe('NdjsonEventSink', () => {
  it('writes every event, in emit order, by the time close resolves', async () => {
    const path = join(directory, 'ordered.ndjson');
    const sink = new NdjsonEventSink({ path, flushBatchSize: 7, flushIntervalMs: 60_000 });
    for (let index = 0; index < 100; index += 1) {
      sink.emit(event(index));
    }
    await sink.close();

    expect((await readLines(path)).map((written) => written.requestId)).toEqual(Array.from({ length: 100 }, (_, index) => `request-${index}`));
  });

  it('flush() makes everything emitted so far durable', async () => {
    const path = join(directory, 'flushed.ndjson');
    const sink = new NdjsonEventSink({ path, flushIntervalMs: 60_000 });
    sink.emit(event(1));
    sink.emit(event(2));
    await sink.flush();

    expect(await readLines(path)).toHaveLength(2);
    await sink.close();
  });

  it('counts events emitted after close as dropped instead of losing them silently', async () => {
    const { record, observer } = recordingObserver();
    const sink = new NdjsonEventSink({ path: join(directory, 'closed.ndjson'), observer });
    sink.emit(event(1));
    await sink.close();
    sink.emit(event(2, 'npv_served'));

    expect(record.emitted).toBe(1);
    expect(record.dropped).toEqual(['npv_served:closed:1']);
  });

  it('drops and counts beyond the pending limit rather than growing without bound', async () => {
    const { record, observer } = recordingObserver();
    const sink = new NdjsonEventSink({ path: join(directory, 'bounded.ndjson'), maxPending: 3, flushBatchSize: 100, flushIntervalMs: 60_000, observer });
    for (let index = 0; index < 5; index += 1) {
      sink.emit(event(index));
    }
    await sink.close();

    expect(record.emitted).toBe(3);
    expect(record.dropped).toEqual(['npv_exposure:buffer_full:1', 'npv_exposure:buffer_full:1']);
  });

  it('reports a write failure and counts the lost batch', async () => {
    const blocker = join(directory, 'not-a-directory');
    await writeFile(blocker, 'a file where a directory should be');
    const { record, observer } = recordingObserver();
    const sink = new NdjsonEventSink({ path: join(blocker, 'events.ndjson'), observer });
    sink.emit(event(1));
    sink.emit(event(2, 'npv_served'));
    await sink.close();

    expect(record.failures).toBe(1);
    expect(record.dropped.sort()).toEqual(['npv_exposure:write_failed:1', 'npv_served:write_failed:1']);
  });

  it('never throws from emit, even for an unserialisable payload', async () => {
    const { record, observer } = recordingObserver();
    const sink = new NdjsonEventSink({ path: join(directory, 'bigint.ndjson'), observer });

    expect(() => sink.emit({ ...event(1), payload: { big: 1n } })).not.toThrow();
    await sink.close();
    expect(record.dropped).toEqual(['npv_exposure:unserialisable:1']);
  });
});

describe('MemoryEventSink', () => {
  it('keeps events until closed, then counts later ones as dropped', async () => {
    const { record, observer } = recordingObserver();
    const sink = new MemoryEventSink(observer);
    sink.emit(event(1));
    await sink.close();
    sink.emit(event(2));

    expect(sink.events()).toEqual([event(1)]);
    expect(record.dropped).toEqual(['npv_exposure:closed:1']);
  });
});
