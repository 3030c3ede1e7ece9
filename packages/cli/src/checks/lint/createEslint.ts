import { existsSync } from 'node:fs';
import path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import parser from '@typescript-eslint/parser';
import plugin from 'eslint-plugin-npvguard';
import { NpvError, type LintConfig } from '@npvguard/core';

export interface EslintSetup {
  eslint: ESLint;
  /** Absolute path of the ESLint config file in use; undefined when the plugin's recommended config is used. */
  configFile: string | undefined;
}

/** Used when the project has no ESLint config: TypeScript parsing and eslint-plugin-npvguard's syntax-only rules. */
export function recommendedConfig(): Linter.Config[] {
  return [
    { files: ['**/*.{ts,tsx,mts,cts}'], languageOptions: { parser: parser as Linter.Parser } },
    plugin.configs.recommended as Linter.Config,
  ];
}

function overrides(lint: LintConfig): Linter.Config[] {
  return lint.rules === undefined ? [] : [{ name: 'npvguard/lint.rules', rules: lint.rules as Linter.RulesRecord }];
}

/**
 * The ESLint instance for a project: `lint.config` when set, else ESLint's own lookup from the project folder,
 * else the plugin's recommended config; `lint.rules` is laid over whichever it is.
 */
export async function createEslint(root: string, lint: LintConfig): Promise<EslintSetup> {
  if (lint.config !== undefined) {
    const configFile = path.resolve(root, lint.config);
    if (!existsSync(configFile)) {
      throw new NpvError('NPV1302', `The ESLint config ${configFile} named by lint.config does not exist.`, { file: configFile });
    }
    return { eslint: new ESLint({ cwd: root, overrideConfigFile: configFile, overrideConfig: overrides(lint) }), configFile };
  }
  const found = await new ESLint({ cwd: root }).findConfigFile();
  if (found !== undefined) return { eslint: new ESLint({ cwd: root, overrideConfig: overrides(lint) }), configFile: found };
  return {
    eslint: new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: [...recommendedConfig(), ...overrides(lint)] }),
    configFile: undefined,
  };
}
