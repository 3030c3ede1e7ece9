import type { DocExampleExecutor } from './page.js';
import { runProjectExample } from './project.js';

const TSCONFIG = JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true }, include: ['src'] });

/** A baseline example is a project (files and ```sh``` steps, see runProjectExample) whose baseline file the steps write. */
export const baselineExamples: DocExampleExecutor = {
  incorrect: 'includes',
  correct: 'not-this-rule',
  run: (example) => runProjectExample(example, { files: { 'tsconfig.json': TSCONFIG }, check: ['check'], linkNodeModules: false }),
};
