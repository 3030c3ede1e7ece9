import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { isFunctionNode, propertyKeyName, unwrapExpression, type FunctionNode } from './ast.js';
import { returnedValues } from './dataflow/flow.js';

/** Keys under a pino/fastify `serializers` object whose serializer receives the incoming request. */
const REQUEST_SERIALIZER_KEYS = ['req', 'request'];

export interface RequestSerializer {
  /** The serializer function, inline or the local function the property names. */
  serializer: FunctionNode;
  /** The name its first parameter gives the request (`request`, `r`), when it is a plain name. */
  requestName: string | undefined;
  /** Every value the serializer returns: what ends up in each request's log line. */
  returned: TSESTree.Node[];
}

/**
 * `serializers: { req: serializeRequest }` (or an inline function): the request serializer of a logger, when
 * it is defined in this file. A serializer imported from another file is out of reach of a syntax rule.
 */
export function requestSerializer(
  property: TSESTree.Property,
  sourceCode: Readonly<TSESLint.SourceCode>,
): RequestSerializer | undefined {
  if (!REQUEST_SERIALIZER_KEYS.includes(propertyKeyName(property) ?? '')) return undefined;
  const container = property.parent;
  const owner = container.parent;
  if (container.type !== AST_NODE_TYPES.ObjectExpression || owner?.type !== AST_NODE_TYPES.Property) return undefined;
  if (propertyKeyName(owner) !== 'serializers') return undefined;
  const serializer = resolveFunction(unwrapExpression(property.value), sourceCode);
  if (!serializer) return undefined;
  const first = serializer.params[0];
  const requestName = first?.type === AST_NODE_TYPES.Identifier ? first.name : undefined;
  return { serializer, requestName, returned: returnedValues(serializer) };
}

function resolveFunction(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): FunctionNode | undefined {
  if (isFunctionNode(node)) return node;
  if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = ASTUtils.findVariable(sourceCode.getScope(node), node);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (definition?.node.type === AST_NODE_TYPES.FunctionDeclaration) return definition.node;
  if (definition?.type === 'Variable' && definition.node.init) {
    const init = unwrapExpression(definition.node.init);
    if (isFunctionNode(init)) return init;
  }
  return undefined;
}
