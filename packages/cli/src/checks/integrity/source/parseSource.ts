import type * as ts from 'typescript';
import { typescript } from '../../../modules/typescript.js';

/** Files the integrity check reads with the TypeScript compiler. */
export const SOURCE_FILE = /\.(?:[cm]?[jt]s|[jt]sx)$/;

function scriptKind(file: string): ts.ScriptKind {
  if (/\.tsx$/.test(file)) return typescript.ScriptKind.TSX;
  if (/\.jsx$/.test(file)) return typescript.ScriptKind.JSX;
  if (/\.[cm]?js$/.test(file)) return typescript.ScriptKind.JS;
  return typescript.ScriptKind.TS;
}

export function parseSource(file: string, text: string): ts.SourceFile {
  return typescript.createSourceFile(file, text, typescript.ScriptTarget.Latest, true, scriptKind(file));
}

export function lineOf(source: ts.SourceFile, position: number): { line: number; column: number } {
  const { line, character } = source.getLineAndCharacterOfPosition(position);
  return { line: line + 1, column: character + 1 };
}

export interface Comment {
  /** The comment without its `//` or `/* *\/` markers. */
  body: string;
  start: number;
  end: number;
}

/**
 * Every comment of a file, found through the syntax tree (leading and trailing trivia of each token), so
 * text that only looks like a comment inside a string, template or regular expression is never one.
 */
export function comments(source: ts.SourceFile): Comment[] {
  const text = source.getFullText();
  const seen = new Map<number, Comment>();
  const collect = (ranges: readonly ts.CommentRange[] | undefined): void => {
    for (const range of ranges ?? []) {
      if (seen.has(range.pos)) continue;
      const raw = text.slice(range.pos, range.end);
      const body = range.kind === typescript.SyntaxKind.SingleLineCommentTrivia ? raw.slice(2) : raw.slice(2, -2);
      seen.set(range.pos, { body, start: range.pos, end: range.end });
    }
  };
  const visit = (node: ts.Node): void => {
    collect(typescript.getLeadingCommentRanges(text, node.getFullStart()));
    collect(typescript.getTrailingCommentRanges(text, node.getEnd()));
    for (const child of node.getChildren(source)) visit(child);
  };
  visit(source);
  return [...seen.values()].sort((left, right) => left.start - right.start);
}

/** `a.b.c` → `a`; `a.b(c).d` → `a` (through calls, as in `test.each(rows)(...)`). */
export function rootIdentifier(expression: ts.Expression): ts.Identifier | undefined {
  let current: ts.Expression = expression;
  for (;;) {
    if (typescript.isIdentifier(current)) return current;
    if (typescript.isPropertyAccessExpression(current)) current = current.expression;
    else if (typescript.isCallExpression(current)) current = current.expression;
    else if (typescript.isParenthesizedExpression(current)) current = current.expression;
    else if (typescript.isTaggedTemplateExpression(current)) current = current.tag;
    else return undefined;
  }
}

/** Names of the property accesses along a callee chain: `test.skip.each(rows)` → `['skip', 'each']`. */
export function chainNames(expression: ts.Expression): string[] {
  const names: string[] = [];
  let current: ts.Expression = expression;
  for (;;) {
    if (typescript.isPropertyAccessExpression(current)) {
      names.unshift(current.name.text);
      current = current.expression;
    } else if (typescript.isCallExpression(current) || typescript.isParenthesizedExpression(current)) {
      current = current.expression;
    } else {
      return names;
    }
  }
}

export function normalizedText(node: ts.Node, source: ts.SourceFile): string {
  return node.getText(source).replace(/\s+/g, ' ').trim();
}
