import type { Check } from '@npvguard/core';

/** What the runner may do with a check besides calling `run` in the main thread. */
export interface CheckTraits {
  /**
   * The check can run in a worker thread, which finds it by id in the registry: it needs nothing from its context
   * but plain data (root, config, files, paths) and reports plain data. CPU-bound checks (a TypeScript program
   * each) then run side by side.
   */
  worker?: boolean;
  /**
   * Each finding depends only on the file it is reported in (ESLint's model: a rule sees one file, with type
   * information from the whole program). At `--base` such a check needs to run only on the files holding head findings.
   */
  findingsPerFile?: boolean;
}

const TRAITS = new WeakMap<Check, CheckTraits>();

/** Declares the traits of a registered check; returns the check itself. */
export function withTraits(check: Check, traits: CheckTraits): Check {
  TRAITS.set(check, traits);
  return check;
}

/** A check's traits; none for a check that declared nothing (it runs in the main thread, on the whole project). */
export function traitsOf(check: Check): CheckTraits {
  return TRAITS.get(check) ?? {};
}
