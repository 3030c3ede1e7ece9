import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { calleeParts, unwrapExpression } from './ast.js';
import { GLOBAL_MODULE, qualifiedName } from './imports.js';

const PROMISE_CHAIN_METHODS = ['then', 'catch', 'finally'];
const PROMISE_COMBINATORS = ['all', 'allSettled', 'any', 'race'];

/**
 * The calls an `await` waits for: `await f()`, `await f().catch(...)`, and each element of
 * `await Promise.all([f(), g()])`.
 */
export function awaitedCalls(
  node: TSESTree.AwaitExpression,
  sourceCode: Readonly<TSESLint.SourceCode>,
): TSESTree.CallExpression[] {
  return callsIn(node.argument, sourceCode);
}

function callsIn(expression: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.CallExpression[] {
  const value = unwrapExpression(expression);
  if (value.type !== AST_NODE_TYPES.CallExpression) return [];
  const { receiver, name } = calleeParts(value);
  if (receiver && name !== undefined && PROMISE_CHAIN_METHODS.includes(name)) return callsIn(receiver, sourceCode);
  const qualified = qualifiedName(value.callee, sourceCode);
  if (
    qualified?.module === GLOBAL_MODULE &&
    qualified.path[0] === 'Promise' &&
    PROMISE_COMBINATORS.includes(qualified.path[1] ?? '')
  ) {
    const list = value.arguments[0] ? unwrapExpression(value.arguments[0]) : undefined;
    if (list?.type !== AST_NODE_TYPES.ArrayExpression) return [];
    return list.elements.flatMap((element) =>
      element && element.type !== AST_NODE_TYPES.SpreadElement ? callsIn(element, sourceCode) : [],
    );
  }
  return [value];
}

/** `await x();` as a statement of its own, whose value nobody reads. */
export function isAwaitStatement(node: TSESTree.AwaitExpression): boolean {
  return node.parent.type === AST_NODE_TYPES.ExpressionStatement;
}
