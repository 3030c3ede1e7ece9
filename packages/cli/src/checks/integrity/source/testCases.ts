import type * as ts from 'typescript';
import { typescript } from '../../../modules/typescript.js';
import { lineOf, normalizedText, rootIdentifier } from './parseSource.js';

const CASE_FUNCTIONS = new Set(['it', 'test', 'xit', 'xtest', 'fit', 'ftest']);
const EACH = new Set(['each', 'for']);

export interface TestCase {
  /** The title as written (its source text), repeated once per row of an `.each` table. */
  title: string;
  line: number;
}

function rowsOf(table: ts.Expression | undefined): number {
  // An array literal table has one case per element; any other table is counted once, as its size is not known.
  return table !== undefined && typescript.isArrayLiteralExpression(table) ? Math.max(1, table.elements.length) : 1;
}

/**
 * Test cases of a file, by syntax: calls of `it`/`test` (with any modifiers), and of `it.each(table)` /
 * `test.each(table)` (one case per element of an array literal table).
 */
export function testCases(source: ts.SourceFile): TestCase[] {
  const cases: TestCase[] = [];
  const visit = (node: ts.Node): void => {
    if (typescript.isCallExpression(node)) {
      const callee = node.expression;
      const root = rootIdentifier(callee);
      // A case is the call that receives the title; `test.each(rows)` only builds that function.
      const isTitleCall = !(typescript.isCallExpression(node.parent) && node.parent.expression === node);
      if (root !== undefined && CASE_FUNCTIONS.has(root.text) && isTitleCall) {
        const eachCall = typescript.isCallExpression(callee) && typescript.isPropertyAccessExpression(callee.expression) && EACH.has(callee.expression.name.text) ? callee : undefined;
        const title = node.arguments[0] === undefined ? '(untitled)' : normalizedText(node.arguments[0], source);
        const count = eachCall === undefined ? 1 : rowsOf(eachCall.arguments[0]);
        const { line } = lineOf(source, node.getStart(source));
        for (let row = 0; row < count; row += 1) cases.push({ title, line });
      }
    }
    typescript.forEachChild(node, visit);
  };
  visit(source);
  return cases;
}
