import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isNpvError, type Check, type NpvConfig } from '@npvguard/core';
import { formatCheckFailure } from '../../src/commands/check.js';
import { runChecks, type ChecksOutcome } from '../../src/run/runChecks.js';
import { createCheckExecutor, type CheckExecutor } from '../../src/run/threads/checkExecutor.js';

// A worker thread starts JavaScript only: a fixture entry serving the fixture checks through the compiled
// serveChecks (built by `tsc -b`, as for the bin's tests).
const WORKER_SCRIPT = new URL('../fixtures/threads/worker.js', import.meta.url);
const FIXTURE_MODULE = new URL('../fixtures/threads/checks.js', import.meta.url).href;

/** The fixture checks, each declared as the registry declares a real one: traits and the module exporting it. */
const fixtures = (await import(FIXTURE_MODULE)) as Record<string, Check>;

function fixtureCheck(exportName: string): Check {
  const check = fixtures[exportName];
  if (check === undefined) throw new Error(`no fixture check ${exportName}`);
  return check;
}

const reporting = fixtureCheck('reportingCheck');

describe('checks in worker threads', () => {
  let root: string;
  let executor: CheckExecutor;
  const folders: string[] = [];

  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'npvguard-threads-'));
    folders.push(root);
    executor = createCheckExecutor({ threads: 2, workerScript: WORKER_SCRIPT });
  });

  afterEach(async () => {
    await executor.close();
  });

  afterAll(() => {
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });

  function run(checks: readonly Check[], config: NpvConfig = {}, on: CheckExecutor = executor): Promise<ChecksOutcome> {
    return runChecks(checks, { root, config, files: ['src/a.ts', 'src/b.ts'], paths: ['src'], rules: [], atBase: true, executor: on });
  }

  it('reports findings and data as the same check run in place does, from another thread', async () => {
    const inThread = await run([reporting], {}, createCheckExecutor({ threads: 0 }));
    const inWorker = await run([reporting]);
    expect(inWorker.findings).toEqual(inThread.findings);
    expect(inWorker.findings.map((finding) => `${finding.ruleId} ${finding.file} ${JSON.stringify(finding.data)}`)).toEqual([
      'reporting/found src/a.ts {"paths":["src"]}',
      'reporting/found src/b.ts {"paths":["src"]}',
    ]);
    expect(inThread.runs[0]?.data).toEqual({ threadId, atBase: true });
    expect(inWorker.runs[0]?.data).toMatchObject({ atBase: true });
    expect(inWorker.runs[0]?.data?.threadId).not.toBe(threadId);
    expect(inWorker.runs[0]?.status).toBe('fail');
  });

  it('keeps a coded error coded, with its details and the data set before it', async () => {
    const outcome = await run([fixtureCheck('codedFailureCheck')]);
    expect(outcome.runs[0]).toMatchObject({
      status: 'error',
      error: { code: 'NPV2002', message: 'tsconfig not found: /nowhere/tsconfig.json.' },
      data: { reached: 'before the failure' },
    });
    const error = outcome.failures[0]?.error;
    expect(isNpvError(error) && error.details).toEqual({ tsconfig: '/nowhere/tsconfig.json' });
    expect(formatCheckFailure({ check: 'coded', error }, true)).toBe(
      'error NPV2002: The coded check could not run: tsconfig not found: /nowhere/tsconfig.json.\n  run `npvguard explain NPV2002`, or see https://github.com/npvguard/npvguard/blob/main/docs/errors.md#npv2002\n',
    );
  });

  it('keeps the stack of an unexpected exception for --debug only', async () => {
    const outcome = await run([fixtureCheck('crashingCheck')]);
    expect(outcome.runs[0]?.error).toEqual({ code: 'NPV9001', message: 'internal error: cannot read properties of undefined' });
    const failure = outcome.failures[0];
    if (failure === undefined) throw new Error('the crash was not kept');
    expect(failure.error).toBeInstanceOf(Error);
    expect((failure.error as Error).name).toBe('TypeError');
    const debug = formatCheckFailure(failure, true);
    expect(debug).toContain('error NPV9001: internal error: cannot read properties of undefined');
    expect(debug).toContain('TypeError: cannot read properties of undefined\n    at Object.run');
    expect(debug).toContain('fixtures/threads/checks.js');
    expect(formatCheckFailure(failure, false)).toBe(
      'error NPV9001: internal error: cannot read properties of undefined\n  run `npvguard explain NPV9001`, or see https://github.com/npvguard/npvguard/blob/main/docs/errors.md#npv9001\n  run again with --debug (or NPVGUARD_DEBUG=1) for the stack trace\n',
    );
  });

  it('turns data that cannot leave the thread into an error of that check', async () => {
    const outcome = await run([fixtureCheck('unclonableCheck')]);
    expect(outcome.runs[0]?.status).toBe('error');
    expect(outcome.runs[0]?.error?.code).toBe('NPV9001');
    expect(outcome.runs[0]?.error?.message).toContain('the check reported data that cannot leave its worker thread');
  });

  it('fails only the check whose thread stops, and runs the next one on a new thread', async () => {
    const outcome = await run([fixtureCheck('exitingCheck'), reporting]);
    expect(outcome.runs.map((entry) => `${entry.id} ${entry.status}`)).toEqual(['exiting error', 'reporting fail']);
    expect(outcome.runs[0]?.error?.message).toBe('internal error: the worker thread running the exiting check stopped: exit code 3');
  });

  it('runs two checks side by side', async () => {
    const outcome = await run([fixtureCheck('meetingLeft'), fixtureCheck('meetingRight')]);
    expect(outcome.runs.map((entry) => entry.data?.met)).toEqual([true, true]);
    expect(outcome.runs[0]?.data?.threadId).not.toBe(outcome.runs[1]?.data?.threadId);
  });

  it('runs a check in place when the config cannot be sent to a thread', async () => {
    const outcome = await run([reporting], { contracts: { app: './app.ts#buildApp', appOptions: { logger: () => undefined } } });
    expect(outcome.runs[0]?.data?.threadId).toBe(threadId);
  });

  it('cancels: a running worker is stopped, a waiting check in place ends, both as NPV2010, and the pool goes on', async () => {
    const controller = new AbortController();
    let sawAbort = false;
    const waiting: Check = {
      id: 'waiting',
      meta: { description: 'Waits until cancelled.', docs: 'checks/waiting.md', rules: [] },
      run: (context) =>
        new Promise<void>((resolve) => {
          context.signal.addEventListener('abort', () => {
            sawAbort = true;
            resolve();
          });
        }),
    };
    setTimeout(() => controller.abort(), 300);
    const outcome = await runChecks([fixtureCheck('spinningCheck'), waiting], {
      root,
      config: {},
      files: ['src/a.ts'],
      paths: [],
      rules: [],
      executor,
      signal: controller.signal,
    });
    expect(outcome.runs.map((entry) => `${entry.id} ${entry.status} ${entry.error?.code ?? ''}`)).toEqual(['spinning error NPV2010', 'waiting error NPV2010']);
    expect(sawAbort).toBe(true);
    const after = await run([reporting]);
    expect(after.runs[0]?.status).toBe('fail');
  });
});
