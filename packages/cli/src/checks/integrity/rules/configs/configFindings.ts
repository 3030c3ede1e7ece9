import { existsSync } from 'node:fs';
import path from 'node:path';
import { NpvError } from '@npvguard/core';
import { importClosure } from '../../../../modules/constantValue/index.js';
import { loadConfigFile } from '../../../../modules/loadConfigFile.js';
import { parseSource } from '../../source/parseSource.js';
import { INTEGRITY_RULES } from '../../meta.js';
import type { ChangedFile } from '@npvguard/core';
import type { IntegrityInput, RawFinding } from '../../types.js';
import { compareNpvguardConfigs } from './compareNpvguardConfig.js';
import { compareEslintConfigs } from './compareEslintConfig.js';
import { compareCompilerOptions, effectiveOptions } from './compareTsconfig.js';
import { lineOfPath } from './locate.js';

export const NPVGUARD_CONFIG = /(^|\/)npvguard\.config\.(?:ts|mts|js|mjs|json)$/;
const ESLINT_CONFIG = /(^|\/)eslint\.config\.(?:js|mjs|cjs|ts|mts|cts)$/;
const TSCONFIG = /(^|\/)[^/]*tsconfig[^/]*\.json$/;

function reason(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ');
}

/** The config files a project may have at its root, in the order npvguard looks for them. */
const CONFIG_NAMES = ['npvguard.config.ts', 'npvguard.config.mts', 'npvguard.config.js', 'npvguard.config.mjs'];
const ESLINT_CONFIG_NAMES = ['eslint.config.js', 'eslint.config.mjs', 'eslint.config.cjs', 'eslint.config.ts', 'eslint.config.mts', 'eslint.config.cts'];

/**
 * A config the change did not touch but whose relative imports reach a file it did (a budget kept in a constants
 * module, rules shared from another file): its values changed all the same. The first of `names` that exists,
 * as an unchanged file, with the changed files it reads.
 */
async function configThroughImports(input: IntegrityInput, names: readonly string[]): Promise<{ file: ChangedFile; through: string[] } | undefined> {
  const changed = new Set(input.changed.flatMap((file) => [file.oldPath, file.newPath]).filter((file): file is string => file !== undefined));
  if (changed.size === 0) return undefined;
  for (const name of names) {
    const text = input.change.readHead(name);
    if (text === undefined) continue;
    const through = [...(await importClosure(input.modules('head'), parseSource(name, text)))].filter((file) => changed.has(file));
    if (through.length === 0) return undefined;
    return { file: { status: 'modified', oldPath: name, newPath: name, binary: false, added: new Set(), removed: new Set() }, through };
  }
  return undefined;
}

async function npvguardFindings(input: IntegrityInput, baseRoot: string, file: ChangedFile, through: readonly string[] = []): Promise<RawFinding[]> {
  if (file.oldPath === undefined) return [];
  let base: unknown;
  try {
    base = await loadConfigFile(path.join(baseRoot, file.oldPath));
  } catch (error) {
    throw new NpvError('NPV2303', `The npvguard config ${file.oldPath} at ${input.change.against} could not be loaded to compare with the change: ${reason(error)}`, { file: file.oldPath });
  }
  const head = file.newPath === undefined ? {} : await loadConfigFile(path.join(input.root, file.newPath));
  const shown = file.newPath ?? file.oldPath;
  const text = file.newPath === undefined ? undefined : input.change.readHead(file.newPath);
  return compareNpvguardConfigs(base, head, input.knownRules).map((loosening) => ({
    ruleId: INTEGRITY_RULES.npvguardConfigLoosened,
    file: shown,
    line: lineOfPath(text, loosening.path),
    column: 1,
    message: `The npvguard config is looser than at ${input.change.against}${through.length === 0 ? '' : ` (through ${through.join(', ')})`}: ${loosening.what}.`,
    hint: 'Fix what the stricter setting reported instead; if the change of policy is intended, justify it with `// npvguard-justify: <reason>` above the line.',
    fingerprintParts: [loosening.what],
    data: { path: loosening.path, ...(through.length === 0 ? {} : { through }) },
  }));
}

/** A few project files to ask ESLint about: the first file of each top folder, and a test file if there is one. */
function sampleFiles(input: IntegrityInput): string[] {
  const byFolder = new Map<string, string>();
  for (const file of input.files) {
    if (!/\.(?:[cm]?[jt]s|[jt]sx)$/.test(file)) continue;
    const folder = file.split('/').slice(0, 2).join('/');
    if (!byFolder.has(folder)) byFolder.set(folder, file);
  }
  const samples = [...byFolder.values()].slice(0, 8);
  const test = input.changed.map((file) => file.newPath).find((file): file is string => file !== undefined && input.isTest(file) && existsSync(path.join(input.root, file)));
  return test === undefined ? samples : [...samples, test];
}

async function eslintFindings(input: IntegrityInput, baseRoot: string, configs: readonly ChangedFile[]): Promise<RawFinding[]> {
  const samples = sampleFiles(input).filter((file) => existsSync(path.join(baseRoot, file)));
  if (samples.length === 0) return [];
  const loosened = await compareEslintConfigs(baseRoot, input.root, input.config.lint, samples);
  const changedConfig = configs.find((file) => file.newPath !== undefined) ?? configs[0];
  const shown = changedConfig?.newPath ?? changedConfig?.oldPath ?? 'eslint.config.js';
  const text = changedConfig?.newPath === undefined ? undefined : input.change.readHead(changedConfig.newPath);
  const names = ['off', 'warn', 'error'];
  return loosened.map((rule) => ({
    ruleId: INTEGRITY_RULES.eslintConfigLoosened,
    file: shown,
    line: lineOfPath(text, [rule.ruleId]),
    column: 1,
    message: `The ESLint rule ${rule.ruleId} is now ${names[rule.after] ?? rule.after} for ${rule.files.join(', ')}, was ${names[rule.before] ?? rule.before} at ${input.change.against}.`,
    hint: 'Fix what the rule reports instead of turning it down; if the rule is wrong for these files, justify it with `// npvguard-justify: <reason>`.',
    fingerprintParts: [rule.ruleId, String(rule.before), String(rule.after)],
    data: { rule: rule.ruleId, before: rule.before, after: rule.after, files: rule.files },
  }));
}

function tsconfigFindings(input: IntegrityInput, baseRoot: string, changed: readonly ChangedFile[]): RawFinding[] {
  const project = input.config.tsconfig ?? 'tsconfig.json';
  const candidates = new Set<string>([project, ...changed.map((file) => file.newPath).filter((file): file is string => file !== undefined)]);
  const findings: RawFinding[] = [];
  const reported = new Set<string>();
  for (const file of candidates) {
    const baseFile = path.join(baseRoot, file);
    const headFile = path.join(input.root, file);
    if (!existsSync(baseFile) || !existsSync(headFile)) continue;
    for (const loosening of compareCompilerOptions(effectiveOptions(baseFile, 'base'), effectiveOptions(headFile, 'head'))) {
      if (reported.has(loosening.option)) continue;
      reported.add(loosening.option);
      // Point at the tsconfig that writes the option, when the change touched it; else at the project's.
      const writer = changed.map((entry) => entry.newPath).find((entry): entry is string => entry !== undefined && lineOfPath(input.change.readHead(entry), [loosening.option]) > 1);
      const shown = writer ?? file;
      findings.push({
        ruleId: INTEGRITY_RULES.tsconfigLoosened,
        file: shown,
        line: lineOfPath(input.change.readHead(shown), [loosening.option]),
        column: 1,
        message: `The compiler option ${loosening.option} is now ${loosening.after} for ${file}, was ${loosening.before} at ${input.change.against}: type errors it caught now compile.`,
        hint: `Keep ${loosening.option} as it was and fix the errors it reports.`,
        fingerprintParts: [loosening.option],
        data: { option: loosening.option, tsconfig: file },
      });
    }
  }
  return findings;
}

/**
 * Configuration loosened by the change: npvguard configs (changed, or reading a changed file through their
 * imports), ESLint configs, tsconfigs. Each is compared by meaning (loaded, so constants, imports and arithmetic
 * are values) at the base commit (checked out in a temporary worktree, so relative imports and `extends` resolve
 * there) and at head. No worktree is made unless such a file changed.
 */
export async function configFindings(input: IntegrityInput): Promise<RawFinding[]> {
  const named = (pattern: RegExp) => input.changed.filter((file) => pattern.test(file.newPath ?? '') || pattern.test(file.oldPath ?? ''));
  const npvguardConfigs = named(NPVGUARD_CONFIG);
  const lintConfig = input.config.lint?.config;
  const eslintConfigs = input.changed.filter((file) => ESLINT_CONFIG.test(file.newPath ?? file.oldPath ?? '') || (lintConfig !== undefined && (file.newPath ?? file.oldPath) === path.posix.normalize(lintConfig)));
  const tsconfigs = named(TSCONFIG);
  const imported = npvguardConfigs.length === 0 ? await configThroughImports(input, CONFIG_NAMES) : undefined;
  if (eslintConfigs.length === 0) {
    const eslintImported = await configThroughImports(input, lintConfig === undefined ? ESLINT_CONFIG_NAMES : [path.posix.normalize(lintConfig)]);
    if (eslintImported !== undefined) eslintConfigs.push(eslintImported.file);
  }
  if (npvguardConfigs.length === 0 && imported === undefined && eslintConfigs.length === 0 && !input.change.tsconfigChanged) return [];
  return input.withBaseTree(async (baseRoot) => {
    const findings: RawFinding[] = [];
    for (const file of npvguardConfigs) findings.push(...(await npvguardFindings(input, baseRoot, file)));
    if (imported !== undefined) findings.push(...(await npvguardFindings(input, baseRoot, imported.file, imported.through)));
    if (eslintConfigs.length > 0) findings.push(...(await eslintFindings(input, baseRoot, eslintConfigs)));
    if (input.change.tsconfigChanged) findings.push(...tsconfigFindings(input, baseRoot, tsconfigs));
    return findings;
  });
}
