import path from 'node:path';
import { ESLint } from 'eslint';
import { NpvError, type LintConfig } from '@npvguard/core';

/** An ESLint rule that was on at the base and is off or weaker at head, for some of the sampled files. */
export interface RuleLoosening {
  ruleId: string;
  before: number;
  after: number;
  files: string[];
}

const SEVERITY: Record<string, number> = { off: 0, warn: 1, error: 2 };

function severityOf(setting: unknown): number {
  const value = Array.isArray(setting) ? setting[0] : setting;
  if (typeof value === 'number') return value;
  return SEVERITY[String(value)] ?? 0;
}

function eslintFor(root: string, lint: LintConfig | undefined): ESLint {
  return lint?.config === undefined ? new ESLint({ cwd: root }) : new ESLint({ cwd: root, overrideConfigFile: path.resolve(root, lint.config) });
}

async function severities(root: string, lint: LintConfig | undefined, file: string, side: 'base' | 'head'): Promise<Map<string, number>> {
  let config: unknown;
  try {
    config = await eslintFor(root, lint).calculateConfigForFile(path.join(root, file));
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ');
    // A base with no ESLint config had no rules on, so nothing the change does to lint config can loosen it.
    if (side === 'base' && /could not find config file/i.test(reason)) return new Map();
    if (side === 'base') throw new NpvError('NPV2303', `The ESLint config at the base could not be loaded to compare with the change: ${reason}`, { file });
    throw new NpvError('NPV1301', `The ESLint config could not be loaded: ${reason}`, { file });
  }
  const rules = typeof config === 'object' && config !== null && 'rules' in config && typeof config.rules === 'object' && config.rules !== null ? config.rules : {};
  return new Map(Object.entries(rules).map(([ruleId, setting]) => [ruleId, severityOf(setting)]));
}

/**
 * Effective rule severities for sample files (what ESLint would apply, after every config object and
 * override), base against head. A rule that went down for any sampled file is reported once.
 */
export async function compareEslintConfigs(baseRoot: string, headRoot: string, lint: LintConfig | undefined, samples: readonly string[]): Promise<RuleLoosening[]> {
  const loosened = new Map<string, RuleLoosening>();
  for (const file of samples) {
    const before = await severities(baseRoot, lint, file, 'base');
    const after = await severities(headRoot, lint, file, 'head');
    for (const [ruleId, severity] of before) {
      const now = after.get(ruleId) ?? 0;
      if (severity === 0 || now >= severity) continue;
      const entry = loosened.get(ruleId) ?? { ruleId, before: severity, after: now, files: [] };
      entry.files.push(file);
      loosened.set(ruleId, entry);
    }
  }
  return [...loosened.values()].sort((left, right) => left.ruleId.localeCompare(right.ruleId));
}
