import type * as ts from 'typescript';
import { ConstantEvaluator, shortText, type Evaluation, type Value } from './evaluate.js';
import { NO_MODULES, type ModuleSources } from './moduleReader.js';

export { ConstantEvaluator, type Evaluation, type Value } from './evaluate.js';
export { ModuleReader, NO_MODULES, candidateFiles, importClosure, isRelativeSpecifier, type ModuleSources } from './moduleReader.js';
export { applyBinary, applyUnary, numericLiteralValue, type Primitive } from './operators.js';

/**
 * What a value-reading check compares: the value an expression always has, or why it cannot be known before the
 * code runs (`reason` completes "cannot be compared: …") and the node where following it stopped.
 */
export type Resolved<T> = { resolved: true; value: T } | { resolved: false; reason: string; node: ts.Node };

const KINDS = { object: 'an object', array: 'an array', enum: 'an enum', module: 'a module', global: 'a global object' } as const;

function typed<T>(evaluation: Evaluation, expression: ts.Expression, accept: (value: Value) => value is Value & T, what: string): Resolved<T> {
  if (!evaluation.ok) return { resolved: false, reason: evaluation.reason, node: evaluation.node };
  if (accept(evaluation.value)) return { resolved: true, value: evaluation.value };
  const value = evaluation.value;
  const actual = typeof value === 'object' && value !== null ? KINDS[value.kind] : typeof value === 'string' ? JSON.stringify(value) : String(value);
  return { resolved: false, reason: `\`${shortText(expression)}\` is ${actual}, not ${what}`, node: expression };
}

/** The number an expression always evaluates to: literals, constants (imported too), `as const` objects, enums, arithmetic. */
export function resolveNumber(expression: ts.Expression, sources: ModuleSources = NO_MODULES): Resolved<number> {
  return typed(new ConstantEvaluator(sources).evaluate(expression), expression, (value): value is number => typeof value === 'number', 'a number');
}

/** The string an expression always evaluates to: literals, template strings, constants, `as const` objects, enums. */
export function resolveString(expression: ts.Expression, sources: ModuleSources = NO_MODULES): Resolved<string> {
  return typed(new ConstantEvaluator(sources).evaluate(expression), expression, (value): value is string => typeof value === 'string', 'a string');
}

/** A property of the object an expression evaluates to: its value, `absent` when no property of that name is set. */
export function resolveProperty(expression: ts.Expression, key: string, sources: ModuleSources = NO_MODULES): Resolved<Value> & { absent?: boolean } {
  const evaluator = new ConstantEvaluator(sources);
  const object = evaluator.evaluate(expression);
  if (!object.ok) return { resolved: false, reason: object.reason, node: object.node };
  if (object.value === undefined) return { resolved: true, value: undefined, absent: true };
  const found = evaluator.member(object.value, key, expression);
  if (!found.ok) return { resolved: false, reason: found.reason, node: found.node };
  return found.absent === true ? { resolved: true, value: undefined, absent: true } : { resolved: true, value: found.value };
}

/** How many elements the array an expression evaluates to has, spreads of constant arrays counted. */
export function resolveLength(expression: ts.Expression, sources: ModuleSources = NO_MODULES): Resolved<number> {
  const evaluator = new ConstantEvaluator(sources);
  const value = evaluator.evaluate(expression);
  if (!value.ok) return { resolved: false, reason: value.reason, node: value.node };
  if (typeof value.value !== 'object' || value.value === null || value.value.kind !== 'array') {
    return { resolved: false, reason: `\`${shortText(expression)}\` is not an array`, node: expression };
  }
  const elements = evaluator.elements(value.value.literal);
  return elements.ok ? { resolved: true, value: elements.elements.length } : { resolved: false, reason: elements.reason, node: elements.node };
}
