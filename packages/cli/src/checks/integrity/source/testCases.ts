import type * as ts from 'typescript';
import { typescript } from '../../../modules/typescript.js';
import { NO_MODULES, resolveLength, type ModuleSources } from '../../../modules/constantValue/index.js';
import { lineOf, normalizedText, rootIdentifier } from './parseSource.js';

const CASE_FUNCTIONS = new Set(['it', 'test', 'xit', 'xtest', 'fit', 'ftest']);
const EACH = new Set(['each', 'for']);

export interface TestCase {
  /** The title as written (its source text), repeated once per row of an `.each` table. */
  title: string;
  line: number;
}

/** An `.each` table whose rows could not be counted from the source. */
export interface UnresolvedTable {
  title: string;
  line: number;
  column: number;
  reason: string;
  /** The table as written, to tell an edit from an untouched table. */
  written: string;
}

/**
 * Test cases of a file, by syntax: calls of `it`/`test` (with any modifiers), and of `it.each(table)` /
 * `test.each(table)`, one case per row of the table. The table is resolved to its value (an array literal, a
 * constant, an imported constant, spreads of those); one that cannot be is counted once and listed in `unresolved`.
 */
export function testCases(source: ts.SourceFile, sources: ModuleSources = NO_MODULES, unresolved: UnresolvedTable[] = []): TestCase[] {
  const cases: TestCase[] = [];
  const rowsOf = (table: ts.Expression | undefined, title: string): number => {
    if (table === undefined) return 1;
    const rows = resolveLength(table, sources);
    if (rows.resolved) return Math.max(1, rows.value);
    unresolved.push({ title, ...lineOf(source, table.getStart(source)), reason: rows.reason, written: normalizedText(table, source) });
    return 1;
  };
  const visit = (node: ts.Node): void => {
    if (typescript.isCallExpression(node)) {
      const callee = node.expression;
      const root = rootIdentifier(callee);
      // A case is the call that receives the title; `test.each(rows)` only builds that function.
      const isTitleCall = !(typescript.isCallExpression(node.parent) && node.parent.expression === node);
      if (root !== undefined && CASE_FUNCTIONS.has(root.text) && isTitleCall) {
        const eachCall = typescript.isCallExpression(callee) && typescript.isPropertyAccessExpression(callee.expression) && EACH.has(callee.expression.name.text) ? callee : undefined;
        const title = node.arguments[0] === undefined ? '(untitled)' : normalizedText(node.arguments[0], source);
        const count = eachCall === undefined ? 1 : rowsOf(eachCall.arguments[0], title);
        const { line } = lineOf(source, node.getStart(source));
        for (let row = 0; row < count; row += 1) cases.push({ title, line });
      }
    }
    typescript.forEachChild(node, visit);
  };
  visit(source);
  return cases;
}
