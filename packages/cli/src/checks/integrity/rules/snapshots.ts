import path from 'node:path';
import { compileGlob, globList, type ChangedFile, type Globs } from '@npvguard/core';
import { INTEGRITY_RULES } from '../meta.js';
import { decideRouteChange } from '../routeCode/routeChange.js';
import type { IntegrityInput, RawFinding } from '../types.js';
import { typescript } from '../../../modules/typescript.js';

// Data files only: code kept beside the snapshots (invariants, a model's feature spec) is not a snapshot.
const DEFAULT_SNAPSHOTS = ['contracts/**/*.{json,yaml,yml}', '**/openapi.{json,yaml,yml}'];

const MESSAGE = 'The change edits this contract snapshot but no route code, so the snapshot no longer describes what the code serves.';
const HINT = 'Regenerate the snapshot from the code (`npvguard contracts update`), or change the routes the snapshot describes.';

function matcher(globs: readonly string[]): (file: string) => boolean {
  const compiled = globs.map((glob) => compileGlob(glob));
  return (file) => compiled.some((glob) => glob.matches(file));
}

/** The contracts section's own snapshot path, read without depending on that section's type. */
function contractsSnapshot(contracts: unknown): string[] {
  if (typeof contracts !== 'object' || contracts === null || !('snapshot' in contracts)) return [];
  const { snapshot } = contracts;
  return typeof snapshot === 'string' ? [snapshot.replace(/^\.\//, '')] : [];
}

/** The module `contracts.app` names (`./src/app.ts#buildApp` → `src/app.ts`), read without depending on that section's type. */
function contractsApp(contracts: unknown): string | undefined {
  if (typeof contracts !== 'object' || contracts === null || !('app' in contracts)) return undefined;
  const { app } = contracts;
  if (typeof app !== 'string') return undefined;
  const hash = app.lastIndexOf('#');
  return path.posix.normalize(hash === -1 ? app : app.slice(0, hash));
}

function firstLine(lines: ReadonlySet<number>): number {
  return lines.size === 0 ? 1 : Math.min(...lines);
}

function paths(file: ChangedFile): string[] {
  return [file.newPath, file.oldPath].filter((entry): entry is string => entry !== undefined);
}

function list(files: readonly string[]): string {
  return files.length <= 3 ? files.join(', ') : `${files.slice(0, 3).join(', ')} and ${files.length - 3} more`;
}

/** The tokens of a source text, comments and whitespace left out. */
function tokens(text: string): string[] {
  const scanner = typescript.createScanner(typescript.ScriptTarget.Latest, true, typescript.LanguageVariant.Standard, text);
  const found: string[] = [];
  for (let kind = scanner.scan(); kind !== typescript.SyntaxKind.EndOfFileToken; kind = scanner.scan()) found.push(scanner.getTokenText());
  return found;
}

/**
 * Changed source files whose code is the same on both sides, only comments or layout edited (a doc comment on a
 * schema): they change nothing a route serves. Added, deleted, renamed and non-source files are never among them.
 */
async function commentOnly(input: IntegrityInput, isSnapshot: (file: string) => boolean): Promise<Set<string>> {
  const same = new Set<string>();
  for (const file of input.changed) {
    if (file.oldPath === undefined || file.newPath === undefined || file.oldPath !== file.newPath || isSnapshot(file.newPath) || input.isTest(file.newPath)) continue;
    const { base, head } = await input.versions(file);
    if (base === undefined || head === undefined) continue;
    const before = tokens(base.text);
    const after = tokens(head.text);
    if (before.length === after.length && before.every((token, index) => token === after[index])) same.add(file.newPath);
  }
  return same;
}

/** What the rule concluded about a change that edits snapshots; undefined when the change follows route code. */
type Verdict = { severity: 'error' | 'warning'; message: string; hint: string; data: Record<string, unknown> };

/**
 * Whether route code changed. Route code is what the routes' registrations, schemas and handlers import, at the
 * head and at the base (a constant of another layer that a schema uses counts), plus the `integrity.routes` globs.
 * When imports cannot tell, the globs decide (the project's source files when unset), and the finding says so:
 * a warning when a file they match changed, an error when none did.
 */
async function verdict(input: IntegrityInput, isSnapshot: (file: string) => boolean): Promise<Verdict | undefined> {
  const unchangedCode = await commentOnly(input, isSnapshot);
  const changed = [...new Set(input.changed.flatMap(paths))].filter((file) => !isSnapshot(file) && !input.isTest(file) && !unchangedCode.has(file));
  if (changed.length === 0) {
    const only = [...unchangedCode].sort();
    const message = only.length === 0 ? MESSAGE : `The change edits this contract snapshot, and of the code only comments or layout (in ${list(only)}), so the snapshot no longer describes what the code serves.`;
    return { severity: 'error', message, hint: HINT, data: { routeCode: 'none-changed', ...(only.length === 0 ? {} : { commentOnly: only }) } };
  }
  const routes = input.config.integrity?.routes;
  const configured = routes === undefined ? undefined : matcher(globList(routes));
  if (configured !== undefined && changed.some(configured)) return undefined;
  const appModule = contractsApp(input.config.contracts);
  const decision = await decideRouteChange({
    root: input.root,
    sources: input.files.filter((file) => !input.isTest(file)),
    changed,
    basePaths: input.changed.flatMap((file) => (file.oldPath === undefined || input.isTest(file.oldPath) ? [] : [file.oldPath])),
    tsconfig: input.config.tsconfig ?? 'tsconfig.json',
    ...(appModule === undefined ? {} : { appModule }),
    withBaseTree: input.withBaseTree,
  });
  if (decision.kind === 'changed') return undefined;
  if (decision.kind === 'unchanged') {
    return {
      severity: 'error',
      message: `The change edits this contract snapshot but no route code (the files registering routes, ${list(decision.roots)}, and every module they import), so the snapshot no longer describes what the code serves.`,
      hint: HINT,
      data: { routeCode: 'imports', roots: decision.roots },
    };
  }
  const fallback = configured ?? ((file: string) => input.files.includes(file));
  const globs = configured === undefined ? "the project's source files (`include`)" : 'the `integrity.routes` globs';
  const matched = changed.find(fallback);
  if (matched === undefined) {
    return {
      severity: 'error',
      message: `${MESSAGE} Route code was told by ${globs}, because imports could not tell: ${decision.reason}.`,
      hint: HINT,
      data: { routeCode: 'globs', reason: decision.reason },
    };
  }
  return {
    severity: 'warning',
    message: `The change edits this contract snapshot, and whether it changes route code could not be told from imports (${decision.reason}); ${matched} changed and is route code by ${globs}, so the snapshot is taken as following it.`,
    hint: 'Make the route code resolvable (register routes with fastify, fix the imports named), or name it in `integrity.routes`.',
    data: { routeCode: 'globs', reason: decision.reason, matched },
  };
}

/**
 * A contract snapshot is generated from route code; a change that edits the snapshot but no route code made
 * the snapshot agree with a check instead of with the code.
 */
export async function snapshotFindings(input: IntegrityInput): Promise<RawFinding[]> {
  const configured: Globs | undefined = input.config.integrity?.contractSnapshots;
  const isSnapshot = matcher(configured === undefined ? [...contractsSnapshot(input.config.contracts), ...DEFAULT_SNAPSHOTS] : globList(configured));
  const snapshots = input.changed.filter((file) => paths(file).some(isSnapshot));
  if (snapshots.length === 0) return [];
  const found = await verdict(input, isSnapshot);
  if (found === undefined) return [];
  return snapshots.map((file) => ({
    ruleId: INTEGRITY_RULES.snapshotWithoutRouteChange,
    file: file.newPath ?? file.oldPath ?? '',
    line: file.newPath === undefined ? 1 : firstLine(file.added),
    column: 1,
    message: found.message,
    hint: found.hint,
    fingerprintParts: ['snapshot'],
    ...(found.severity === 'warning' ? { severity: 'warning' as const } : {}),
    data: found.data,
  }));
}
