import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { propertyKeyName, unwrapExpression } from '../util/ast.js';
import { constantContext, constantText } from '../util/constant-string.js';
import { createRule } from '../util/create-rule.js';
import { nameMatches } from '../util/files.js';
import { NAMES_SCHEMA } from '../util/schemas.js';

export type Options = [{ saltProperties?: string[] }];
export type MessageIds = 'duplicateSalt';

const DEFAULT_SALT_PROPERTIES: readonly string[] = ['salt', '*Salt'];

export default createRule<Options, MessageIds>({
  name: 'unique-experiment-salt',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow reusing an experiment or layer salt within a file',
    },
    messages: {
      duplicateSalt:
        'Salt `{{salt}}` is already used on line {{line}}: two experiments (or layers) with one salt bucket every unit identically, so their arms are correlated and neither result can be trusted. Give each its own salt.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          saltProperties: NAMES_SCHEMA('Property name patterns that hold a salt (`salt`, `*Salt`).'),
        },
      },
    ],
    defaultOptions: [{}],
  },
  create(context, [options]) {
    const saltProperties = options.saltProperties ?? DEFAULT_SALT_PROPERTIES;
    const values = constantContext(context);
    const firstUse = new Map<string, TSESTree.Node>();
    return {
      Property(node: TSESTree.Property) {
        if (node.parent.type !== AST_NODE_TYPES.ObjectExpression || !nameMatches(propertyKeyName(node), saltProperties)) return;
        const value = unwrapExpression(node.value);
        // The salt's value, however it is written: a literal, a template, a constant, an `as const` object or enum member.
        const salt = constantText(value, values);
        if (salt === undefined) return;
        const earlier = firstUse.get(salt);
        if (!earlier) {
          firstUse.set(salt, value);
          return;
        }
        context.report({ node: value, messageId: 'duplicateSalt', data: { salt, line: String(earlier.loc.start.line) } });
      },
    };
  },
});
