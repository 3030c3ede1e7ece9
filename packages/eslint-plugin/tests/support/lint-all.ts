import parser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import plugin from '../../src/index.js';

const syntaxRuleNames = Object.entries(plugin.rules)
  .filter(([, rule]) => rule.meta.docs?.requiresTypeChecking !== true)
  .map(([name]) => name);

/**
 * Every syntax-only rule switched on, with settings that put every file in every layer, so each rule runs
 * on each file rather than returning early.
 */
export const ALL_SYNTAX_RULES: Linter.Config = {
  files: ['**/*.ts', '**/*.mts', '**/*.cts', '**/*.js'],
  languageOptions: { parser, parserOptions: { ecmaVersion: 'latest', sourceType: 'module' } },
  plugins: { npvguard: plugin as unknown as NonNullable<Linter.Config['plugins']>[string] },
  rules: Object.fromEntries(syntaxRuleNames.map((name) => [`npvguard/${name}`, 'error'])),
  settings: { npvguard: { requestPath: ['**'], deterministicPath: ['**'], configPath: [] } },
};

export const SYNTAX_RULE_COUNT = syntaxRuleNames.length;

export function createLinter(cwd: string): Linter {
  return new Linter({ cwd });
}
