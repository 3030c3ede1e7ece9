import type { Check } from '@npvguard/core';
import { LINT_SECTION } from './config.js';
import type { LintData } from './data.js';
import { lintMeta } from './meta.js';

/** The lint check: ESLint on the project's files, each message a finding. */
export const lintCheck: Check<LintData> = {
  id: 'lint',
  meta: lintMeta,
  config: LINT_SECTION,
  // ESLint builds a TypeScript program per run: in a worker thread it runs beside the other checks.
  traits: { worker: true, findingsPerFile: true, editLoop: true },
  module: import.meta.url,
  async run(context) {
    const { runLint } = await import('./index.js');
    await runLint(context);
  },
};
