import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCases } from '../runner/cases.js';
import { evaluate, selectCases } from '../runner/evaluate.js';

const CATALOGUE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The representative subset through the real bin, each case with the checks its expected ids belong to: a bad case
 * fails with an expected id, a benign case passes. The whole catalogue with every check is `npm run eval`.
 */
describe('the evaluation subset', () => {
  it('catches every bad case with an expected id and passes every benign case', async () => {
    const selected = selectCases(loadCases(CATALOGUE).cases, { subset: true });
    const outcomes = await evaluate(selected, { focus: true });
    const summary = outcomes.map((outcome) => ({ id: outcome.id, exitCode: outcome.exitCode, hit: outcome.hit.length > 0, error: outcome.error }));
    expect(summary).toEqual(
      selected.map((agentCase) => ({ id: agentCase.id, exitCode: agentCase.kind === 'bad' ? 1 : 0, hit: agentCase.kind === 'bad', error: undefined })),
    );
  }, 600_000);
});
