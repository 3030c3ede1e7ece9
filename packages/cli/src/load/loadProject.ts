import path from 'node:path';
import { validateConfig, type Check, type NpvConfig } from '@npvguard/core';
import { findConfigFile, resolveWorkingDirectory } from './findConfig.js';
import { loadConfigFile } from '../modules/loadConfigFile.js';
import { listProjectFiles } from './listFiles.js';
import { INTERNAL_RULES } from '../baseline/rules.js';
import { currentLintRuleId, oldRuleIdNote } from '../modules/lintRuleIds.js';

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
  /** What the run should tell the user about the config though it is valid (an old rule id, say). */
  notes: string[];
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
  const notes = currentRuleIds(config, configName);
  const files = listProjectFiles(root, config, configName);
  return { root, cwd, configFile, configName, config, files, notes };
}

/** `rules` under the ids findings print: an old lint rule id (`lint/require-timeout`) is renamed, with a note. */
function currentRuleIds(config: NpvConfig, configName: string): string[] {
  if (config.rules === undefined) return [];
  const notes: string[] = [];
  const rules: NonNullable<NpvConfig['rules']> = {};
  for (const [ruleId, severity] of Object.entries(config.rules)) {
    const current = currentLintRuleId(ruleId);
    if (current === undefined) {
      rules[ruleId] = severity;
      continue;
    }
    notes.push(oldRuleIdNote(ruleId, current, `${configName} \`rules\``));
    // The current id, when the config names both, wins.
    rules[current] = config.rules[current] ?? severity;
  }
  config.rules = rules;
  return notes;
}
