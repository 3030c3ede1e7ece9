import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { propertyKeyName } from '../util/ast.js';
import { createRule } from '../util/create-rule.js';
import { nameMatches } from '../util/files.js';
import { DEFAULT_REQUEST_OBJECTS, DEFAULT_REQUEST_PROPERTIES, findPiiValues, type PiiPatterns } from '../util/pii.js';
import { INVALID_SETTINGS_MESSAGE, withSettings } from '../util/rule-settings.js';
import { NAMES_SCHEMA } from '../util/schemas.js';
import { DEFAULT_IDENTIFIERS } from '../util/settings.js';

export type Options = [{ identifiers?: string[]; inputProperties?: string[]; parameterProperties?: string[] }];
export type MessageIds = 'piiInModelInput' | 'invalidSettings';

/** `inputs` is the Open Inference Protocol's request field; add your own model client's field names. */
const DEFAULT_INPUT_PROPERTIES: readonly string[] = ['inputs'];
/** OIP v2 request-level (and per-input) free-form parameters: sent to the model like the inputs. */
const DEFAULT_PARAMETER_PROPERTIES: readonly string[] = ['parameters'];

export default createRule<Options, MessageIds>({
  name: 'no-pii-in-model-inputs',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow personal identifiers and raw request data in the inputs sent to a model',
    },
    messages: {
      piiInModelInput:
        '`{{value}}` identifies a person and is sent to the model in `{{property}}`: the model needs features, not identities (a pseudonym is an identity too). Send the features derived from it instead.',
      invalidSettings: INVALID_SETTINGS_MESSAGE,
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          identifiers: NAMES_SCHEMA(
            'Names (patterns, case-insensitive) of values that identify a person. Default: `settings.npvguard.identifiers`, else listenerId, userId, email, ip, ipAddress, username, phone.',
          ),
          inputProperties: NAMES_SCHEMA('Object properties that hold a model request\'s inputs (`inputs` in OIP v2).'),
          parameterProperties: NAMES_SCHEMA(
            'Object properties that hold a model request\'s parameters (`parameters` in OIP v2), checked when they sit next to an inputs property.',
          ),
        },
      },
    ],
    defaultOptions: [{}],
  },
  create(context, [options]) {
    return withSettings(context, (settings) => {
      const inputProperties = options.inputProperties ?? DEFAULT_INPUT_PROPERTIES;
      const patterns: PiiPatterns = {
        identifiers: options.identifiers ?? settings.identifiers ?? DEFAULT_IDENTIFIERS,
        requestObjects: DEFAULT_REQUEST_OBJECTS,
        requestProperties: DEFAULT_REQUEST_PROPERTIES,
        pseudonymisers: undefined,
      };
      const parameterProperties = options.parameterProperties ?? DEFAULT_PARAMETER_PROPERTIES;

      /** `parameters` is a common name; it is a model request's only beside that request's `inputs`. */
      function isRequestParameters(node: TSESTree.Property, parent: TSESTree.ObjectExpression, name: string | undefined): boolean {
        if (!nameMatches(name, parameterProperties)) return false;
        return parent.properties.some(
          (sibling) => sibling !== node && sibling.type === AST_NODE_TYPES.Property && nameMatches(propertyKeyName(sibling), inputProperties),
        );
      }

      return {
        Property(node: TSESTree.Property) {
          if (node.parent.type !== AST_NODE_TYPES.ObjectExpression) return;
          const property = propertyKeyName(node);
          if (!nameMatches(property, inputProperties) && !isRequestParameters(node, node.parent, property)) return;
          for (const value of findPiiValues(node.value, patterns)) {
            context.report({
              node: value.node,
              messageId: 'piiInModelInput',
              data: { value: context.sourceCode.getText(value.node), property: property ?? 'inputs' },
            });
          }
        },
      };
    });
  },
});
