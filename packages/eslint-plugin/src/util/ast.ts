import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { visitorKeys } from '@typescript-eslint/visitor-keys';

export type FunctionNode =
  | TSESTree.ArrowFunctionExpression
  | TSESTree.FunctionDeclaration
  | TSESTree.FunctionExpression;

export function isFunctionNode(node: TSESTree.Node): node is FunctionNode {
  return (
    node.type === AST_NODE_TYPES.ArrowFunctionExpression ||
    node.type === AST_NODE_TYPES.FunctionDeclaration ||
    node.type === AST_NODE_TYPES.FunctionExpression
  );
}

/** The innermost function around `node`, or undefined at module level. */
export function enclosingFunction(node: TSESTree.Node): FunctionNode | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunctionNode(current)) return current;
  }
  return undefined;
}

/**
 * Strips wrappers that do not change which value an expression denotes (`x as T`, `x satisfies T`, `x!`,
 * `<T>x`, optional chains), so detectors look at the value itself.
 */
export function unwrapExpression(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (;;) {
    switch (current.type) {
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
        current = current.expression;
        break;
      case AST_NODE_TYPES.ChainExpression:
        current = current.expression;
        break;
      default:
        return current;
    }
  }
}

export function isThis(node: TSESTree.Node): boolean {
  return unwrapExpression(node).type === AST_NODE_TYPES.ThisExpression;
}

/** Name of a property key or member property when it is known without running the code. */
export function staticKeyName(key: TSESTree.Node, computed: boolean): string | undefined {
  if (!computed && key.type === AST_NODE_TYPES.Identifier) return key.name;
  if (!computed && key.type === AST_NODE_TYPES.PrivateIdentifier) return `#${key.name}`;
  if (key.type === AST_NODE_TYPES.Literal && (typeof key.value === 'string' || typeof key.value === 'number')) {
    return String(key.value);
  }
  if (key.type === AST_NODE_TYPES.TemplateLiteral && key.expressions.length === 0) {
    return key.quasis[0]?.value.cooked ?? undefined;
  }
  return undefined;
}

export function memberPropertyName(node: TSESTree.MemberExpression): string | undefined {
  return staticKeyName(node.property, node.computed);
}

/** Key name of an object property, method or class member. */
export function propertyKeyName(
  node: TSESTree.Property | TSESTree.MethodDefinition | TSESTree.PropertyDefinition,
): string | undefined {
  return staticKeyName(node.key, node.computed);
}

/**
 * `a.b.c` → `['a', 'b', 'c']`, `this.deps.sink` → `['this', 'deps', 'sink']`.
 * Undefined when a part is computed from a value or is a call, so callers cannot mistake it for a name.
 */
export function memberChain(node: TSESTree.Node): string[] | undefined {
  const target = unwrapExpression(node);
  if (target.type === AST_NODE_TYPES.Identifier) return [target.name];
  if (target.type === AST_NODE_TYPES.ThisExpression) return ['this'];
  if (target.type === AST_NODE_TYPES.MemberExpression) {
    const property = memberPropertyName(target);
    const object = memberChain(target.object);
    if (property === undefined || object === undefined) return undefined;
    return [...object, property];
  }
  return undefined;
}

/** Last name of a receiver chain (`this.deps.eventSink` → `eventSink`), the part naming conventions act on. */
export function receiverName(node: TSESTree.Node): string | undefined {
  const target = unwrapExpression(node);
  if (target.type === AST_NODE_TYPES.Identifier) return target.name;
  if (target.type === AST_NODE_TYPES.MemberExpression) return memberPropertyName(target);
  return undefined;
}

export interface CalleeParts {
  /** The object the function is read from (`sink` in `sink.emit()`), undefined for a plain call. */
  receiver: TSESTree.Expression | undefined;
  /** The called name (`emit`), undefined when computed. */
  name: string | undefined;
}

export function calleeParts(call: TSESTree.CallExpression | TSESTree.NewExpression): CalleeParts {
  const callee = unwrapExpression(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return { receiver: undefined, name: callee.name };
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    return { receiver: callee.object, name: memberPropertyName(callee) };
  }
  return { receiver: undefined, name: undefined };
}

/** The declared name of a function: its own id, the variable, property or method it is assigned to. */
export function functionName(node: FunctionNode): string | undefined {
  if (node.id) return node.id.name;
  const parent = node.parent;
  if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) {
    return parent.id.name;
  }
  if (
    parent.type === AST_NODE_TYPES.Property ||
    parent.type === AST_NODE_TYPES.MethodDefinition ||
    parent.type === AST_NODE_TYPES.PropertyDefinition
  ) {
    return propertyKeyName(parent);
  }
  if (parent.type === AST_NODE_TYPES.AssignmentExpression) {
    const chain = memberChain(parent.left);
    return chain?.at(-1);
  }
  return undefined;
}

export function isStringLike(node: TSESTree.Node): boolean {
  return (
    (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') ||
    node.type === AST_NODE_TYPES.TemplateLiteral
  );
}

/** Visits every node below `root` (not into nested functions when `skipFunctions`), depth first. */
export function walk(
  root: TSESTree.Node,
  visit: (node: TSESTree.Node) => boolean | void,
  skipFunctions = false,
): void {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === undefined) break;
    if (visit(node) === false) continue;
    if (skipFunctions && node !== root && isFunctionNode(node)) continue;
    for (const child of childNodes(node)) stack.push(child);
  }
}

const SKIPPED_KEYS = new Set(['parent', 'loc', 'range', 'tokens', 'comments']);

/** Child nodes in source order reversed (so a stack pops them in source order). */
function childNodes(node: TSESTree.Node): TSESTree.Node[] {
  const children: TSESTree.Node[] = [];
  const keys = (visitorKeys as Record<string, readonly string[] | undefined>)[node.type];
  if (keys) {
    // The parser's own list of child keys, in source order: no allocation per property.
    for (const key of keys) {
      const value = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(value)) {
        for (const item of value) if (isNode(item)) children.push(item);
      } else if (isNode(value)) {
        children.push(value);
      }
    }
    return children.reverse();
  }
  for (const [key, value] of Object.entries(node)) {
    if (SKIPPED_KEYS.has(key)) continue;
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) children.push(item);
    } else if (isNode(value)) {
      children.push(value);
    }
  }
  return children.reverse();
}

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}
