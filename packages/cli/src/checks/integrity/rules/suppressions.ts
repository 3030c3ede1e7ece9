import { INTEGRITY_RULES } from '../meta.js';
import { findOccurrences, type Occurrence, type OccurrenceKind } from '../source/occurrences.js';
import type { IntegrityInput, RawFinding } from '../types.js';

const RULE_OF: Record<OccurrenceKind, string> = {
  'eslint-disable': INTEGRITY_RULES.eslintDisable,
  'ts-suppression': INTEGRITY_RULES.tsSuppression,
  'as-any': INTEGRITY_RULES.asAny,
  'as-unknown-as': INTEGRITY_RULES.asUnknownAs,
  'skipped-test': INTEGRITY_RULES.skippedTest,
  'focused-test': INTEGRITY_RULES.focusedTest,
};

const WHY: Record<OccurrenceKind, { message: string; hint: string }> = {
  'eslint-disable': {
    message: 'silences ESLint here, so whatever the rule would report is no longer seen by anyone.',
    hint: 'Fix what the rule reports; if the rule is wrong here, add `// npvguard-justify: <reason>` on the line above.',
  },
  'ts-suppression': {
    message: 'turns off type checking here, so a real type error ships unseen.',
    hint: 'Fix the type error (narrow the value, correct the type); justify with `// npvguard-justify: <reason>` if it truly cannot be.',
  },
  'as-any': {
    message: 'drops all type checking of this value and everything derived from it.',
    hint: 'Give the value its real type, or narrow an `unknown` with a type guard.',
  },
  'as-unknown-as': {
    message: 'forces a type the compiler could not confirm, hiding a mismatch instead of fixing it.',
    hint: 'Convert or validate the value (a schema check, a mapping function) so its type is proven.',
  },
  'skipped-test': {
    message: 'stops a test from running, so the behaviour it guards is no longer checked.',
    hint: 'Make the test pass instead of skipping it, or delete it with the behaviour it tests.',
  },
  'focused-test': {
    message: 'runs only this test in its file, silently skipping all the others.',
    hint: 'Remove `.only` (or the `f` prefix) before committing.',
  },
};

interface Located extends Occurrence {
  file: string;
}

function identity(occurrence: Occurrence): string {
  return `${occurrence.kind}\u0000${occurrence.key}`;
}

/** Consumes one matching base occurrence, if any is left; returns whether it did. */
function consume(pool: Map<string, Located[]>, key: string, accept: (candidate: Located) => boolean): boolean {
  const candidates = pool.get(key) ?? [];
  const index = candidates.findIndex(accept);
  if (index === -1) return false;
  candidates.splice(index, 1);
  return true;
}

function group(occurrences: readonly Located[], key: (occurrence: Located) => string): Map<string, Located[]> {
  const pool = new Map<string, Located[]>();
  for (const occurrence of occurrences) pool.set(key(occurrence), [...(pool.get(key(occurrence)) ?? []), occurrence]);
  return pool;
}

/**
 * New suppressions, casts and test modifiers: those on added lines at head that do not match one on removed
 * lines at base. Matching is by kind and text anywhere in the change first (code moved between files keeps
 * its old suppression), then by kind within the same file (a line edited around an existing one).
 */
export async function suppressionFindings(input: IntegrityInput): Promise<RawFinding[]> {
  const added: Located[] = [];
  const removed: Located[] = [];
  for (const file of input.changed) {
    const versions = await input.versions(file);
    if (versions.head !== undefined && file.newPath !== undefined) {
      const newPath = file.newPath;
      // A test double is built with `as unknown as Port` on purpose (a stub implements only what the test calls);
      // `as any` stays reported everywhere, since it also switches off checking of everything derived from it.
      const inTest = input.isTest(newPath);
      added.push(
        ...findOccurrences(versions.head)
          .filter((found) => file.added.has(found.line) && !(inTest && found.kind === 'as-unknown-as'))
          .map((found) => ({ ...found, file: newPath })),
      );
    }
    if (versions.base !== undefined && file.oldPath !== undefined) {
      const sameFile = file.newPath ?? file.oldPath;
      removed.push(...findOccurrences(versions.base).filter((found) => file.removed.has(found.line)).map((found) => ({ ...found, file: sameFile })));
    }
  }
  const byIdentity = group(removed, identity);
  const unmatched = added.filter((occurrence) => !consume(byIdentity, identity(occurrence), () => true));
  const left = [...byIdentity.values()].flat();
  const byKindInFile = group(left, (occurrence) => `${occurrence.kind}\u0000${occurrence.file}`);
  const fresh = unmatched.filter((occurrence) => !consume(byKindInFile, `${occurrence.kind}\u0000${occurrence.file}`, () => true));
  return fresh.map((occurrence) => ({
    ruleId: RULE_OF[occurrence.kind],
    file: occurrence.file,
    line: occurrence.line,
    column: occurrence.column,
    message: `The change adds ${occurrence.label}, which ${WHY[occurrence.kind].message}`,
    hint: WHY[occurrence.kind].hint,
    fingerprintParts: [occurrence.key],
    data: { construct: occurrence.label },
  }));
}
