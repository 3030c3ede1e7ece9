import type { ChangedFile } from '@npvguard/core';
import { INTEGRITY_RULES } from '../meta.js';
import { unchangedDependents } from '../source/dependents.js';
import { FAST_CHECK_DEFAULT_RUNS, propertyRuns, type PropertyRuns } from '../source/propertyRuns.js';
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

const GLOBAL_KEY = /^configureGlobal#/;

/**
 * `fc.configureGlobal({ numRuns })` that the change adds (in a new setup file, or in a file that had none): every
 * property without its own numRuns runs that many times. Compared with the base's global setting in the changed
 * files, else with fast-check's default.
 */
async function addedGlobalFindings(input: IntegrityInput): Promise<RawFinding[]> {
  const added: { file: string; runs: PropertyRuns }[] = [];
  let baseGlobal: number | undefined;
  for (const file of input.changed) {
    const versions = await input.versions(file);
    const before = versions.base === undefined ? [] : (await input.modules('base').settle(() => propertyRuns(versions.base as NonNullable<typeof versions.base>, input.modules('base')))).result;
    const baseGlobals = before.filter((entry) => GLOBAL_KEY.test(entry.key));
    for (const entry of baseGlobals) if (entry.runs.known) baseGlobal = Math.min(baseGlobal ?? entry.runs.value, entry.runs.value);
    if (versions.head === undefined || file.newPath === undefined) continue;
    const head = versions.head;
    const after = (await input.modules('head').settle(() => propertyRuns(head, input.modules('head')))).result;
    // A file compared as a whole (it existed at the base) has its own global settings compared by key.
    const compared = file.oldPath === undefined ? new Set<string>() : new Set(baseGlobals.map((entry) => entry.key));
    for (const entry of after) if (GLOBAL_KEY.test(entry.key) && !compared.has(entry.key)) added.push({ file: file.newPath, runs: entry });
  }
  const findings: RawFinding[] = [];
  const against = baseGlobal ?? FAST_CHECK_DEFAULT_RUNS;
  const from = baseGlobal === undefined ? `${against} (fast-check's default)` : String(against);
  for (const { file, runs } of added) {
    if (runs.runs.known) {
      if (runs.runs.value >= against) continue;
      findings.push({
        ruleId: INTEGRITY_RULES.fewerPropertyRuns,
        file,
        line: runs.line,
        column: runs.column,
        message: `fc.configureGlobal now sets numRuns to ${runs.runs.value}: every fast-check property without its own numRuns runs ${runs.runs.value} time(s), down from ${from}: fewer generated cases, fewer bugs found.`,
        hint: 'Leave fast-check\'s global numRuns alone; if a property is slow, make each run cheaper, or justify with `// npvguard-justify: <reason>`.',
        fingerprintParts: [runs.key, String(against), String(runs.runs.value)],
        data: { before: against, after: runs.runs.value },
      });
      continue;
    }
    findings.push({
      ruleId: INTEGRITY_RULES.unresolvedValue,
      file,
      line: runs.line,
      column: runs.column,
      message: `fc.configureGlobal sets numRuns for every property without its own, and its value cannot be resolved from the source (${runs.runs.reason}); it was ${from}.`,
      hint: 'Write numRuns as a value the source fixes (a number, a constant, an imported constant), or justify it with `// npvguard-justify: <reason>`.',
      fingerprintParts: [runs.key, 'numRuns', runs.runs.reason],
      data: { before: against, after: null, reason: runs.runs.reason },
      severity: 'warning',
    });
  }
  return findings;
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
  findings.push(...(await addedGlobalFindings(input)));
  return findings;
}
