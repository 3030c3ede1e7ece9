import picomatch from 'picomatch';
import type { Globs } from '../config.js';

/**
 * How specific a glob is, compared field by field (higher wins):
 * literal leading segments (`src/server/**` → 2), literal segments anywhere, literal characters.
 * Folder-shaped layers therefore lose to a narrower folder or a single file inside them.
 */
export type Specificity = readonly [leadingLiteralSegments: number, literalSegments: number, literalCharacters: number];

export interface GlobMatcher {
  readonly glob: string;
  readonly specificity: Specificity;
  matches(path: string): boolean;
}

const GLOB_CHARACTERS = /[*?[\]{}()!]/;

export function isGlobPattern(pattern: string): boolean {
  return GLOB_CHARACTERS.test(pattern);
}

export function globList(globs: Globs | undefined): readonly string[] {
  if (globs === undefined) return [];
  return typeof globs === 'string' ? [globs] : globs;
}

export function globSpecificity(glob: string): Specificity {
  const segments = normalizeGlob(glob).split('/');
  let leading = 0;
  let leadingDone = false;
  let literalSegments = 0;
  let literalCharacters = 0;
  for (const segment of segments) {
    const literal = !isGlobPattern(segment);
    if (literal) {
      literalSegments += 1;
      literalCharacters += segment.length;
    } else {
      leadingDone = true;
    }
    if (!leadingDone) leading += 1;
  }
  return [leading, literalSegments, literalCharacters];
}

/** Negative when `left` is less specific than `right`. */
export function compareSpecificity(left: Specificity, right: Specificity): number {
  for (let index = 0; index < left.length; index += 1) {
    const difference = (left[index] ?? 0) - (right[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** `./src/x` and `src/x` mean the same file; a trailing slash means the whole folder. */
export function normalizeGlob(glob: string): string {
  let normalized = glob.replace(/\\/g, '/');
  while (normalized.startsWith('./')) normalized = normalized.slice(2);
  if (normalized.endsWith('/')) normalized = `${normalized}**`;
  return normalized;
}

export function compileGlob(glob: string): GlobMatcher {
  const normalized = normalizeGlob(glob);
  // The bare regular expression: picomatch's matcher function adds work per call that layer lookups repeat thousands of times.
  const pattern = picomatch.makeRe(normalized, { dot: true });
  return { glob, specificity: globSpecificity(normalized), matches: (path: string) => pattern.test(path) };
}
