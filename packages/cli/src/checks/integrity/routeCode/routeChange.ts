import type { ChangeSource } from '@npvguard/core';
import { routeCodeIn, type RouteCode } from './routeCode.js';

/** Whether a change touches the code behind the routes, as far as imports tell. */
export type RouteChange =
  /** `file` changed and lies in the route code at the head or at the base. */
  | { kind: 'changed'; file: string }
  /** The route code is known on both sides and none of it changed; `roots` are the files registering routes. */
  | { kind: 'unchanged'; roots: string[] }
  /** Imports could not tell (no route found, a file unparsable, an import unresolved): the reason. */
  | { kind: 'undecided'; reason: string };

export interface RouteChangeInput {
  /** The project folder, absolute. */
  root: string;
  /** The project's source files at the head that may register routes (tests left out). */
  sources: readonly string[];
  /** Paths the change touches (new and old paths; snapshots and tests left out). */
  changed: readonly string[];
  /** Old paths of changed files: at the base, these are the only files that may register routes the head's do not. */
  basePaths: readonly string[];
  tsconfig: string;
  appModule?: string;
  withBaseTree: ChangeSource['withBaseTree'];
}

const GAPS_SHOWN = 3;

function describeGaps(gaps: readonly string[]): string {
  const shown = gaps.slice(0, GAPS_SHOWN).join('; ');
  return gaps.length > GAPS_SHOWN ? `${shown}; and ${gaps.length - GAPS_SHOWN} more` : shown;
}

function touched(code: RouteCode, changed: readonly string[]): string | undefined {
  return changed.find((file) => code.files.has(file));
}

/**
 * Decides whether a change touches route code: the head's route code first (most changes are decided there),
 * then the base's, checked out, so a route, schema or constant the change deletes counts too. Base candidates are
 * the head's route files and the changed files' old paths: every other file is the same on both sides.
 */
export async function decideRouteChange(input: RouteChangeInput): Promise<RouteChange> {
  const shared = { tsconfig: input.tsconfig, ...(input.appModule === undefined ? {} : { appModule: input.appModule }) };
  const head = await routeCodeIn({ root: input.root, candidates: input.sources, ...shared });
  const atHead = touched(head, input.changed);
  if (atHead !== undefined) return { kind: 'changed', file: atHead };
  const baseCandidates = [...new Set([...head.roots, ...head.mounts, ...input.basePaths])];
  let base: RouteCode;
  try {
    base = await input.withBaseTree(async (baseRoot) => {
      const code = await routeCodeIn({ root: baseRoot, candidates: baseCandidates, ...shared });
      // Gaps name files of the checkout: name them as in the project, so one gap on both sides is told once.
      return { ...code, gaps: code.gaps.map((gap) => gap.split(baseRoot).join(input.root)) };
    });
  } catch (error) {
    const cause = error instanceof Error ? error.message : String(error);
    return { kind: 'undecided', reason: `the base could not be checked out to compare (${cause.split('\n')[0] ?? cause})` };
  }
  const atBase = touched(base, input.changed);
  if (atBase !== undefined) return { kind: 'changed', file: atBase };
  const gaps = [...head.gaps, ...base.gaps.filter((gap) => !head.gaps.includes(gap))];
  if (gaps.length > 0) return { kind: 'undecided', reason: `some imports could not be followed: ${describeGaps(gaps)}` };
  const roots = [...new Set([...head.roots, ...base.roots])].sort();
  if (roots.length === 0) return { kind: 'undecided', reason: 'no source file registers a route' };
  return { kind: 'unchanged', roots };
}
