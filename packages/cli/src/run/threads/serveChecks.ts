import { parentPort } from 'node:worker_threads';
import type { Check, FindingInput } from '@npvguard/core';
import { createChangeSource } from '../../base/changeSource.js';
import { serializeError, type CancelJob, type CheckJob, type CheckReply } from './messages.js';

function isCheck(value: unknown, id: string): value is Check {
  return typeof value === 'object' && value !== null && (value as Partial<Check>).id === id && typeof (value as Partial<Check>).run === 'function';
}

/** The check object a job names: an export of its module with that id. */
async function loadCheck(job: CheckJob): Promise<Check> {
  const exports = (await import(job.module)) as Record<string, unknown>;
  const check = Object.values(exports).find((value): value is Check => isCheck(value, job.check));
  if (check === undefined) throw new Error(`${job.module} exports no check with the id ${job.check}`);
  return check;
}

async function runJob(job: CheckJob, signal: AbortSignal): Promise<CheckReply> {
  const findings: FindingInput[] = [];
  let data: Record<string, unknown> | undefined;
  let examined: string[] | undefined;
  try {
    const check = await loadCheck(job);
    await check.run({
      ...job.context,
      change: createChangeSource(job.context.root, job.context.base),
      signal,
      report(finding) {
        findings.push(finding);
      },
      setData(value) {
        data = { ...data, ...value };
      },
      examined(files) {
        examined = [...(examined ?? []), ...files];
      },
    });
    return { id: job.id, findings, ...(data === undefined ? {} : { data }), ...(examined === undefined ? {} : { examined }) };
  } catch (error) {
    return { id: job.id, findings: [], ...(data === undefined ? {} : { data }), error: serializeError(error) };
  }
}

/** Posts the reply; one that cannot be cloned (a function in a finding's data, say) becomes the check's error. */
function send(port: NonNullable<typeof parentPort>, reply: CheckReply): void {
  try {
    port.postMessage(reply);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const failed: CheckReply = {
      id: reply.id,
      findings: [],
      error: { kind: 'internal', name: 'DataCloneError', message: `the check reported data that cannot leave its worker thread: ${reason}` },
    };
    port.postMessage(failed);
  }
}

/**
 * The body of a worker thread of the check pool: runs the checks the main thread names, one at a time, and
 * answers with what each reported (the main thread finalizes findings, as for a check run in place).
 */
export function serveChecks(): void {
  const port = parentPort;
  if (port === null) throw new Error('serveChecks runs only in a worker thread');
  const running = new Map<number, AbortController>();
  port.on('message', (message: CheckJob | CancelJob) => {
    if ('cancel' in message) {
      running.get(message.cancel)?.abort(new Error('the run was cancelled'));
      return;
    }
    const controller = new AbortController();
    running.set(message.id, controller);
    void runJob(message, controller.signal)
      .then((reply) => send(port, reply))
      .finally(() => running.delete(message.id));
  });
}
