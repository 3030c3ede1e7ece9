import { compileGlob, globList, type Globs } from '@npvguard/core';
import { INTEGRITY_RULES } from '../meta.js';
import type { IntegrityInput, RawFinding } from '../types.js';

// Data files only: code kept beside the snapshots (invariants, a model's feature spec) is not a snapshot.
const DEFAULT_SNAPSHOTS = ['contracts/**/*.{json,yaml,yml}', '**/openapi.{json,yaml,yml}'];

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

function firstLine(lines: ReadonlySet<number>): number {
  return lines.size === 0 ? 1 : Math.min(...lines);
}

/**
 * A contract snapshot is generated from route code; a change that edits the snapshot but no route code made
 * the snapshot agree with a check instead of with the code.
 */
export function snapshotFindings(input: IntegrityInput): RawFinding[] {
  const configured: Globs | undefined = input.config.integrity?.contractSnapshots;
  const isSnapshot = matcher(configured === undefined ? [...contractsSnapshot(input.config.contracts), ...DEFAULT_SNAPSHOTS] : globList(configured));
  const routes = input.config.integrity?.routes;
  const isRoute = routes === undefined ? (file: string) => input.files.includes(file) : matcher(globList(routes));
  const paths = (file: { newPath?: string; oldPath?: string }): string[] => [file.newPath, file.oldPath].filter((entry): entry is string => entry !== undefined);
  const snapshots = input.changed.filter((file) => paths(file).some(isSnapshot));
  if (snapshots.length === 0) return [];
  const routeChanged = input.changed.some((file) => paths(file).some((entry) => isRoute(entry) && !isSnapshot(entry) && !input.isTest(entry)));
  if (routeChanged) return [];
  return snapshots.map((file) => ({
    ruleId: INTEGRITY_RULES.snapshotWithoutRouteChange,
    file: file.newPath ?? file.oldPath ?? '',
    line: file.newPath === undefined ? 1 : firstLine(file.added),
    column: 1,
    message: 'The change edits this contract snapshot but no route code, so the snapshot no longer describes what the code serves.',
    hint: 'Regenerate the snapshot from the code (`npvguard contracts update`), or change the routes the snapshot describes.',
    fingerprintParts: ['snapshot'],
  }));
}
