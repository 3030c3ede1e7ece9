import type { BoundariesConfig } from '@npvguard/core';
import { analyzeBoundaries } from '../../../src/checks/boundaries/index.js';
import { attribute, type DocExample, type DocExampleExecutor } from './page.js';
import { scratchProject } from './scratch.js';

const TSCONFIG = JSON.stringify({
  compilerOptions: { target: 'ES2023', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true },
  include: ['src'],
});

/**
 * A boundaries example is a project: one ```json config``` block (the `boundaries` section) and ```ts file=<path>```
 * blocks; its files are analysed as the check analyses a project.
 */
export const boundariesExamples: DocExampleExecutor = {
  incorrect: 'includes',
  correct: 'nothing',
  async run(example: DocExample) {
    const configBlock = example.blocks.find((block) => block.attributes.includes('config'));
    const files = Object.fromEntries(example.blocks.flatMap((block) => {
      const file = attribute(block, 'file');
      return file === undefined ? [] : [[file, block.body]];
    }));
    if (configBlock === undefined || Object.keys(files).length === 0) throw new Error(`example at line ${example.line} needs a config block and files`);
    // The repository's node_modules: examples that use fastify decorators need fastify's types.
    const root = scratchProject('boundaries-doc', { 'tsconfig.json': TSCONFIG, ...files }, { linkNodeModules: true });
    const sources = Object.keys(files).filter((file) => file.startsWith('src/')).sort();
    const config = JSON.parse(configBlock.body) as BoundariesConfig;
    return analyzeBoundaries({ root, files: sources, config, cache: false }).findings.map((finding) => finding.ruleId);
  },
};
