import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { RepositoryChange } from '@npvguard/core';

/** Which files a lint run under `--base` covers. */
export type LintScope =
  | { kind: 'all'; reason: string }
  | { kind: 'affected'; files: string[]; changed: number };

export interface AffectedInput {
  /** Absolute project root. */
  root: string;
  /** Every file of the project (repo-relative POSIX): the import graph is built over these. */
  projectFiles: readonly string[];
  /** The files the lint check would lint without a scope. */
  lintable: readonly string[];
  /** Reads what the change touches in the repository (the run's change source). */
  repository: () => Promise<RepositoryChange>;
  /** The ESLint config file in use (absolute), when there is one: a change to it changes every file's result. */
  eslintConfig?: string;
  /** The tsconfig the import graph resolves with (root-relative; default `tsconfig.json`). */
  tsconfig?: string;
}

/** Files whose change can change what ESLint reports on any file: configs, manifests, lockfiles, declarations. */
const SETTINGS_FILE =
  /(?:^|\/)(?:eslint\.config\.[cm]?[jt]s|\.eslintrc(?:\.[a-z]+)?|\.eslintignore|[^/]*tsconfig[^/]*\.json|jsconfig[^/]*\.json|package\.json|package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|npvguard\.config\.(?:[cm]?[jt]s|json))$|\.d\.[cm]?ts$/;

/** Files no linted file can depend on: prose and images. */
const INERT_FILE = /\.(?:md|mdx|markdown|txt|rst|adoc|png|jpe?g|gif|svg|webp|ico)$/i;

/** A module that declares globals or augments another module changes types beyond its importers. */
const AMBIENT_DECLARATION = /\bdeclare\s+(?:global\b|module\s+['"])/;

function toPosix(file: string): string {
  return file.split(path.sep).join('/');
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * The files a change can affect, for linting under `--base`: every file it touches (committed since the base,
 * uncommitted or untracked) and every project file that imports one of them, directly or through others,
 * since type-aware rules see the types of what a file imports. A file outside that set has the same text and
 * the same dependencies as at the base, so ESLint reports the same on it there, and the base comparison would
 * mark all of it as already present: it cannot change the verdict. Everything is linted (`all`) when that
 * reasoning does not hold: a change to an ESLint, TypeScript or npvguard config, a manifest or lockfile, a
 * declaration file, a module declaring globals or augmenting a module, or any non-prose file outside the
 * project; or when git or the import graph cannot tell.
 */
export async function affectedFiles(input: AffectedInput): Promise<LintScope> {
  const { root } = input;
  let repository: RepositoryChange;
  try {
    repository = await input.repository();
  } catch (error) {
    const cause = error instanceof Error ? error.message : String(error);
    return { kind: 'all', reason: `git could not list the change (${cause.replace(/\s+/g, ' ').trim()})` };
  }
  // Ambient declarations added or removed anywhere in the change.
  if (repository.diff.split('\n').some((line) => /^[+-](?![+-]{2} )/.test(line) && AMBIENT_DECLARATION.test(line))) {
    return { kind: 'all', reason: 'the change adds or removes a global declaration or module augmentation' };
  }
  const changedPaths = repository.paths;
  const rootFromTop = repository.projectFromTop;
  const eslintConfig = input.eslintConfig === undefined ? undefined : toPosix(path.relative(root, input.eslintConfig));
  const seeds: string[] = [];
  for (const fromTop of changedPaths) {
    const inProject = rootFromTop === '' ? fromTop : fromTop.startsWith(`${rootFromTop}/`) ? fromTop.slice(rootFromTop.length + 1) : undefined;
    if (INERT_FILE.test(fromTop)) continue;
    if (inProject === undefined) return { kind: 'all', reason: `${fromTop}, outside the project, changed` };
    if (inProject.split('/').includes('node_modules')) return { kind: 'all', reason: `${inProject} changed` };
    if (SETTINGS_FILE.test(inProject) || inProject === eslintConfig) return { kind: 'all', reason: `${inProject} changed` };
    const text = readText(path.join(root, inProject));
    if (text !== undefined && AMBIENT_DECLARATION.test(text)) return { kind: 'all', reason: `${inProject} declares globals or augments a module` };
    seeds.push(inProject);
  }
  let graph;
  try {
    // Imported here, once ESLint (and the TypeScript it loads) is in: the boundaries machinery registers its own
    // TypeScript instance in require's cache, which must not race ESLint's import of that same module.
    const { importGraph } = await import('../boundaries/importGraph.js');
    graph = importGraph(root, input.projectFiles, input.tsconfig);
  } catch (error) {
    return { kind: 'all', reason: `the import graph could not be built (${error instanceof Error ? error.message : String(error)})` };
  }
  const affected = new Set<string>();
  const queue = [...seeds, ...graph.unresolved];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (affected.has(file)) continue;
    affected.add(file);
    queue.push(...graph.importersOf(file));
  }
  const lintable = new Set(input.lintable);
  return { kind: 'affected', files: [...affected].filter((file) => lintable.has(file) && existsSync(path.join(root, file))).sort(), changed: seeds.length };
}
