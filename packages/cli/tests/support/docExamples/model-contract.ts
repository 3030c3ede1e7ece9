import { compareModelContract } from '../../../src/checks/model-contract/compare.js';
import { readModelSpec } from '../../../src/checks/model-contract/spec.js';
import { CONTRACTS_PROJECT } from './contracts.js';
import type { DocExampleExecutor } from './page.js';
import { runProjectExample } from './project.js';

/**
 * A model-contract example is the service's spec and the model's metadata (```json model-example```, compared as the
 * check compares them), or a project checked with `npvguard check` (see runProjectExample).
 */
export const modelContractExamples: DocExampleExecutor = {
  incorrect: 'includes',
  correct: 'nothing',
  async run(example) {
    const pairs = example.blocks.filter((block) => block.attributes.includes('model-example'));
    if (pairs.length === 0) return runProjectExample(example, CONTRACTS_PROJECT);
    return pairs.flatMap((block) => {
      const { spec, metadata } = JSON.parse(block.body) as { spec: unknown; metadata: unknown };
      return compareModelContract(readModelSpec(spec, 'doc', 'npv-ranker'), metadata).map((mismatch) => `model-contract/${mismatch.rule}`);
    });
  },
};
