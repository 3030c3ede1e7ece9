import { parentPort } from 'node:worker_threads';
import type { Check, FindingInput } from '@npvguard/core';
import { serializeError, type CheckJob, type CheckReply } from './messages.js';

async function runJob(checks: readonly Check[], job: CheckJob): Promise<CheckReply> {
  const findings: FindingInput[] = [];
  let data: Record<string, unknown> | undefined;
  try {
    const check = checks.find((candidate) => candidate.id === job.check);
    if (check === undefined) throw new Error(`no check named ${job.check} is registered in this worker thread`);
    await check.run({
      ...job.context,
      report(finding) {
        findings.push(finding);
      },
      setData(value) {
        data = { ...data, ...value };
      },
    });
    return { id: job.id, findings, ...(data === undefined ? {} : { data }) };
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
export function serveChecks(checks: readonly Check[]): void {
  const port = parentPort;
  if (port === null) throw new Error('serveChecks runs only in a worker thread');
  port.on('message', (job: CheckJob) => {
    void runJob(checks, job).then((reply) => send(port, reply));
  });
}
