import { INTEGRITY_RULES } from '../meta.js';
import { unchangedDependents } from '../source/dependents.js';
import { testCases, type TestCase, type UnresolvedTable } from '../source/testCases.js';
import type { IntegrityInput, RawFinding } from '../types.js';
import type { ChangedFile } from '@npvguard/core';

interface TestFileCases {
  file: ChangedFile;
  base: TestCase[];
  head: TestCase[];
  /** `.each` tables whose rows could not be counted, on each side. */
  baseUnresolved: UnresolvedTable[];
  headUnresolved: UnresolvedTable[];
  /** For a file the change did not touch: the changed files its tables resolve through. */
  through: string[];
}

/** Files with `.each` tables worth resolving, when the change may have touched what they import. */
const MENTIONS_TABLES = /\.(?:each|for)\s*\(/;

async function casesOn(input: IntegrityInput, file: ChangedFile, through: string[]): Promise<TestFileCases> {
  const versions = await input.versions(file);
  const side = async (which: 'base' | 'head') => {
    const source = versions[which];
    if (source === undefined) return { cases: [], unresolved: [] };
    const modules = input.modules(which);
    const settled = await modules.settle(() => {
      const unresolved: UnresolvedTable[] = [];
      return { cases: testCases(source, modules, unresolved), unresolved };
    });
    return settled.result;
  };
  const base = await side('base');
  const head = await side('head');
  return { file, base: base.cases, head: head.cases, baseUnresolved: base.unresolved, headUnresolved: head.unresolved, through };
}

/**
 * `.each` tables at head whose rows cannot be counted, where the base had cases of that title counted otherwise
 * (or a table written differently): their cases are not compared, and say so.
 */
function unresolvedTables(input: IntegrityInput, entry: TestFileCases): { findings: RawFinding[]; titles: Set<string> } {
  const findings: RawFinding[] = [];
  const titles = new Set<string>();
  const file = entry.file.newPath ?? entry.file.oldPath ?? '';
  for (const table of entry.headUnresolved) {
    if (!entry.base.some((found) => found.title === table.title)) continue;
    const before = entry.baseUnresolved.find((found) => found.title === table.title);
    if (before !== undefined && before.written === table.written && before.reason === table.reason) continue;
    titles.add(table.title);
    const rows = entry.base.filter((found) => found.title === table.title).length;
    const was = before === undefined ? `it had ${rows} case(s) of that title` : `its rows could not be counted either (${before.reason})`;
    findings.push({
      ruleId: INTEGRITY_RULES.unresolvedValue,
      file,
      line: table.line,
      column: table.column,
      message: `The rows of the test table ${table.title} are not compared with ${input.change.against}${entry.through.length === 0 ? '' : ` (through ${entry.through.join(', ')})`}: they cannot be counted from the source (${table.reason}); at ${input.change.against} ${was}.`,
      hint: 'Write the table as a value the source fixes (an array literal, a constant, an imported constant, spreads of those), or justify it with `// npvguard-justify: <reason>`.',
      fingerprintParts: [table.title, 'rows', table.reason],
      data: { before: before === undefined ? rows : null, reason: table.reason },
      severity: 'warning',
    });
  }
  return { findings, titles };
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

/** Where to point at a shrunk file: its first added line. */
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
    files.push(await casesOn(input, file, []));
  }
  for (const dependent of await unchangedDependents(input, MENTIONS_TABLES, (source, sources) => testCases(source, sources))) {
    files.push(await casesOn(input, dependent.file, dependent.through));
  }
  const findings: RawFinding[] = [];
  // A table not compared is left out of the counts on both sides, so it is neither a loss nor a gain.
  for (const entry of files) {
    const { findings: unresolved, titles } = unresolvedTables(input, entry);
    findings.push(...unresolved);
    entry.base = entry.base.filter((found) => !titles.has(found.title));
    entry.head = entry.head.filter((found) => !titles.has(found.title));
  }
  // Cases a file gained, pooled: a case lost in one file is matched against a gain anywhere.
  const gained = new Map<string, number>();
  for (const entry of files) {
    for (const [title, count] of difference(countTitles(entry.head), countTitles(entry.base))) gained.set(title, (gained.get(title) ?? 0) + count);
  }
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
      line: deleted ? 1 : entry.file.added.size > 0 ? firstChangedLine(entry.file) : (entry.head.find((found) => reallyLost.includes(found.title))?.line ?? 1),
      column: 1,
      message: deleted
        ? `The change deletes this test file and its ${entry.base.length} test case(s); ${reallyLost.length} do not reappear in another file (${quoteTitles(reallyLost)}).`
        : `This file has ${entry.head.length} test case(s)${entry.through.length === 0 ? '' : ` (through ${entry.through.join(', ')})`}, down from ${entry.base.length}; missing and not moved elsewhere: ${quoteTitles(reallyLost)}.`,
      hint: 'Keep the tests (fix the code they catch), or delete them together with the behaviour they test and say so in the change.',
      fingerprintParts: [deleted ? 'deleted' : 'fewer', ...reallyLost],
      data: { before: entry.base.length, after: entry.head.length, lost: reallyLost },
    });
  }
  return findings;
}
