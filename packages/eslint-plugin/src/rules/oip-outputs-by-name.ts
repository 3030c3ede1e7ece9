import { AST_NODE_TYPES, ASTUtils, type TSESTree } from '@typescript-eslint/utils';
import { calleeParts, propertyKeyName, receiverName, unwrapExpression } from '../util/ast.js';
import { createRule } from '../util/create-rule.js';
import { nameMatches } from '../util/files.js';
import { NAMES_SCHEMA } from '../util/schemas.js';

export type Options = [{ outputProperties?: string[] }];
export type MessageIds = 'outputByPosition';

const DEFAULT_OUTPUT_PROPERTIES: readonly string[] = ['outputs'];
/** Array methods that pick an element by position. */
const POSITIONAL_METHODS = ['at', 'shift', 'pop'];

export default createRule<Options, MessageIds>({
  name: 'oip-outputs-by-name',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require model outputs (Open Inference Protocol `outputs`) to be read by name, never by position',
    },
    messages: {
      outputByPosition:
        '`{{expression}}` reads a model output by position: the Open Inference Protocol names outputs and does not promise their order, so a model update can swap them silently. Find the output by `name`.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          outputProperties: NAMES_SCHEMA('Property names that hold a model response\'s output list (`outputs` in OIP v2).'),
        },
      },
    ],
    defaultOptions: [{}],
  },
  create(context, [options]) {
    const outputProperties = options.outputProperties ?? DEFAULT_OUTPUT_PROPERTIES;

    /**
     * `response.outputs`, or a local binding of it (`const outputs = response.outputs`,
     * `const { outputs } = body`, a parameter `{ outputs }`). A local `outputs` built any other way is left
     * alone: a model server validating its own metadata may index a list it just checked the length of.
     */
    function isOutputList(node: TSESTree.Node, seen: Set<TSESTree.Node> = new Set()): boolean {
      const value = unwrapExpression(node);
      if (value.type === AST_NODE_TYPES.MemberExpression) return nameMatches(receiverName(value), outputProperties);
      if (value.type === AST_NODE_TYPES.Identifier) return isOutputAlias(value, seen);
      return false;
    }

    /** Whether a local binding holds a response's output list; `seen` stops `a = b, b = a` chains. */
    function isOutputAlias(identifier: TSESTree.Identifier, seen: Set<TSESTree.Node>): boolean {
      const variable = ASTUtils.findVariable(context.sourceCode.getScope(identifier), identifier);
      // A binding assigned again later may hold anything; only single-definition, never-reassigned ones count.
      if (!variable || variable.defs.length !== 1 || variable.references.some((reference) => reference.isWrite() && !reference.init)) return false;
      const definition = variable.defs[0];
      if (!definition || seen.has(definition.name)) return false;
      seen.add(definition.name);
      const binding = definition.name.parent;
      // `{ outputs }` / `{ outputs: list }` / `{ outputs = [] }` in a declaration or a parameter.
      const property = binding.type === AST_NODE_TYPES.AssignmentPattern ? binding.parent : binding;
      if (property.type === AST_NODE_TYPES.Property && property.parent.type === AST_NODE_TYPES.ObjectPattern) {
        return nameMatches(propertyKeyName(property), outputProperties);
      }
      if (definition.type === 'Variable' && definition.node.id === definition.name && definition.node.init) {
        return isOutputList(definition.node.init, seen);
      }
      return false;
    }

    function report(node: TSESTree.Node): void {
      context.report({ node, messageId: 'outputByPosition', data: { expression: context.sourceCode.getText(node) } });
    }

    return {
      // `response.outputs[0]`
      MemberExpression(node: TSESTree.MemberExpression) {
        if (!node.computed || !isOutputList(node.object)) return;
        const index = unwrapExpression(node.property);
        if (index.type === AST_NODE_TYPES.Literal && typeof index.value === 'number') report(node);
      },
      // `response.outputs.at(0)`, `outputs.shift()`
      CallExpression(node: TSESTree.CallExpression) {
        const { receiver, name } = calleeParts(node);
        if (receiver && name !== undefined && POSITIONAL_METHODS.includes(name) && isOutputList(receiver)) report(node);
      },
      // `const [scores] = response.outputs`
      VariableDeclarator(node: TSESTree.VariableDeclarator) {
        if (node.id.type === AST_NODE_TYPES.ArrayPattern && node.init && isOutputList(node.init)) report(node);
      },
    };
  },
});
