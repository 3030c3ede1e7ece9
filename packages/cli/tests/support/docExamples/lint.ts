import type { DocExampleExecutor } from './page.js';
import { runProjectExample } from './project.js';

/** A lint example is a project's files (```<lang> file=<path>```, an ESLint config among them), linted by `npvguard check --only lint`. */
export const lintExamples: DocExampleExecutor = {
  incorrect: 'only',
  correct: 'nothing',
  run: (example) => runProjectExample(example, { files: { 'npvguard.config.json': JSON.stringify({ lint: {} }) }, check: ['check', '--only', 'lint'], linkNodeModules: false }),
};
