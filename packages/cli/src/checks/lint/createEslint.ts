import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ESLint, Linter } from 'eslint';
import parser from '@typescript-eslint/parser';
import plugin from 'eslint-plugin-npvguard';
import { NpvError, type LintConfig } from '@npvguard/core';
import { assertSupportedEslint, assertSupportedTypeScript, bundledPackage, resolveInstalled, type InstalledPackage } from './projectTools.js';

/** Which ESLint a run used: the project's own (as `npx eslint` in the project folder finds it), or npvguard's copy. */
export interface EslintUsed {
  version: string;
  /** Absolute path of the ESLint package folder. */
  path: string;
  source: 'project' | 'bundled';
}

export interface EslintSetup {
  eslint: ESLint;
  /** Absolute path of the ESLint config file in use; undefined when the plugin's recommended config is used. */
  configFile: string | undefined;
  used: EslintUsed;
  /** The project's TypeScript, checked when the project's own config (and so its parser) is in use. */
  typescript?: { version: string; path: string };
}

/** Used when the project has no ESLint config: TypeScript parsing and eslint-plugin-npvguard's syntax-only rules (npvguard's own copies). */
export function recommendedConfig(): Linter.Config[] {
  return [
    { files: ['**/*.{ts,tsx,mts,cts}'], languageOptions: { parser: parser as Linter.Parser } },
    plugin.configs.recommended as Linter.Config,
  ];
}

function overrides(lint: LintConfig): Linter.Config[] {
  return lint.rules === undefined ? [] : [{ name: 'npvguard/lint.rules', rules: lint.rules as Linter.RulesRecord }];
}

type EslintClass = new (options: ESLint.Options) => ESLint;

/**
 * The ESLint the project has installed, resolved from its root as `npx eslint` there would (hoisted workspaces
 * included), else npvguard's own copy. A version npvguard cannot drive is NPV1303.
 */
export function findEslint(root: string): { installed: InstalledPackage; source: EslintUsed['source'] } {
  const project = resolveInstalled('eslint', root);
  if (project === undefined) return { installed: bundledPackage('eslint'), source: 'bundled' };
  assertSupportedEslint(project);
  return { installed: project, source: 'project' };
}

async function loadEslintClass(installed: InstalledPackage): Promise<EslintClass> {
  let loaded: { ESLint?: unknown; default?: { ESLint?: unknown } };
  try {
    loaded = (await import(pathToFileURL(installed.entry).href)) as typeof loaded;
  } catch (error) {
    throw new NpvError('NPV1303', `ESLint ${installed.version} (${installed.folder}) could not be loaded: ${error instanceof Error ? error.message : String(error)}; reinstall it (\`npm i -D eslint@^9\`).`, { version: installed.version, path: installed.folder });
  }
  const candidate = loaded.ESLint ?? loaded.default?.ESLint;
  if (typeof candidate !== 'function') {
    throw new NpvError('NPV1303', `The eslint package ${installed.version} (${installed.folder}) exports no ESLint class; npvguard runs ESLint 9 or 10: reinstall it (\`npm i -D eslint@^9\`).`, { version: installed.version, path: installed.folder });
  }
  return candidate as EslintClass;
}

/**
 * The project's TypeScript, which its own typescript-eslint parser loads; NPV1304 when outside the supported range.
 * Undefined when the project has no TypeScript, or no typescript-eslint to load it (its config parses no TypeScript).
 */
function checkedTypeScript(root: string): EslintSetup['typescript'] {
  const parses = ['@typescript-eslint/parser', 'typescript-eslint'].some((name) => resolveInstalled(name, root) !== undefined);
  const typescript = parses ? resolveInstalled('typescript', root) : undefined;
  if (typescript === undefined) return undefined;
  assertSupportedTypeScript(typescript);
  return { version: typescript.version, path: typescript.folder };
}

/**
 * The ESLint instance for a project: the project's ESLint (npvguard's own where it has none) with `lint.config`
 * when set, else ESLint's own lookup from the project folder, else the plugin's recommended config;
 * `lint.rules` is laid over whichever it is.
 */
export async function createEslint(root: string, lint: LintConfig): Promise<EslintSetup> {
  const { installed, source } = findEslint(root);
  const used: EslintUsed = { version: installed.version, path: installed.folder, source };
  const ESLintClass = await loadEslintClass(installed);
  if (lint.config !== undefined) {
    const configFile = path.resolve(root, lint.config);
    if (!existsSync(configFile)) {
      throw new NpvError('NPV1302', `The ESLint config ${configFile} named by lint.config does not exist.`, { file: configFile });
    }
    return withTypeScript(root, { eslint: new ESLintClass({ cwd: root, overrideConfigFile: configFile, overrideConfig: overrides(lint) }), configFile, used });
  }
  const found = await new ESLintClass({ cwd: root }).findConfigFile();
  if (found !== undefined) return withTypeScript(root, { eslint: new ESLintClass({ cwd: root, overrideConfig: overrides(lint) }), configFile: found, used });
  return {
    eslint: new ESLintClass({ cwd: root, overrideConfigFile: true, overrideConfig: [...recommendedConfig(), ...overrides(lint)] }),
    configFile: undefined,
    used,
  };
}

function withTypeScript(root: string, setup: EslintSetup): EslintSetup {
  const typescript = checkedTypeScript(root);
  return typescript === undefined ? setup : { ...setup, typescript };
}
