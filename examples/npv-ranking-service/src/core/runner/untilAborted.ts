/** Raised when a stage did not finish before its signal aborted. */
export class StageTimeoutError extends Error {
  readonly stage: string;

  constructor(stage: string) {
    super(`${stage} did not finish in time`);
    this.name = 'StageTimeoutError';
    this.stage = stage;
  }
}

/**
 * Settles with `work`, or rejects as soon as `signal` aborts, so a component that ignores its signal
 * still cannot hold the request past its deadline. A late rejection of `work` is swallowed on purpose:
 * nobody is waiting for it any more.
 */
export function untilAborted<Value>(work: Promise<Value>, signal: AbortSignal, stage: string): Promise<Value> {
  if (signal.aborted) {
    work.catch(() => undefined);
    return Promise.reject(new StageTimeoutError(stage));
  }
  return new Promise<Value>((resolve, reject) => {
    const onAbort = (): void => reject(new StageTimeoutError(stage));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
