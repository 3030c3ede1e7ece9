import type { TSESLint } from '@typescript-eslint/utils';
import { readSettings, type NpvguardSettings } from './settings.js';

export const INVALID_SETTINGS_MESSAGE = 'The npvguard settings are invalid: {{problem}}. Fix `settings.npvguard` in the ESLint config.';

/**
 * Runs `create` with the shared `settings.npvguard`. When they are malformed the rule reports that once
 * at the top of the file instead of linting with guessed settings.
 */
export function withSettings<MessageIds extends string, Options extends readonly unknown[]>(
  context: Readonly<TSESLint.RuleContext<MessageIds | 'invalidSettings', Options>>,
  create: (settings: NpvguardSettings) => TSESLint.RuleListener,
): TSESLint.RuleListener {
  const result = readSettings(context.settings);
  if (result.ok) return create(result.settings);
  const problem = result.problem;
  return {
    Program() {
      context.report({
        loc: { start: { line: 1, column: 0 }, end: { line: 1, column: 0 } },
        messageId: 'invalidSettings',
        data: { problem },
      });
    },
  };
}
