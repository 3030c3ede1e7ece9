import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mutationCaseArbitrary, runMutationCase, type Outcome } from './specMutations.js';

describe('contracts diff on mutated documents', () => {
  it('ends in a list of changes or a coded error (never NPV9001, never another exception), 100 runs', async () => {
    const outcomes: Outcome[] = [];
    await fc.assert(
      fc.asyncProperty(mutationCaseArbitrary, async (testCase) => {
        const outcome = await runMutationCase(testCase);
        outcomes.push(outcome);
        if (outcome.kind === 'internal') throw outcome.error;
      }),
      { numRuns: 100, seed: 15, endOnFailure: true },
    );
    // The mutations reach both ends: documents the diff compares, and documents refused with a code.
    const kinds = new Set(outcomes.map((outcome) => (outcome.kind === 'coded' ? outcome.code : outcome.kind)));
    expect([...kinds].sort()).toEqual(['NPV2103', 'NPV2108', 'result']);
  });
});
