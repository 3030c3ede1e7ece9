import { Worker } from 'node:worker_threads';
import type { CheckJob, CheckReply } from './messages.js';

export type PoolJob = Omit<CheckJob, 'id'>;

/** Worker threads that run checks; each runs one job at a time, and at most `size` exist at once. */
export interface WorkerPool {
  /**
   * Queues a job; `onStart` is called when a worker takes it. Rejects when the worker itself dies, or when `signal`
   * aborts: a queued job is dropped, a running one has its worker stopped (a check may be deep in synchronous work).
   */
  run(job: PoolJob, onStart: () => void, signal?: AbortSignal): Promise<CheckReply>;
  /** Stops every worker; jobs still queued or running are rejected. */
  close(): Promise<void>;
}

interface Pending {
  job: CheckJob;
  onStart: () => void;
  resolve: (reply: CheckReply) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  /** Checks this worker has run: a job for the same check goes to it first, its analyser already loaded. */
  checks: Set<string>;
  current: Pending | undefined;
}

/** A worker that stopped without answering (crashed, ran out of memory): the check it ran could not run. */
function workerDied(job: CheckJob, cause: string): Error {
  return new Error(`the worker thread running the ${job.check} check stopped: ${cause}`);
}

export function createWorkerPool(script: URL, size: number): WorkerPool {
  const slots: Slot[] = [];
  const queue: Pending[] = [];
  let nextId = 1;
  let closing = false;

  function release(slot: Slot): Pending | undefined {
    const pending = slot.current;
    slot.current = undefined;
    return pending;
  }

  function remove(slot: Slot, cause: string): void {
    const index = slots.indexOf(slot);
    if (index !== -1) slots.splice(index, 1);
    const pending = release(slot);
    if (pending !== undefined) pending.reject(workerDied(pending.job, cause));
    dispatch();
  }

  function spawn(): Slot {
    const slot: Slot = { worker: new Worker(script), checks: new Set(), current: undefined };
    slot.worker.on('message', (reply: CheckReply) => {
      const pending = release(slot);
      pending?.resolve(reply);
      dispatch();
    });
    slot.worker.on('error', (error) => remove(slot, error.message));
    slot.worker.on('exit', (code) => {
      if (!closing) remove(slot, `exit code ${code}`);
    });
    slots.push(slot);
    return slot;
  }

  /** A cancelled job: out of the queue, or its worker stopped and replaced on demand. */
  function abort(pending: Pending): void {
    const queued = queue.indexOf(pending);
    if (queued !== -1) {
      queue.splice(queued, 1);
      pending.reject(new Error('the run was cancelled'));
      return;
    }
    const slot = slots.find((candidate) => candidate.current === pending);
    if (slot === undefined) return;
    slot.current = undefined;
    slots.splice(slots.indexOf(slot), 1);
    pending.reject(new Error('the run was cancelled'));
    void slot.worker.terminate();
    dispatch();
  }

  function idleSlotFor(job: CheckJob): Slot | undefined {
    const idle = slots.filter((slot) => slot.current === undefined);
    return idle.find((slot) => slot.checks.has(job.check)) ?? idle[0] ?? (slots.length < size ? spawn() : undefined);
  }

  function dispatch(): void {
    while (!closing && queue.length > 0) {
      const next = queue[0];
      if (next === undefined) return;
      const slot = idleSlotFor(next.job);
      if (slot === undefined) return;
      queue.shift();
      try {
        slot.worker.postMessage(next.job);
      } catch (error) {
        // A context that cannot be cloned: the job fails, the worker stays free.
        next.reject(error instanceof Error ? error : new Error(String(error)));
        continue;
      }
      slot.current = next;
      slot.checks.add(next.job.check);
      next.onStart();
    }
  }

  return {
    run(job, onStart, signal) {
      return new Promise<CheckReply>((resolve, reject) => {
        if (closing) {
          reject(new Error('the worker pool is closed'));
          return;
        }
        if (signal?.aborted === true) {
          reject(new Error('the run was cancelled'));
          return;
        }
        const pending: Pending = { job: { ...job, id: nextId++ }, onStart, resolve, reject };
        const onAbort = (): void => abort(pending);
        signal?.addEventListener('abort', onAbort, { once: true });
        const done = (): void => signal?.removeEventListener('abort', onAbort);
        pending.resolve = (reply) => {
          done();
          resolve(reply);
        };
        pending.reject = (error) => {
          done();
          reject(error);
        };
        queue.push(pending);
        dispatch();
      });
    },
    async close() {
      closing = true;
      for (const pending of queue.splice(0)) pending.reject(new Error('the worker pool was closed before the check ran'));
      await Promise.all(
        slots.splice(0).map(async (slot) => {
          const pending = release(slot);
          if (pending !== undefined) pending.reject(workerDied(pending.job, 'the pool was closed'));
          await slot.worker.terminate();
        }),
      );
    },
  };
}
