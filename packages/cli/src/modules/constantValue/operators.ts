import type * as ts from 'typescript';

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

/** Operators that convert both operands to numbers first, as JavaScript does for primitives. */
const NUMERIC: Readonly<Record<string, (left: number, right: number) => number>> = {
  '-': (left, right) => left - right,
  '*': (left, right) => left * right,
  '/': (left, right) => left / right,
  '%': (left, right) => left % right,
  '**': (left, right) => left ** right,
  '<<': (left, right) => left << right,
  '>>': (left, right) => left >> right,
  '>>>': (left, right) => left >>> right,
  '&': (left, right) => left & right,
  '|': (left, right) => left | right,
  '^': (left, right) => left ^ right,
};

const bothStrings = (left: Primitive, right: Primitive): boolean => typeof left === 'string' && typeof right === 'string';

/** Comparisons, with JavaScript's rules for primitives: two strings compare as text, anything else as numbers. */
const COMPARISON: Readonly<Record<string, (left: Primitive, right: Primitive) => boolean>> = {
  '===': (left, right) => left === right,
  '!==': (left, right) => left !== right,
  '<': (left, right) => (bothStrings(left, right) ? String(left) < String(right) : Number(left) < Number(right)),
  '>': (left, right) => (bothStrings(left, right) ? String(left) > String(right) : Number(left) > Number(right)),
  '<=': (left, right) => (bothStrings(left, right) ? String(left) <= String(right) : Number(left) <= Number(right)),
  '>=': (left, right) => (bothStrings(left, right) ? String(left) >= String(right) : Number(left) >= Number(right)),
};

/**
 * A binary operator, given as written (`+`, `**`, `===`), applied to two primitives with JavaScript's semantics:
 * `+` joins when either side is a string, else adds; the arithmetic and bitwise operators convert to numbers.
 * Undefined for an operator that is not arithmetic, bitwise or a strict comparison (assignments, `in`,
 * `instanceof`, loose equality). Operators go by their text, not by syntax kind, so nodes of any copy of the
 * compiler (ts-morph bundles its own) can be evaluated.
 */
export function applyBinary(operator: string, left: Primitive, right: Primitive): Primitive | undefined {
  if (operator === '+') return typeof left === 'string' || typeof right === 'string' ? String(left) + String(right) : Number(left) + Number(right);
  const numeric = Object.hasOwn(NUMERIC, operator) ? NUMERIC[operator] : undefined;
  if (numeric !== undefined) return numeric(Number(left), Number(right));
  const comparison = Object.hasOwn(COMPARISON, operator) ? COMPARISON[operator] : undefined;
  return comparison?.(left, right);
}

/** A prefix operator, given as written, applied to a primitive (`-`, `+`, `!`, `~`); undefined for `++` and `--`, which assign. */
export function applyUnary(operator: string, operand: Primitive): Primitive | undefined {
  if (operator === '-') return -Number(operand);
  if (operator === '+') return Number(operand);
  if (operator === '!') return !operand;
  if (operator === '~') return ~Number(operand);
  return undefined;
}
