import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { calleeParts } from '../util/ast.js';
import { createRule } from '../util/create-rule.js';
import { DEFAULT_COMPOSITION_FUNCTIONS, executionContext } from '../util/execution-context.js';
import { DEFAULT_APP_NAMES } from '../util/fastify-routes.js';
import { fileMatches, nameMatches } from '../util/files.js';
import { INVALID_SETTINGS_MESSAGE, withSettings } from '../util/rule-settings.js';
import { NAMES_SCHEMA, REQUEST_PATH_SCHEMA } from '../util/schemas.js';
import { DEFAULT_REQUEST_PATH } from '../util/settings.js';

export type Options = [
  {
    requestPath?: string[];
    constructors?: string[];
    factories?: string[];
    compositionFunctions?: string[];
    appNames?: string[];
  },
];
export type MessageIds = 'perRequestClient' | 'invalidSettings';

/** Classes whose instances hold state that must outlive a request: connections, breaker state, metric registrations. */
const DEFAULT_CONSTRUCTORS: readonly string[] = [
  'Pool',
  'Agent',
  'Client',
  'BalancedPool',
  'ProxyAgent',
  'RetryAgent',
  '*Client',
  '*Pool',
  '*Breaker',
  'Registry',
  'Counter',
  'Gauge',
  'Histogram',
  'Summary',
];
const DEFAULT_FACTORIES: readonly string[] = ['create*Client', 'create*Pool', 'create*Agent', 'create*Breaker', 'create*Metrics'];

/** `client ??= new Client()`: created on first use and kept, so it is built once however often this runs. */
function isMemoised(node: TSESTree.Node): boolean {
  const parent = node.parent;
  return (
    parent?.type === AST_NODE_TYPES.AssignmentExpression &&
    parent.right === node &&
    (parent.operator === '??=' || parent.operator === '||=')
  );
}

export default createRule<Options, MessageIds>({
  name: 'no-per-request-client',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Disallow constructing clients, pools, circuit breakers or metrics in code that runs per request instead of at composition time',
    },
    messages: {
      perRequestClient:
        '`{{name}}` is created in code that runs per request: each request gets a fresh one, losing connection reuse, breaker state or metric series. Create it once in the composition root and pass it in.',
      invalidSettings: INVALID_SETTINGS_MESSAGE,
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          requestPath: REQUEST_PATH_SCHEMA,
          constructors: NAMES_SCHEMA('Class name patterns whose instances must be created once (`*Client`, `*Breaker`, `Pool`...).'),
          factories: NAMES_SCHEMA('Factory function name patterns that create such instances (`create*Client`...).'),
          compositionFunctions: NAMES_SCHEMA(
            'Name patterns of functions that run once at startup (`buildApp`, `create*`, constructors), where construction belongs.',
          ),
          appNames: NAMES_SCHEMA('Receiver name patterns of fastify instances, whose route handlers and hooks run per request.'),
        },
      },
    ],
    defaultOptions: [{}],
  },
  create(context, [options]) {
    return withSettings(context, (settings) => {
      const requestPath = options.requestPath ?? settings.requestPath ?? DEFAULT_REQUEST_PATH;
      const constructors = options.constructors ?? DEFAULT_CONSTRUCTORS;
      const factories = options.factories ?? DEFAULT_FACTORIES;
      const contextOptions = {
        inRequestPath: fileMatches(context, requestPath),
        appNames: options.appNames ?? DEFAULT_APP_NAMES,
        compositionFunctions: options.compositionFunctions ?? DEFAULT_COMPOSITION_FUNCTIONS,
        sourceCode: context.sourceCode,
      };

      function check(node: TSESTree.NewExpression | TSESTree.CallExpression, patterns: readonly string[]): void {
        const { name } = calleeParts(node);
        if (!nameMatches(name, patterns) || isMemoised(node)) return;
        if (executionContext(node, contextOptions) !== 'request') return;
        context.report({ node, messageId: 'perRequestClient', data: { name: name ?? 'client' } });
      }

      return {
        NewExpression: (node) => check(node, constructors),
        CallExpression: (node) => check(node, factories),
      };
    });
  },
});
