import { INTEGRITY_RULES } from '../meta.js';
import { testCases, type TestCase } from '../source/testCases.js';
import type { IntegrityInput, RawFinding } from '../types.js';
import type { ChangedFile } from '@npvguard/core';

interface TestFileCases {
  file: ChangedFile;
  base: TestCase[];
  head: TestCase[];
}

function countTitles(cases: readonly TestCase[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const found of cases) counts.set(found.title, (counts.get(found.title) ?? 0) + 1);
  return counts;
}

/** Titles (with multiplicity) in `from` that `minus` does not have. */
function difference(from: Map<string, number>, minus: Map<string, number>): Map<string, number> {
  const left = new Map<string, number>();
  for (const [title, count] of from) {
    const rest = count - (minus.get(title) ?? 0);
    if (rest > 0) left.set(title, rest);
  }
  return left;
}

function quoteTitles(titles: readonly string[]): string {
  const shown = titles.slice(0, 5).join(', ');
  return titles.length > 5 ? `${shown} and ${titles.length - 5} more` : shown;
}

/** Where to point at a shrunk file: its first added line, else the line before the first removal. */
function firstChangedLine(file: ChangedFile): number {
  const lines = [...file.added];
  return lines.length === 0 ? 1 : Math.max(1, Math.min(...lines));
}

/**
 * Deleted test files and test files with fewer cases. A case counts as lost only when no changed test file
 * gained a case with its title, so tests moved or split across files are not reported.
 */
export async function testFindings(input: IntegrityInput): Promise<RawFinding[]> {
  const files: TestFileCases[] = [];
  for (const file of input.changed) {
    const isTest = (file.newPath !== undefined && input.isTest(file.newPath)) || (file.oldPath !== undefined && input.isTest(file.oldPath));
    if (!isTest) continue;
    const versions = await input.versions(file);
    files.push({ file, base: versions.base === undefined ? [] : testCases(versions.base), head: versions.head === undefined ? [] : testCases(versions.head) });
  }
  // Cases a file gained, pooled: a case lost in one file is matched against a gain anywhere.
  const gained = new Map<string, number>();
  for (const entry of files) {
    for (const [title, count] of difference(countTitles(entry.head), countTitles(entry.base))) gained.set(title, (gained.get(title) ?? 0) + count);
  }
  const findings: RawFinding[] = [];
  for (const entry of files) {
    const lostHere = difference(countTitles(entry.base), countTitles(entry.head));
    const reallyLost: string[] = [];
    for (const [title, count] of lostHere) {
      const moved = Math.min(count, gained.get(title) ?? 0);
      gained.set(title, (gained.get(title) ?? 0) - moved);
      for (let index = moved; index < count; index += 1) reallyLost.push(title);
    }
    const fewer = entry.head.length < entry.base.length;
    if (reallyLost.length === 0 || !fewer) continue;
    const deleted = entry.file.status === 'deleted';
    const file = entry.file.newPath ?? entry.file.oldPath ?? '';
    findings.push({
      ruleId: deleted ? INTEGRITY_RULES.deletedTestFile : INTEGRITY_RULES.fewerTestCases,
      file,
      line: deleted ? 1 : firstChangedLine(entry.file),
      column: 1,
      message: deleted
        ? `The change deletes this test file and its ${entry.base.length} test case(s); ${reallyLost.length} do not reappear in another file (${quoteTitles(reallyLost)}).`
        : `This file has ${entry.head.length} test case(s), down from ${entry.base.length}; missing and not moved elsewhere: ${quoteTitles(reallyLost)}.`,
      hint: 'Keep the tests (fix the code they catch), or delete them together with the behaviour they test and say so in the change.',
      fingerprintParts: [deleted ? 'deleted' : 'fewer', ...reallyLost],
      data: { before: entry.base.length, after: entry.head.length, lost: reallyLost },
    });
  }
  return findings;
}
