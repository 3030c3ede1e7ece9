import type { EventRecord } from '../../core/records.js';
import type { EventSink, EventSinkObserver } from './eventSink.js';
import { silentEventSinkObserver } from './eventSink.js';

/** Keeps events in memory, for tests and for `NPV_EVENTS_PATH=memory`. */
export class MemoryEventSink implements EventSink {
  private readonly stored: EventRecord[] = [];
  private closed = false;
  private readonly observer: EventSinkObserver;

  constructor(observer: EventSinkObserver = silentEventSinkObserver) {
    this.observer = observer;
  }

  emit(event: EventRecord): void {
    if (this.closed) {
      this.observer.dropped(event.type, 'closed', 1);
      return;
    }
    this.stored.push(event);
    this.observer.emitted(event.type);
  }

  events(): readonly EventRecord[] {
    return this.stored;
  }

  flush(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }
}
