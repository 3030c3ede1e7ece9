import type * as ts from 'typescript';
import { typescript } from '../typescript.js';

/** The values arithmetic works on: what a literal, a `const` or an enum member can be. */
export type Primitive = number | string | boolean | null | undefined;

export function isPrimitive(value: unknown): value is Primitive {
  return value === null || value === undefined || ['number', 'string', 'boolean'].includes(typeof value);
}

/**
 * A numeric literal's value. The parser has already read separators (`1_000`), hex, octal, binary and exponents
 * into the node's text; `Number` reads that text exactly (ts-morph's `getLiteralValue` does not: `parseInt`).
 */
export function numericLiteralValue(literal: ts.NumericLiteral): number {
  return Number(literal.text.replace(/_/g, ''));
}

const SyntaxKind = typescript.SyntaxKind;

/** Operators that convert both operands to numbers first, as JavaScript does for primitives. */
const NUMERIC: ReadonlyMap<ts.SyntaxKind, (left: number, right: number) => number> = new Map([
  [SyntaxKind.MinusToken, (left: number, right: number) => left - right],
  [SyntaxKind.AsteriskToken, (left: number, right: number) => left * right],
  [SyntaxKind.SlashToken, (left: number, right: number) => left / right],
  [SyntaxKind.PercentToken, (left: number, right: number) => left % right],
  [SyntaxKind.AsteriskAsteriskToken, (left: number, right: number) => left ** right],
  [SyntaxKind.LessThanLessThanToken, (left: number, right: number) => left << right],
  [SyntaxKind.GreaterThanGreaterThanToken, (left: number, right: number) => left >> right],
  [SyntaxKind.GreaterThanGreaterThanGreaterThanToken, (left: number, right: number) => left >>> right],
  [SyntaxKind.AmpersandToken, (left: number, right: number) => left & right],
  [SyntaxKind.BarToken, (left: number, right: number) => left | right],
  [SyntaxKind.CaretToken, (left: number, right: number) => left ^ right],
]);

const bothStrings = (left: Primitive, right: Primitive): boolean => typeof left === 'string' && typeof right === 'string';

/** Comparisons, with JavaScript's rules for primitives: two strings compare as text, anything else as numbers. */
const COMPARISON: ReadonlyMap<ts.SyntaxKind, (left: Primitive, right: Primitive) => boolean> = new Map([
  [SyntaxKind.EqualsEqualsEqualsToken, (left: Primitive, right: Primitive) => left === right],
  [SyntaxKind.ExclamationEqualsEqualsToken, (left: Primitive, right: Primitive) => left !== right],
  [SyntaxKind.LessThanToken, (left: Primitive, right: Primitive) => (bothStrings(left, right) ? String(left) < String(right) : Number(left) < Number(right))],
  [SyntaxKind.GreaterThanToken, (left: Primitive, right: Primitive) => (bothStrings(left, right) ? String(left) > String(right) : Number(left) > Number(right))],
  [SyntaxKind.LessThanEqualsToken, (left: Primitive, right: Primitive) => (bothStrings(left, right) ? String(left) <= String(right) : Number(left) <= Number(right))],
  [SyntaxKind.GreaterThanEqualsToken, (left: Primitive, right: Primitive) => (bothStrings(left, right) ? String(left) >= String(right) : Number(left) >= Number(right))],
]);

/**
 * A binary operator applied to two primitives with JavaScript's semantics: `+` joins when either side is a
 * string, else adds; the arithmetic and bitwise operators convert to numbers. Undefined for an operator that is
 * not arithmetic, bitwise or a strict comparison (assignments, `in`, `instanceof`, loose equality).
 */
export function applyBinary(operator: ts.SyntaxKind, left: Primitive, right: Primitive): Primitive | undefined {
  if (operator === SyntaxKind.PlusToken) {
    return typeof left === 'string' || typeof right === 'string' ? String(left) + String(right) : Number(left) + Number(right);
  }
  const numeric = NUMERIC.get(operator);
  if (numeric !== undefined) return numeric(Number(left), Number(right));
  return COMPARISON.get(operator)?.(left, right);
}

/** A prefix operator applied to a primitive (`-`, `+`, `!`, `~`); undefined for `++` and `--`, which assign. */
export function applyUnary(operator: ts.SyntaxKind, operand: Primitive): Primitive | undefined {
  if (operator === SyntaxKind.MinusToken) return -Number(operand);
  if (operator === SyntaxKind.PlusToken) return Number(operand);
  if (operator === SyntaxKind.ExclamationToken) return !operand;
  if (operator === SyntaxKind.TildeToken) return ~Number(operand);
  return undefined;
}
