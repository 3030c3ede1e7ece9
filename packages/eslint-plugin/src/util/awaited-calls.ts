import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { calleeParts, unwrapExpression } from './ast.js';
import { GLOBAL_MODULE, qualifiedName } from './imports.js';

/** Hops through `const` aliases (`const pending = sink.emit(e); await pending;`) before a value counts as unknown. */
const MAX_ALIASES = 4;

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

function callsIn(expression: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, aliases = 0): TSESTree.CallExpression[] {
  const value = constantValue(unwrapExpression(expression), sourceCode, aliases);
  if (value.type !== AST_NODE_TYPES.CallExpression) return [];
  const { receiver, name } = calleeParts(value);
  if (receiver && name !== undefined && PROMISE_CHAIN_METHODS.includes(name)) return callsIn(receiver, sourceCode);
  const qualified = qualifiedName(value.callee, sourceCode);
  if (
    qualified?.module === GLOBAL_MODULE &&
    qualified.path[0] === 'Promise' &&
    PROMISE_COMBINATORS.includes(qualified.path[1] ?? '')
  ) {
    const list = value.arguments[0] ? constantValue(unwrapExpression(value.arguments[0]), sourceCode, aliases) : undefined;
    if (list?.type !== AST_NODE_TYPES.ArrayExpression) return [];
    return list.elements.flatMap((element) =>
      element && element.type !== AST_NODE_TYPES.SpreadElement ? callsIn(element, sourceCode, aliases) : [],
    );
  }
  return [value];
}

/** The initialiser of a `const` an identifier names (never reassigned), followed through aliases; else the node. */
function constantValue(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, aliases: number): TSESTree.Node {
  let current = node;
  for (let hop = aliases; hop < MAX_ALIASES && current.type === AST_NODE_TYPES.Identifier; hop += 1) {
    const variable = ASTUtils.findVariable(sourceCode.getScope(current), current);
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
