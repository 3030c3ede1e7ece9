import path from 'node:path';
import { matchesNamePattern } from '@npvguard/core';
import picomatch from 'picomatch';

interface FileContext {
  readonly cwd: string;
  readonly filename: string;
}

/** The linted file's path relative to the ESLint working directory, with `/` separators. */
export function relativeFilePath(context: FileContext): string {
  // Linter users may pass a relative filename; it is relative to the cwd, not to this process.
  const relative = path.relative(context.cwd, path.resolve(context.cwd, context.filename));
  return relative.split(path.sep).join('/');
}

const matcherCache = new Map<string, picomatch.Matcher>();

function compiledMatcher(globs: readonly string[]): picomatch.Matcher {
  const key = JSON.stringify(globs);
  let matcher = matcherCache.get(key);
  if (!matcher) {
    matcher = picomatch(globs.map(normalizeGlob), { dot: true });
    matcherCache.set(key, matcher);
  }
  return matcher;
}

function normalizeGlob(glob: string): string {
  let normalized = glob.replace(/\\/g, '/');
  while (normalized.startsWith('./')) normalized = normalized.slice(2);
  return normalized.endsWith('/') ? `${normalized}**` : normalized;
}

/** Whether a path relative to the ESLint cwd (with `/` separators) matches one of `globs`. */
export function pathMatches(relative: string, globs: readonly string[]): boolean {
  if (globs.length === 0) return false;
  return compiledMatcher(globs)(relative);
}

/** Whether the linted file matches one of `globs` (relative to the ESLint cwd; `./` and trailing `/` accepted). */
export function fileMatches(context: FileContext, globs: readonly string[]): boolean {
  return pathMatches(relativeFilePath(context), globs);
}

/**
 * Whether an identifier matches one of `patterns` (`*sink*`, `create*Client`), ignoring case so
 * `eventSink`, `EventSink` and `EVENT_SINK` all follow one convention (the outbound model's name patterns).
 */
export function nameMatches(name: string | undefined, patterns: readonly string[]): boolean {
  if (name === undefined || patterns.length === 0) return false;
  return matchesNamePattern(name, patterns);
}
