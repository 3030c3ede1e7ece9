import { DEADLINE_SCOPE_METHODS, findSignalFactory, timeoutValueCarrier, type TimeoutCarrier } from '@npvguard/core';
import { Node, SyntaxKind, type CallExpression, type Type } from 'ts-morph';
import type { AnalysisContext } from './context.js';
import { resolveNumber } from './numbers.js';

/** How long a signal lets a wait last at most, and whether it comes from a request deadline. */
export interface SignalTimeout {
  ms: number;
  fromDeadline: boolean;
}

const MAX_DEPTH = 8;

export function unwrap(node: Node): Node {
  let current = node;
  while (Node.isParenthesizedExpression(current) || Node.isAsExpression(current) || Node.isNonNullExpression(current)) current = current.getExpression();
  return current;
}

const UNNAMED_VALUES: ReadonlySet<SyntaxKind> = new Set([
  SyntaxKind.ArrowFunction,
  SyntaxKind.FunctionExpression,
  SyntaxKind.ObjectLiteralExpression,
  SyntaxKind.ArrayLiteralExpression,
  SyntaxKind.StringLiteral,
  SyntaxKind.NoSubstitutionTemplateLiteral,
  SyntaxKind.TemplateExpression,
  SyntaxKind.NumericLiteral,
  SyntaxKind.TrueKeyword,
  SyntaxKind.FalseKeyword,
  SyntaxKind.NullKeyword,
]);

/** The names a type goes by: its symbol, its alias and those of its base types. */
function typeNames(type: Type): string[] {
  const own = [type.getSymbol()?.getName(), type.getAliasSymbol()?.getName()];
  return [...own, ...type.getBaseTypes().flatMap(typeNames)].filter((name): name is string => name !== undefined);
}

/**
 * What a value bounds a call with when passed as is (the outbound model's timeout value types): a signal, a
 * deadline, or nothing. Every member of a union must carry one, so `AbortSignal | undefined` carries nothing.
 */
export function timeoutValueOf(expression: Node): Exclude<TimeoutCarrier, 'milliseconds'> | undefined {
  // A literal, a function or an object written in place has no named type: it carries nothing, and asking for its
  // type would make the checker infer the whole call it is an argument of (a library's generics: the costliest
  // question the analysis could ask).
  if (UNNAMED_VALUES.has(unwrap(expression).getKind())) return undefined;
  const type = expression.getType();
  const parts = type.isUnion() ? type.getUnionTypes() : [type];
  const carriers = new Set(parts.map((part) => timeoutValueCarrier(typeNames(part))));
  const [carrier] = carriers;
  return carriers.size === 1 ? carrier : undefined;
}

/**
 * `deadline.child(ms)`-style calls: a deadline scope method (the outbound model's `DEADLINE_SCOPE_METHODS`)
 * on a deadline returns a scope whose signal aborts after `ms` or when the deadline passes.
 */
export function deadlineChildTimeout(context: AnalysisContext, call: CallExpression): SignalTimeout | undefined {
  const callee = call.getExpression();
  if (!Node.isPropertyAccessExpression(callee)) return undefined;
  if (!DEADLINE_SCOPE_METHODS.includes(callee.getName())) return undefined;
  if (timeoutValueOf(callee.getExpression()) !== 'deadline') return undefined;
  const argument = call.getArguments()[0];
  const requested = argument === undefined ? Number.POSITIVE_INFINITY : (resolveNumber(context, argument) ?? Number.POSITIVE_INFINITY);
  return { ms: Math.min(requested, context.deadlineBudgetMs), fromDeadline: true };
}

/** `new AbortController()` whose `abort()` a `setTimeout(..., ms)` in the same function calls: a timer race. */
function timerControllerTimeout(context: AnalysisContext, declaration: Node): SignalTimeout | undefined {
  if (!Node.isVariableDeclaration(declaration)) return undefined;
  const name = declaration.getName();
  const scope = declaration.getFirstAncestor((ancestor) => Node.isFunctionLikeDeclaration(ancestor)) ?? declaration.getSourceFile();
  let found: number | undefined;
  for (const call of scope.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    if (call.getExpression().getText() !== 'setTimeout') continue;
    const [callback, delay] = call.getArguments();
    if (callback === undefined || delay === undefined || !callback.getText().includes(`${name}.abort(`)) continue;
    const ms = resolveNumber(context, delay);
    if (ms !== undefined) found = found === undefined ? ms : Math.min(found, ms);
  }
  return found === undefined ? undefined : { ms: found, fromDeadline: false };
}

function timeoutAt(context: AnalysisContext, expression: Node, depth: number): SignalTimeout | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const node = unwrap(expression);
  if (Node.isCallExpression(node)) {
    const callee = node.getExpression();
    const factory = Node.isPropertyAccessExpression(callee) ? findSignalFactory(callee.getExpression().getText(), callee.getName()) : undefined;
    const [first] = node.getArguments();
    if (factory?.bound === 'argument' && first !== undefined) {
      const ms = resolveNumber(context, first);
      return ms === undefined ? undefined : { ms, fromDeadline: false };
    }
    if (factory?.bound === 'aborted') return { ms: 0, fromDeadline: false };
    if (factory?.bound === 'shortest' && first !== undefined && Node.isArrayLiteralExpression(unwrap(first))) {
      const parts = unwrap(first)
        .asKindOrThrow(SyntaxKind.ArrayLiteralExpression)
        .getElements()
        .map((element) => timeoutAt(context, element, depth + 1))
        .filter((part): part is SignalTimeout => part !== undefined);
      if (parts.length === 0) return undefined;
      const shortest = parts.reduce((best, part) => (part.ms < best.ms ? part : best));
      return { ms: shortest.ms, fromDeadline: parts.some((part) => part.fromDeadline && part.ms === shortest.ms) };
    }
    return deadlineChildTimeout(context, node);
  }
  if (Node.isPropertyAccessExpression(node) && node.getName() === 'signal') {
    const owner = unwrap(node.getExpression());
    if (Node.isCallExpression(owner)) return deadlineChildTimeout(context, owner);
    if (Node.isIdentifier(owner)) {
      for (const declaration of owner.getSymbol()?.getDeclarations() ?? []) {
        if (!Node.isVariableDeclaration(declaration)) continue;
        const initializer = declaration.getInitializer();
        if (initializer === undefined) continue;
        const inner = unwrap(initializer);
        if (Node.isCallExpression(inner)) {
          const child = deadlineChildTimeout(context, inner);
          if (child !== undefined) return child;
        }
        if (Node.isNewExpression(inner) && inner.getExpression().getText() === 'AbortController') return timerControllerTimeout(context, declaration);
      }
    }
    return undefined;
  }
  if (Node.isIdentifier(node)) {
    for (const declaration of node.getSymbol()?.getDeclarations() ?? []) {
      if (Node.isVariableDeclaration(declaration)) {
        const initializer = declaration.getInitializer();
        if (initializer !== undefined) return timeoutAt(context, initializer, depth + 1);
      }
    }
  }
  return undefined;
}

/** The timeout a signal expression carries, when it is statically known. */
export function signalTimeout(context: AnalysisContext, expression: Node): SignalTimeout | undefined {
  return timeoutAt(context, expression, 0);
}

/**
 * The deadline budgets a project creates: `Deadline.fromStart(clock, start, budgetMs)`, `new Deadline(...)`,
 * any static factory of a class named like `Deadline`, with a numeric argument that resolves. The largest
 * is taken, so the bound stays an upper bound.
 */
export function findDeadlineBudget(context: AnalysisContext): number {
  let budget: number | undefined;
  for (const file of context.project.getSourceFiles()) {
    if (file.isDeclarationFile() || file.isInNodeModules() || !/Deadline/.test(file.getFullText())) continue;
    const candidates = [...file.getDescendantsOfKind(SyntaxKind.CallExpression), ...file.getDescendantsOfKind(SyntaxKind.NewExpression)];
    for (const node of candidates) {
      if (!/^(new\s+)?\w*Deadline\w*\s*[.(<]/.test(node.getText())) continue;
      let target: Node | undefined;
      let args: Node[] = [];
      if (Node.isCallExpression(node) && Node.isPropertyAccessExpression(node.getExpression())) {
        target = node.getExpression().asKindOrThrow(SyntaxKind.PropertyAccessExpression).getExpression();
        args = node.getArguments();
      } else if (Node.isNewExpression(node)) {
        target = node.getExpression();
        args = node.getArguments();
      }
      if (target === undefined || !Node.isIdentifier(target) || !/deadline/i.test(target.getText()) || !/^[A-Z]/.test(target.getText())) continue;
      let symbol = target.getSymbol();
      if (symbol?.isAlias()) symbol = symbol.getAliasedSymbol() ?? symbol;
      const declaration = symbol?.getDeclarations()[0];
      if (declaration === undefined || !Node.isClassDeclaration(declaration)) continue;
      const signature = Node.isCallExpression(node) || Node.isNewExpression(node) ? context.project.getTypeChecker().getResolvedSignature(node) : undefined;
      const parameterNames = signature?.getParameters().map((parameter) => parameter.getName()) ?? [];
      for (const [index, argument] of args.entries()) {
        // Only the argument the helper names as its budget: a start time is also a number of ms.
        if (!/budget|timeout/i.test(parameterNames[index] ?? '')) continue;
        const value = resolveNumber(context, argument);
        if (value !== undefined && value > 0) budget = budget === undefined ? value : Math.max(budget, value);
      }
    }
  }
  return budget ?? Number.POSITIVE_INFINITY;
}
