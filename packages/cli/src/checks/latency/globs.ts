import { compileGlob, globList, type Globs } from '@npvguard/core';

/** One predicate for a config glob list; no globs match nothing. */
export function compileGlobs(globs: Globs | undefined): (file: string) => boolean {
  const matchers = globList(globs).map(compileGlob);
  return (file) => matchers.some((matcher) => matcher.matches(file));
}
