import type { ChangedFile } from '@npvguard/core';
import { INTEGRITY_RULES } from '../meta.js';
import { unchangedDependents } from '../source/dependents.js';
import { propertyRuns, type PropertyRuns } from '../source/propertyRuns.js';
import type { IntegrityInput, RawFinding } from '../types.js';

/** Files with fast-check runs worth resolving (`fc.assert(property, PARAMETERS)` need not say numRuns), when the change may have touched what they import. */
const MENTIONS_RUNS = /numRuns|configureGlobal|\.(?:assert|check)\s*\(/;

/** Why a property is not compared, in words: which side's numRuns could not be resolved, and what the other was. */
function notCompared(against: string, earlier: PropertyRuns, later: PropertyRuns): string {
  if (later.runs.known) return `it now runs ${later.runs.value} time(s), but at ${against} its numRuns could not be resolved (${earlier.runs.known ? '' : earlier.runs.reason})`;
  const before = earlier.runs.known ? `it was ${earlier.runs.value}${earlier.explicit ? '' : ' (fast-check\'s default)'}` : `it could not be resolved either (${earlier.runs.reason})`;
  return `its numRuns cannot be resolved from the source (${later.runs.reason}); at ${against} ${before}`;
}

function compare(input: IntegrityInput, file: string, before: readonly PropertyRuns[], after: readonly PropertyRuns[], through: readonly string[]): RawFinding[] {
  const findings: RawFinding[] = [];
  const earlierByKey = new Map(before.map((found) => [found.key, found]));
  const via = through.length === 0 ? '' : ` (through ${through.join(', ')})`;
  for (const later of after) {
    const earlier = earlierByKey.get(later.key);
    if (earlier === undefined) continue;
    const scope = later.key.replace(/#\d+$/, '');
    if (earlier.runs.known && later.runs.known) {
      if (later.runs.value >= earlier.runs.value) continue;
      findings.push({
        ruleId: INTEGRITY_RULES.fewerPropertyRuns,
        file,
        line: later.line,
        column: later.column,
        message: `A fast-check property in ${scope} now runs ${later.runs.value} time(s)${via}, down from ${earlier.runs.value}${earlier.explicit ? '' : ' (fast-check\'s default)'}: fewer generated cases, fewer bugs found.`,
        hint: 'Keep numRuns; if the property is slow, make each run cheaper or justify with `// npvguard-justify: <reason>`.',
        fingerprintParts: [later.key, String(earlier.runs.value), String(later.runs.value)],
        data: { before: earlier.runs.value, after: later.runs.value, ...(through.length > 0 ? { through } : {}) },
      });
      continue;
    }
    // Unresolved on both sides, written alike and for the same reason: the change did not touch this setting.
    if (!earlier.runs.known && !later.runs.known && earlier.written === later.written && earlier.runs.reason === later.runs.reason) continue;
    findings.push({
      ruleId: INTEGRITY_RULES.unresolvedValue,
      file,
      line: later.line,
      column: later.column,
      message: `A fast-check property in ${scope} is not compared with ${input.change.against}${via}: ${notCompared(input.change.against, earlier, later)}.`,
      hint: 'Write numRuns as a value the source fixes (a number, a constant, an imported constant, an `as const` object, an enum member, arithmetic on those), or justify it with `// npvguard-justify: <reason>`.',
      fingerprintParts: [later.key, 'numRuns', later.runs.known ? String(later.runs.value) : later.runs.reason],
      data: { before: earlier.runs.known ? earlier.runs.value : null, after: later.runs.known ? later.runs.value : null, ...(later.runs.known ? {} : { reason: later.runs.reason }) },
      severity: 'warning',
    });
  }
  return findings;
}

async function runsOn(input: IntegrityInput, file: ChangedFile): Promise<{ before: PropertyRuns[]; after: PropertyRuns[] } | undefined> {
  const versions = await input.versions(file);
  const base = versions.base;
  const head = versions.head;
  if (base === undefined || head === undefined) return undefined;
  const before = await input.modules('base').settle(() => propertyRuns(base, input.modules('base')));
  const after = await input.modules('head').settle(() => propertyRuns(head, input.modules('head')));
  return { before: before.result, after: after.result };
}

/**
 * Properties that run fewer times than at the base, matched by enclosing test title and position within it, with
 * numRuns resolved on each side through the files it imports as they were on that side. Test files the change did
 * not touch are compared too when their numRuns resolves through a file it did. A numRuns that cannot be resolved
 * where it could be compared is reported as such, never passed over.
 */
export async function propertyRunFindings(input: IntegrityInput): Promise<RawFinding[]> {
  const findings: RawFinding[] = [];
  for (const file of input.changed) {
    if (file.oldPath === undefined || file.newPath === undefined) continue;
    const runs = await runsOn(input, file);
    if (runs !== undefined) findings.push(...compare(input, file.newPath, runs.before, runs.after, []));
  }
  const dependents = await unchangedDependents(input, MENTIONS_RUNS, (source, sources) => propertyRuns(source, sources));
  for (const dependent of dependents) {
    const runs = await runsOn(input, dependent.file);
    if (runs !== undefined) findings.push(...compare(input, dependent.file.newPath ?? '', runs.before, runs.after, dependent.through));
  }
  return findings;
}
