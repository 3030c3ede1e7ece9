import { readFileSync } from 'node:fs';
import path from 'node:path';
import { NpvError, type Check } from '@npvguard/core';

/**
 * A small real check for runner tests: reports every line containing `MARKER` in the project's files,
 * as `sample/marker` (error) and lines containing `SOFT` as `sample/soft` (warning). Fingerprints use the
 * line's text, so moving a line keeps its identity.
 */
export const markerCheck: Check = {
  id: 'sample',
  meta: {
    description: 'Reports marker comments.',
    docs: 'checks/sample.md',
    rules: [
      { id: 'sample/marker', description: 'A MARKER line.', defaultSeverity: 'error' },
      { id: 'sample/soft', description: 'A SOFT line.', defaultSeverity: 'warning' },
    ],
  },
  isConfigured: () => true,
  async run(context) {
    for (const file of context.files) {
      if (context.paths.length > 0 && !context.paths.some((given) => file === given || file.startsWith(`${given}/`))) continue;
      const lines = readFileSync(path.join(context.root, file), 'utf8').split('\n');
      lines.forEach((text, index) => {
        for (const [word, ruleId] of [['MARKER', 'sample/marker'], ['SOFT', 'sample/soft']] as const) {
          const column = text.indexOf(word);
          if (column === -1) continue;
          context.report({
            ruleId,
            file,
            line: index + 1,
            column: column + 1,
            message: `${word} found: ${text.trim()}`,
            hint: `Remove the ${word} line.`,
            fingerprintParts: [text.trim()],
          });
        }
      });
    }
    context.setData({ scanned: context.files.length });
  },
};

/** A check that cannot run, the way a real one fails on a missing tsconfig. */
export const failingCheck: Check = {
  id: 'failing',
  meta: { description: 'Always fails to run.', docs: 'checks/failing.md', rules: [] },
  isConfigured: () => true,
  async run() {
    throw new NpvError('NPV2002', 'tsconfig not found: /nowhere/tsconfig.json.');
  },
};

/** A check with a bug: a plain exception, which must surface as NPV9001 without a stack trace. */
export const crashingCheck: Check = {
  id: 'crashing',
  meta: { description: 'Has a bug.', docs: 'checks/crashing.md', rules: [] },
  isConfigured: () => true,
  async run() {
    throw new TypeError('cannot read properties of undefined');
  },
};

/** A check reporting a rule it never declared: a bug the runner must catch. */
export const undeclaredRuleCheck: Check = {
  id: 'sloppy',
  meta: { description: 'Reports an undeclared rule.', docs: 'checks/sloppy.md', rules: [] },
  isConfigured: () => true,
  async run(context) {
    context.report({ ruleId: 'sloppy/unknown', file: 'src/a.ts', line: 1, column: 1, message: 'm', hint: 'h' });
  },
};

/** Configured only when the config has a `lint` section: for skipped-check tests. */
export const lintLikeCheck: Check = {
  id: 'lint',
  meta: { description: 'Stands in for the lint check.', docs: 'checks/lint.md', rules: [] },
  async run() {
    // Nothing to report: only whether it ran matters.
  },
};
