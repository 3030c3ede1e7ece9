import type { EventSinkPort } from '../../core/ports.js';

/** An event sink the app owns: components only emit, the app flushes and closes it on shutdown. */
export interface EventSink extends EventSinkPort {
  /** Resolves once every event emitted so far is stored. */
  flush(): Promise<void>;
  /** Flushes, then releases the sink; later events are dropped and counted. */
  close(): Promise<void>;
}

export type EventDropReason = 'closed' | 'buffer_full' | 'unserialisable' | 'write_failed';

export interface EventSinkObserver {
  emitted(type: string): void;
  dropped(type: string, reason: EventDropReason, count: number): void;
  /** A storage failure the sink survived; the app decides how to report it. */
  failed(error: unknown): void;
}

export const silentEventSinkObserver: EventSinkObserver = {
  emitted: () => undefined,
  dropped: () => undefined,
  failed: () => undefined,
};
