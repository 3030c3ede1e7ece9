import { mkdir, open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { EventRecord } from '../../core/records.js';
import type { EventSink, EventSinkObserver } from './eventSink.js';
import { silentEventSinkObserver } from './eventSink.js';

export interface NdjsonEventSinkOptions {
  readonly path: string;
  /** Buffered events are written at least this often. */
  readonly flushIntervalMs?: number;
  /** A write starts as soon as this many events wait. */
  readonly flushBatchSize?: number;
  /** Beyond this many unwritten events, new ones are dropped (and counted) instead of growing memory. */
  readonly maxPending?: number;
  readonly observer?: EventSinkObserver;
}

interface PendingLine {
  readonly type: string;
  readonly line: string;
}

/**
 * Appends events to a newline-delimited JSON file. `emit` only buffers; writes happen in the background,
 * one at a time, in emit order. `close` writes everything still buffered, so no event is lost on a
 * graceful shutdown.
 */
export class NdjsonEventSink implements EventSink {
  private pending: PendingLine[] = [];
  private writing: Promise<void> = Promise.resolve();
  private file: Promise<FileHandle> | undefined;
  private closed = false;
  private readonly timer: NodeJS.Timeout;
  private readonly options: Required<Omit<NdjsonEventSinkOptions, 'observer'>>;
  private readonly observer: EventSinkObserver;

  constructor(options: NdjsonEventSinkOptions) {
    this.options = {
      path: options.path,
      flushIntervalMs: options.flushIntervalMs ?? 100,
      flushBatchSize: options.flushBatchSize ?? 256,
      maxPending: options.maxPending ?? 100_000,
    };
    this.observer = options.observer ?? silentEventSinkObserver;
    this.timer = setInterval(() => void this.flush(), this.options.flushIntervalMs);
    this.timer.unref();
  }

  emit(event: EventRecord): void {
    if (this.closed) {
      this.observer.dropped(event.type, 'closed', 1);
      return;
    }
    if (this.pending.length >= this.options.maxPending) {
      this.observer.dropped(event.type, 'buffer_full', 1);
      return;
    }
    let line: string;
    try {
      line = `${JSON.stringify(event)}\n`;
    } catch {
      this.observer.dropped(event.type, 'unserialisable', 1);
      return;
    }
    this.pending.push({ type: event.type, line });
    this.observer.emitted(event.type);
    if (this.pending.length >= this.options.flushBatchSize) {
      void this.flush();
    }
  }

  flush(): Promise<void> {
    const batch = this.pending;
    if (batch.length > 0) {
      this.pending = [];
      this.writing = this.writing.then(() => this.write(batch));
    }
    return this.writing;
  }

  async close(): Promise<void> {
    if (this.closed) {
      return this.writing;
    }
    this.closed = true;
    clearInterval(this.timer);
    await this.flush();
    if (this.file !== undefined) {
      const handle = await this.file.catch(() => undefined);
      await handle?.close();
    }
  }

  private openFile(): Promise<FileHandle> {
    this.file ??= mkdir(dirname(this.options.path), { recursive: true }).then(() => open(this.options.path, 'a'));
    return this.file;
  }

  private async write(batch: readonly PendingLine[]): Promise<void> {
    try {
      const handle = await this.openFile();
      await handle.appendFile(batch.map((entry) => entry.line).join(''));
    } catch (error) {
      // Reopen on the next batch instead of failing forever on a broken handle.
      const broken = this.file;
      this.file = undefined;
      void broken?.then((handle) => handle.close()).catch(() => undefined);
      this.observer.failed(error);
      const perType = new Map<string, number>();
      for (const entry of batch) {
        perType.set(entry.type, (perType.get(entry.type) ?? 0) + 1);
      }
      for (const [type, count] of perType) {
        this.observer.dropped(type, 'write_failed', count);
      }
    }
  }
}
