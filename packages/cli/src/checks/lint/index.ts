// First: TypeScript, loaded with a code cache before ESLint's parser requires it.
import { saveTypeScriptCodeCache } from '../../modules/typescript.js';
import path from 'node:path';
import { isWithinPaths, NpvError, type CheckContext, type LintConfig } from '@npvguard/core';
import { affectedFiles, type LintScope } from './affected.js';
import type { LintData } from './data.js';
import { createEslint } from './createEslint.js';
import { toFindings } from './toFindings.js';

export { lintMeta, LINT_RULES } from './meta.js';
export { lintRuleId } from '../../modules/lintRuleIds.js';
export { createEslint, recommendedConfig } from './createEslint.js';

/** Extensions ESLint can parse with a JavaScript or TypeScript parser. */
const LINTABLE = /\.(?:[cm]?[jt]s|[jt]sx)$/;

function oneLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').trim();
}

/** A package folder as shown in the check's data: root-relative inside the project, else absolute. */
function shownPath(root: string, folder: string): string {
  const relative = path.relative(root, folder);
  return relative.startsWith('..') || path.isAbsolute(relative) ? folder : relative.split(path.sep).join('/');
}

/**
 * Runs `lint` with typescript-eslint's one-shot guess turned off. From `CI=true` it would otherwise infer a single
 * run and keep the first TypeScript program it builds for each tsconfig for the life of the process; npvguard
 * lints the same project again in one process (the MCP server, hooks, `--base`), where a stale program gives
 * wrong types or crashes a type-aware rule. An explicit `TSESTREE_SINGLE_RUN` is left as the user set it.
 */
let lintsRunning = 0;
async function withoutSingleRunGuess<T>(lint: () => Promise<T>): Promise<T> {
  // eslint-disable-next-line npvguard/no-process-env-outside-config -- written for typescript-eslint, which reads it there; not a setting of ours
  const env = process.env;
  if (lintsRunning === 0 && env.TSESTREE_SINGLE_RUN !== undefined) return lint();
  lintsRunning += 1;
  env.TSESTREE_SINGLE_RUN = 'false';
  try {
    return await lint();
  } finally {
    lintsRunning -= 1;
    if (lintsRunning === 0) delete env.TSESTREE_SINGLE_RUN;
  }
}

/**
 * Under `--base` (at the head, with `lint.scope` 'affected', the default), the files the change can affect;
 * undefined when every selected file is linted anyway.
 */
async function lintScope(context: CheckContext, lint: LintConfig, files: readonly string[], configFile: string | undefined): Promise<LintScope | undefined> {
  if (context.base === undefined || context.atBase === true || (lint.scope ?? 'affected') === 'all') return undefined;
  return affectedFiles({
    root: context.root,
    projectFiles: context.files,
    lintable: files,
    repository: () => context.change.repository(),
    ...(configFile === undefined ? {} : { eslintConfig: configFile }),
    ...(context.config.tsconfig === undefined ? {} : { tsconfig: context.config.tsconfig }),
  });
}

/**
 * The lint check: ESLint on the project's files (restricted to the given paths), each message a finding.
 * A config that does not load stops the check (NPV1301); a crash inside a rule too (NPV2301).
 */
export async function runLint(context: CheckContext<LintData>): Promise<void> {
  const lint = context.config.lint;
  if (lint === undefined) throw new NpvError('NPV1008', 'The lint check needs a `lint` section in the config.');
  let files = context.files.filter((file) => LINTABLE.test(file) && isWithinPaths(file, context.paths));
  const { eslint, configFile, used, typescript } = await createEslint(context.root, lint);
  const shownConfig = configFile === undefined ? 'eslint-plugin-npvguard recommended' : path.relative(context.root, configFile).split(path.sep).join('/');
  const tools: Pick<LintData, 'eslint' | 'typescript'> = {
    eslint: { ...used, path: shownPath(context.root, used.path) },
    ...(typescript === undefined ? {} : { typescript: { ...typescript, path: shownPath(context.root, typescript.path) } }),
  };
  const scope = await lintScope(context, lint, files, configFile);
  if (scope?.kind === 'affected') {
    files = files.filter((file) => scope.files.includes(file));
    context.examined?.(files);
  }
  const scopeData: Pick<LintData, 'scope'> = scope === undefined ? {} : { scope: scope.kind === 'affected' ? { kind: 'affected', changedFiles: scope.changed } : scope };
  if (files.length === 0) {
    context.setData({ config: shownConfig, ...tools, filesLinted: 0, filesIgnored: 0, ...scopeData });
    return;
  }
  const absolute = files.map((file) => path.join(context.root, file));
  try {
    // Loads (and so checks) the config once, before any file is linted, to tell a config error from a crash.
    await eslint.calculateConfigForFile(absolute[0] ?? context.root);
  } catch (error) {
    throw new NpvError('NPV1301', `The ESLint config ${shownConfig} could not be loaded: ${oneLine(error)}`, { file: shownConfig });
  }
  let results;
  try {
    results = await withoutSingleRunGuess(() => eslint.lintFiles(absolute));
  } catch (error) {
    throw new NpvError('NPV2301', `ESLint failed while linting: ${oneLine(error)}`, { config: shownConfig });
  }
  const relative = (file: string): string => path.relative(context.root, file).split(path.sep).join('/');
  saveTypeScriptCodeCache();
  const tally = toFindings(results, eslint.getRulesMetaForResults(results), relative);
  for (const finding of tally.findings) context.report(finding);
  context.setData({ config: shownConfig, ...tools, filesLinted: results.length - tally.ignoredFiles.length, filesIgnored: tally.ignoredFiles.length, ...scopeData });
}
