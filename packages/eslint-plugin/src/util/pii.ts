import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { calleeParts, isFunctionNode, memberPropertyName, receiverName, walk } from './ast.js';
import { nameMatches } from './files.js';

/** Request objects (`req`, `request`) and their parts that carry raw listener data. */
export const DEFAULT_REQUEST_OBJECTS: readonly string[] = ['req', 'request'];
export const DEFAULT_REQUEST_PROPERTIES: readonly string[] = ['body', 'headers', 'query', 'params', 'ip', 'ips', 'url', 'raw'];

export interface PiiPatterns {
  identifiers: readonly string[];
  requestObjects: readonly string[];
  requestProperties: readonly string[];
  /** Calls whose result is safe; undefined when nothing makes an identifier safe (model inputs). */
  pseudonymisers: readonly string[] | undefined;
}

export interface PiiValue {
  node: TSESTree.Node;
  kind: 'identifier' | 'request-data';
}

/** Wrappers that are expressions around a value; other TypeScript nodes are types and never carry data. */
const VALUE_WRAPPERS = new Set<string>([
  AST_NODE_TYPES.TSAsExpression,
  AST_NODE_TYPES.TSSatisfiesExpression,
  AST_NODE_TYPES.TSNonNullExpression,
  AST_NODE_TYPES.TSTypeAssertion,
  AST_NODE_TYPES.TSInstantiationExpression,
]);

/** Values under `root` that identify a person: identifier-named values and raw request data. */
export function findPiiValues(root: TSESTree.Node, patterns: PiiPatterns): PiiValue[] {
  const found: PiiValue[] = [];
  walk(root, (node) => {
    if (node.type.startsWith('TS') && !VALUE_WRAPPERS.has(node.type)) return false;
    if (isFunctionNode(node)) return false;
    if (node.type === AST_NODE_TYPES.CallExpression && patterns.pseudonymisers) {
      const { name } = calleeParts(node);
      if (nameMatches(name, patterns.pseudonymisers)) return false;
    }
    if (node.type === AST_NODE_TYPES.MemberExpression) {
      if (isRequestData(node, patterns)) {
        found.push({ node, kind: 'request-data' });
        return false;
      }
      if (!node.computed && nameMatches(memberPropertyName(node), patterns.identifiers)) {
        found.push({ node, kind: 'identifier' });
        return false;
      }
      walkChild(node.object);
      if (node.computed) walkChild(node.property);
      return false;
    }
    // `listenerId === undefined ? {} : { id: listenerId }`: the condition decides the value but is not part of it.
    if (node.type === AST_NODE_TYPES.ConditionalExpression) {
      walkChild(node.consequent);
      walkChild(node.alternate);
      return false;
    }
    if (node.type === AST_NODE_TYPES.Property) {
      if (node.computed) walkChild(node.key);
      walkChild(node.value);
      return false;
    }
    if (node.type === AST_NODE_TYPES.Identifier && nameMatches(node.name, patterns.identifiers)) {
      found.push({ node, kind: 'identifier' });
    }
    return true;
  });
  return found;

  function walkChild(child: TSESTree.Node): void {
    found.push(...findPiiValues(child, patterns));
  }
}

function isRequestData(node: TSESTree.MemberExpression, patterns: PiiPatterns): boolean {
  return (
    !node.computed &&
    nameMatches(receiverName(node.object), patterns.requestObjects) &&
    nameMatches(memberPropertyName(node), patterns.requestProperties)
  );
}
