import { type Change, type ChangeSource, type RepositoryChange } from '@npvguard/core';
import { readFileAtRef } from './readAt.js';
import { readChange, resolveAgainst } from './readChange.js';
import { readRepositoryChange } from './repository.js';
import { withBaseTree, type ResolvedBase } from './tree.js';

/**
 * The change under check for one run, as checks see it (`CheckContext.change`): the only place git runs on behalf
 * of a check. Each part is read once, when first asked for, and shared by every check of the run.
 */
export function createChangeSource(root: string, ref: string | undefined, resolved?: ResolvedBase): ChangeSource {
  let base: Promise<ResolvedBase> | undefined;
  let change: Promise<Change> | undefined;
  let repository: Promise<RepositoryChange> | undefined;
  // Without --base the change is the uncommitted work, against HEAD.
  const resolvedBase = (): Promise<ResolvedBase> => {
    base ??= resolved !== undefined ? Promise.resolve(resolved) : resolveAgainst(root, ref);
    return base;
  };
  return {
    ...(ref === undefined ? {} : { ref }),
    read() {
      change ??= resolvedBase().then((at) => readChange(root, ref, at));
      return change;
    },
    repository() {
      repository ??= resolvedBase().then((at) => readRepositoryChange(root, at));
      return repository;
    },
    readAt(at, file) {
      return readFileAtRef(root, at, file);
    },
    async withBaseTree(work) {
      return withBaseTree(await resolvedBase(), root, work);
    },
  };
}
