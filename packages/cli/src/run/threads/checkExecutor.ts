import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { NpvError, type Check, type CheckContext, type NpvConfig } from '@npvguard/core';
import { deserializeError, type WorkerContext } from './messages.js';
import { createWorkerPool, type WorkerPool } from './workerPool.js';

/**
 * Runs checks: those that can run in a worker thread side by side in a pool, every other one in the main thread,
 * one after the other in the order asked. Findings and data reach the context as if the check ran in place.
 */
export interface CheckExecutor {
  /**
   * Resolves when the check is done, rejects with what it threw. `timing` is told when the check actually starts
   * and ends, which is not when it is asked for (it may wait for a thread) nor when the caller resumes.
   */
  run(check: Check, context: CheckContext, timing: CheckTiming): Promise<void>;
  /** Stops the worker threads. */
  close(): Promise<void>;
}

export interface CheckTiming {
  onStart(): void;
  onEnd(): void;
}

export interface ExecutorOptions {
  /** Worker threads at most; 0 runs everything in the main thread. */
  threads: number;
  /** The worker's entry script (default: the compiled `checkWorker.js` next to this module). */
  workerScript?: URL;
}

/**
 * The compiled worker entry, when there is one: running from TypeScript sources (the test runner), there is no
 * JavaScript file a worker thread could start, and checks run in the main thread.
 */
export function defaultWorkerScript(): URL | undefined {
  const script = new URL('./checkWorker.js', import.meta.url);
  return existsSync(fileURLToPath(script)) ? script : undefined;
}

/** One worker per core; on a single core threads would only add their start-up cost. */
export function defaultThreadCount(): number {
  const cores = availableParallelism();
  return cores > 1 ? cores : 0;
}

const cloneable = new WeakMap<NpvConfig, boolean>();

/** A config holding functions or class instances cannot be sent to a worker; its checks stay in the main thread. */
function canClone(config: NpvConfig): boolean {
  let known = cloneable.get(config);
  if (known === undefined) {
    try {
      structuredClone(config);
      known = true;
    } catch {
      known = false;
    }
    cloneable.set(config, known);
  }
  return known;
}

function workerContext(context: CheckContext): WorkerContext {
  return {
    root: context.root,
    config: context.config,
    files: context.files,
    paths: context.paths,
    rules: context.rules,
    ...(context.base === undefined ? {} : { base: context.base }),
    ...(context.atBase === undefined ? {} : { atBase: context.atBase }),
    ...(context.measure === undefined ? {} : { measure: context.measure }),
    ...(context.date === undefined ? {} : { date: context.date }),
  };
}

/** The error a cancelled check ends with. */
export function cancelled(check: Check): NpvError {
  return new NpvError('NPV2010', `The ${check.id} check was cancelled before it finished.`, { check: check.id });
}

/** Settles with `work`, or rejects as soon as `signal` aborts (the work itself may go on; its result is dropped). */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal, check: Check): Promise<T> {
  if (signal.aborted) return Promise.reject(cancelled(check));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(cancelled(check));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

export function createCheckExecutor(options: ExecutorOptions): CheckExecutor {
  const script = options.threads > 0 ? (options.workerScript ?? defaultWorkerScript()) : undefined;
  let pool: WorkerPool | undefined;
  // The main thread's checks run one at a time: they share process state (environment, module caches, stdout).
  let lane: Promise<unknown> = Promise.resolve();

  function inMainThread(check: Check, context: CheckContext, timing: CheckTiming): Promise<void> {
    const turn = lane.then(async () => {
      if (context.signal.aborted) throw cancelled(check);
      timing.onStart();
      try {
        await check.run(context);
      } finally {
        timing.onEnd();
      }
    });
    lane = turn.catch(() => undefined);
    return untilAborted(turn, context.signal, check);
  }

  return {
    async run(check, context, timing) {
      const module = check.module;
      if (script === undefined || check.traits?.worker !== true || module === undefined || !canClone(context.config)) return inMainThread(check, context, timing);
      pool ??= createWorkerPool(script, options.threads);
      const reply = await pool
        .run({ check: check.id, module, context: workerContext(context) }, timing.onStart, context.signal)
        .catch((error: unknown) => {
          throw context.signal.aborted ? cancelled(check) : error;
        })
        .finally(timing.onEnd);
      if (reply.data !== undefined) context.setData(reply.data);
      if (reply.examined !== undefined) context.examined?.(reply.examined);
      if (reply.error !== undefined) throw deserializeError(reply.error);
      for (const finding of reply.findings) context.report(finding);
    },
    async close() {
      await pool?.close();
    },
  };
}
