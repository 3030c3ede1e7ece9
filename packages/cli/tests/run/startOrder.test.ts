import { describe, expect, it } from 'vitest';
import type { Check, CheckTraits } from '@npvguard/core';
import { runChecks, startOrder } from '../../src/run/runChecks.js';

/** A check that notes when it starts in the shared log and reports nothing. */
function loggingCheck(id: string, log: string[], traits?: CheckTraits): Check {
  return {
    id,
    meta: { description: `The ${id} check.`, docs: `checks/${id}.md`, rules: [] },
    ...(traits === undefined ? {} : { traits }),
    isConfigured: () => true,
    async run() {
      log.push(id);
      await Promise.resolve();
    },
  };
}

describe('the order checks start in', () => {
  it('starts the checks too costly for the edit loop first, and keeps the given order in the outcome', async () => {
    const log: string[] = [];
    const checks = [
      loggingCheck('boundaries', log, { editLoop: true }),
      loggingCheck('lint', log, { editLoop: true, findingsPerFile: true }),
      loggingCheck('contracts', log),
      loggingCheck('integrity', log, { editLoop: true }),
      loggingCheck('latency', log, { worker: true }),
    ];
    expect(startOrder(checks).map((check) => check.id)).toEqual(['contracts', 'latency', 'boundaries', 'lint', 'integrity']);
    // In the main thread one check runs after the other: the log is the order they started in.
    const outcome = await runChecks(checks, { root: '/nowhere', config: {}, files: [], paths: [], rules: [] });
    expect(log).toEqual(['contracts', 'latency', 'boundaries', 'lint', 'integrity']);
    expect(outcome.runs.map((run) => `${run.id} ${run.status}`)).toEqual(['boundaries pass', 'lint pass', 'contracts pass', 'integrity pass', 'latency pass']);
  });

  it('keeps the given order among checks of one kind', () => {
    const log: string[] = [];
    const cheap = ['a', 'b', 'c'].map((id) => loggingCheck(id, log, { editLoop: true }));
    expect(startOrder(cheap).map((check) => check.id)).toEqual(['a', 'b', 'c']);
    const costly = ['x', 'y'].map((id) => loggingCheck(id, log));
    expect(startOrder([cheap[0] as Check, costly[0] as Check, cheap[1] as Check, costly[1] as Check]).map((check) => check.id)).toEqual(['x', 'y', 'a', 'b']);
  });
});
