import path from 'node:path';
import { validateConfig, type Check, type NpvConfig } from '@npvguard/core';
import { findConfigFile, resolveWorkingDirectory } from './findConfig.js';
import { loadConfigFile } from '../modules/loadConfigFile.js';
import { listProjectFiles } from './listFiles.js';
import { INTERNAL_RULES } from '../baseline/rules.js';

/** A loaded, validated project: everything a run needs before checks start. */
export interface Project {
  /** Absolute folder holding the config; findings are relative to it. */
  root: string;
  /** Working directory after `--cwd`. */
  cwd: string;
  configFile: string;
  /** The config file as shown in messages: relative to the working directory. */
  configName: string;
  config: NpvConfig;
  files: string[];
}

export interface LoadProjectOptions {
  processCwd: string;
  cwd?: string;
  config?: string;
  checks: readonly Check[];
}

/** load: find the config, load it without a build step, validate it, list the project's files. */
export async function loadProject(options: LoadProjectOptions): Promise<Project> {
  const cwd = resolveWorkingDirectory(options.processCwd, options.cwd);
  const configFile = findConfigFile(cwd, options.config);
  const root = path.dirname(configFile);
  const configName = path.relative(cwd, configFile) || path.basename(configFile);
  const knownRuleIds = [...options.checks.flatMap((check) => check.meta.rules), ...INTERNAL_RULES].map((rule) => rule.id);
  const sections = options.checks.flatMap((check) => (check.config === undefined ? [] : [check.config]));
  const openRulePrefixes = options.checks.flatMap((check) => (check.meta.openRulePrefix === undefined ? [] : [check.meta.openRulePrefix]));
  const config = validateConfig(await loadConfigFile(configFile), { file: configName, knownRuleIds, openRulePrefixes, sections });
  const files = listProjectFiles(root, config, configName);
  return { root, cwd, configFile, configName, config, files };
}
