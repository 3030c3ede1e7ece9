import type * as ts from 'typescript';
import { typescript } from '../../../modules/typescript.js';
import { chainNames, comments, lineOf, normalizedText, rootIdentifier } from './parseSource.js';

export type OccurrenceKind = 'eslint-disable' | 'ts-suppression' | 'as-any' | 'as-unknown-as' | 'skipped-test' | 'focused-test';

/** One construct that weakens a guardrail, where it is and how to recognise it again after a move. */
export interface Occurrence {
  kind: OccurrenceKind;
  line: number;
  column: number;
  /** Normalised text: two occurrences with the same kind and key are the same construct, wherever they are. */
  key: string;
  /** Short words for the message, e.g. `// eslint-disable-next-line no-console`. */
  label: string;
}

export const TEST_FUNCTIONS = new Set(['it', 'test', 'describe', 'suite', 'context', 'bench']);
const SKIPPING = new Set(['skip', 'todo', 'skipIf', 'runIf', 'fixme']);
const FOCUSING = new Set(['only']);
const SKIPPED_ALIASES = new Set(['xit', 'xtest', 'xdescribe', 'xcontext']);
const FOCUSED_ALIASES = new Set(['fit', 'ftest', 'fdescribe', 'fcontext']);

const ESLINT_DISABLE = /^\s*(eslint-disable(?:-next-line|-line)?)\b([^\n]*)/;
/** `/* eslint no-console: off *\/` turns a rule off as surely as a disable comment. */
const ESLINT_RULE_OFF = /^\s*eslint\s+([^\n]*?:\s*(?:["']?off["']?|0|\[\s*["']?off["']?|\[\s*0)\b[^\n]*)/;
const TS_DIRECTIVE = /^[\s*/]*(@ts-(?:ignore|nocheck|expect-error))\b/;

function commentOccurrences(source: ts.SourceFile): Occurrence[] {
  const found: Occurrence[] = [];
  for (const comment of comments(source)) {
    const position = lineOf(source, comment.start);
    const disable = ESLINT_DISABLE.exec(comment.body);
    const ruleOff = disable === null ? ESLINT_RULE_OFF.exec(comment.body) : null;
    if (disable !== null || ruleOff !== null) {
      const text = (disable === null ? `eslint ${ruleOff?.[1] ?? ''}` : `${disable[1] ?? ''}${disable[2] ?? ''}`).replace(/--.*$/, '').replace(/\s+/g, ' ').trim();
      found.push({ kind: 'eslint-disable', ...position, key: text, label: text });
    }
    const directive = TS_DIRECTIVE.exec(comment.body);
    if (directive !== null) {
      const name = directive[1] ?? '@ts-ignore';
      found.push({ kind: 'ts-suppression', ...position, key: comment.body.replace(/\s+/g, ' ').trim(), label: name });
    }
  }
  return found;
}

function castParts(node: ts.Node): { type: ts.TypeNode; expression: ts.Expression } | undefined {
  if (typescript.isAsExpression(node) || typescript.isTypeAssertionExpression(node)) return { type: node.type, expression: node.expression };
  return undefined;
}

function skipParentheses(expression: ts.Expression): ts.Expression {
  let current = expression;
  while (typescript.isParenthesizedExpression(current)) current = current.expression;
  return current;
}

function castOccurrence(node: ts.Node, source: ts.SourceFile): Occurrence | undefined {
  const cast = castParts(node);
  if (cast === undefined) return undefined;
  if (cast.type.kind === typescript.SyntaxKind.AnyKeyword) {
    return { kind: 'as-any', ...lineOf(source, cast.type.getStart(source)), key: normalizedText(node, source), label: typescript.isAsExpression(node) ? '`as any`' : '`<any>` assertion' };
  }
  const inner = castParts(skipParentheses(cast.expression));
  if (inner !== undefined && inner.type.kind === typescript.SyntaxKind.UnknownKeyword) {
    return { kind: 'as-unknown-as', ...lineOf(source, cast.type.getStart(source)), key: normalizedText(node, source), label: '`as unknown as`' };
  }
  return undefined;
}

function testOccurrence(node: ts.Node, source: ts.SourceFile): Occurrence | undefined {
  if (typescript.isPropertyAccessExpression(node)) {
    const name = node.name.text;
    const kind = SKIPPING.has(name) ? 'skipped-test' : FOCUSING.has(name) ? 'focused-test' : undefined;
    const root = rootIdentifier(node.expression);
    // Only the modifier on a test function's own chain: `test.skip`, `describe.concurrent.only`, not `list.skip`.
    if (kind === undefined || root === undefined || !TEST_FUNCTIONS.has(root.text)) return undefined;
    if (chainNames(node.expression).some((inner) => SKIPPING.has(inner) || FOCUSING.has(inner))) return undefined;
    return { kind, ...lineOf(source, node.name.getStart(source)), key: testKey(node, source), label: `\`${root.text}.${chainNames(node).join('.')}\`` };
  }
  if (typescript.isCallExpression(node) && typescript.isIdentifier(node.expression)) {
    const name = node.expression.text;
    const kind = SKIPPED_ALIASES.has(name) ? 'skipped-test' : FOCUSED_ALIASES.has(name) ? 'focused-test' : undefined;
    if (kind === undefined) return undefined;
    return { kind, ...lineOf(source, node.expression.getStart(source)), key: testKey(node, source), label: `\`${name}\`` };
  }
  return undefined;
}

/** A test modifier is identified by the test's title: the first argument of the call it belongs to. */
function testKey(node: ts.Node, source: ts.SourceFile): string {
  let call: ts.Node = node;
  while (typescript.isPropertyAccessExpression(call.parent) || (typescript.isCallExpression(call.parent) && call.parent.expression === call)) call = call.parent;
  const title = typescript.isCallExpression(call) ? call.arguments[0] : undefined;
  return `${normalizedText(node, source)} ${title === undefined ? '' : normalizedText(title, source)}`;
}

/** Every guardrail-weakening construct in a file, in source order. */
export function findOccurrences(source: ts.SourceFile): Occurrence[] {
  const found = commentOccurrences(source);
  const visit = (node: ts.Node): void => {
    const cast = castOccurrence(node, source);
    if (cast !== undefined) found.push(cast);
    const test = testOccurrence(node, source);
    if (test !== undefined) found.push(test);
    typescript.forEachChild(node, visit);
  };
  visit(source);
  return found.sort((left, right) => left.line - right.line || left.column - right.column);
}
