import type { LatencyConfig } from '@npvguard/core';
import { budgetVerdict, regressionThreshold, regressionVerdict } from '@npvguard/harness';
import { analyzeLatency } from '../../../src/checks/latency/index.js';
import { sourceFiles } from '../../latency/referenceCopy.js';
import { attribute, type DocExample, type DocExampleExecutor } from './page.js';
import { scratchProject } from './scratch.js';

const TSCONFIG = JSON.stringify({
  compilerOptions: { target: 'ES2023', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: ['node'] },
  include: ['src'],
});

interface MeasuredFigures {
  budgetMs: number;
  p99IntervalMs: { lower: number; upper: number };
}

interface ComparisonFigures {
  baseMedianMs: number;
  ratio: { lower: number; upper: number };
}

/** The verdict of measured figures, as the check reaches it after a measurement. */
function measuredRules(figures: MeasuredFigures): string[] {
  const verdict = budgetVerdict(figures.p99IntervalMs, figures.budgetMs);
  return verdict === 'exceeded' ? ['latency/measured-budget-exceeded'] : verdict === 'unsure' ? ['latency/measured-unsure'] : [];
}

/** The verdict of a head/base comparison, as the check reaches it after its pairs. */
function comparisonRules(figures: ComparisonFigures): string[] {
  const verdict = regressionVerdict(figures.ratio, regressionThreshold(figures.baseMedianMs));
  return verdict === 'regression' ? ['latency/regression'] : verdict === 'unsure' ? ['latency/regression-unsure'] : [];
}

/**
 * A latency example is either a project analysed statically (a ```json config``` block, the `latency` section, and
 * ```ts file=<path>``` blocks) or the figures of a measurement (```json measured```) or of a base comparison
 * (```json comparison```), judged as the check judges them.
 */
export const latencyExamples: DocExampleExecutor = {
  incorrect: 'includes',
  correct: 'not-this-rule',
  async run(example: DocExample) {
    const measured = example.blocks.find((block) => block.attributes.includes('measured'));
    if (measured !== undefined) return measuredRules(JSON.parse(measured.body) as MeasuredFigures);
    const comparison = example.blocks.find((block) => block.attributes.includes('comparison'));
    if (comparison !== undefined) return comparisonRules(JSON.parse(comparison.body) as ComparisonFigures);
    const configBlock = example.blocks.find((block) => block.attributes.includes('config'));
    if (configBlock === undefined) throw new Error(`static example at line ${example.line} without a config block`);
    const files = Object.fromEntries(example.blocks.flatMap((block) => {
      const file = attribute(block, 'file');
      return file === undefined ? [] : [[file, block.body]];
    }));
    const root = scratchProject('latency-doc', { 'tsconfig.json': TSCONFIG, ...files }, { linkNodeModules: true });
    const config = JSON.parse(configBlock.body) as LatencyConfig;
    return analyzeLatency({ root, files: sourceFiles(root), config }).findings.map((finding) => finding.ruleId);
  },
};
