import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { calleeParts, isFunctionNode, unwrapExpression, type FunctionNode } from './ast.js';
import { GLOBAL_MODULE, qualifiedNameWith, type VariableLookup } from './imports.js';
import { returnedValues as everyReturnedValue } from './dataflow/flow.js';

/** Hops through `const` aliases (`const pending = sink.emit(e); await pending;`) before a value counts as unknown. */
const MAX_ALIASES = 4;

const PROMISE_CHAIN_METHODS = ['then', 'catch', 'finally'];
const PROMISE_COMBINATORS = ['all', 'allSettled', 'any', 'race'];

/** How identifiers are looked up in the file being linted. */
export function sourceCodeLookup(sourceCode: Readonly<TSESLint.SourceCode>): VariableLookup {
  return (identifier) => ASTUtils.findVariable(sourceCode.getScope(identifier), identifier) ?? undefined;
}

/**
 * The calls an `await` waits for: `await f()`, `await f().catch(...)`, and each element of
 * `await Promise.all([f(), g()])`.
 */
export function awaitedCalls(
  node: TSESTree.AwaitExpression,
  sourceCode: Readonly<TSESLint.SourceCode>,
): TSESTree.CallExpression[] {
  return waitedCalls(node.argument, sourceCodeLookup(sourceCode));
}

/**
 * The calls whose promises a waited-for value settles with: the call itself, the receiver of `.then`/`.catch`/
 * `.finally` and the promise their callback returns, each element of `Promise.all([...])` (and `allSettled`, `any`,
 * `race`) over a list literal, both branches of a conditional or `??`/`||`/`&&`, through `const` aliases.
 */
export function waitedCalls(expression: TSESTree.Node, lookup: VariableLookup, aliases = 0): TSESTree.CallExpression[] {
  const value = constantValue(unwrapExpression(expression), lookup, aliases);
  if (value.type === AST_NODE_TYPES.ConditionalExpression) {
    return [...waitedCalls(value.consequent, lookup, aliases), ...waitedCalls(value.alternate, lookup, aliases)];
  }
  if (value.type === AST_NODE_TYPES.LogicalExpression) {
    return [...waitedCalls(value.left, lookup, aliases), ...waitedCalls(value.right, lookup, aliases)];
  }
  if (value.type !== AST_NODE_TYPES.CallExpression) return [];
  const { receiver, name } = calleeParts(value);
  if (receiver && name !== undefined && PROMISE_CHAIN_METHODS.includes(name)) {
    // The chained promise settles after the receiver and after whatever promise a callback returns.
    const callbacks = value.arguments.flatMap((argument) => {
      const callback = unwrapExpression(argument);
      return isFunctionNode(callback) ? returnedValues(callback).flatMap((returned) => waitedCalls(returned, lookup)) : [];
    });
    return [...waitedCalls(receiver, lookup), ...callbacks];
  }
  const qualified = qualifiedNameWith(value.callee, lookup);
  if (
    qualified?.module === GLOBAL_MODULE &&
    qualified.path[0] === 'Promise' &&
    PROMISE_COMBINATORS.includes(qualified.path[1] ?? '')
  ) {
    const list = value.arguments[0] ? constantValue(unwrapExpression(value.arguments[0]), lookup, aliases) : undefined;
    if (list?.type !== AST_NODE_TYPES.ArrayExpression) return [];
    return list.elements.flatMap((element) =>
      element && element.type !== AST_NODE_TYPES.SpreadElement ? waitedCalls(element, lookup, aliases) : [],
    );
  }
  return [value];
}

/**
 * The values a function returns: its expression body, or the argument of each `return` outside nested functions.
 * `return await x` is left out: that `await` is judged where it is.
 */
export function returnedValues(fn: FunctionNode): TSESTree.Node[] {
  return everyReturnedValue(fn).filter((value) => unwrapExpression(value).type !== AST_NODE_TYPES.AwaitExpression);
}

/** The initialiser of a `const` an identifier names (never reassigned), followed through aliases; else the node. */
function constantValue(node: TSESTree.Node, lookup: VariableLookup, aliases: number): TSESTree.Node {
  let current = node;
  for (let hop = aliases; hop < MAX_ALIASES && current.type === AST_NODE_TYPES.Identifier; hop += 1) {
    const variable = lookup(current);
    const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (definition?.type !== 'Variable' || definition.node.parent.kind !== 'const' || !definition.node.init) break;
    if (definition.node.id.type !== AST_NODE_TYPES.Identifier) break;
    current = unwrapExpression(definition.node.init);
  }
  return current;
}

/** `await x();` as a statement of its own, whose value nobody reads. */
export function isAwaitStatement(node: TSESTree.AwaitExpression): boolean {
  return node.parent.type === AST_NODE_TYPES.ExpressionStatement;
}
