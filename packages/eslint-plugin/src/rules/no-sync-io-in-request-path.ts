import type { TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../util/create-rule.js';
import { DEFAULT_COMPOSITION_FUNCTIONS, executionContext } from '../util/execution-context.js';
import { DEFAULT_APP_NAMES } from '../util/fastify-routes.js';
import { fileMatches } from '../util/files.js';
import { displayQualifiedName, qualifiedName } from '../util/imports.js';
import { INVALID_SETTINGS_MESSAGE, withSettings } from '../util/rule-settings.js';
import { NAMES_SCHEMA, REQUEST_PATH_SCHEMA } from '../util/schemas.js';
import { DEFAULT_REQUEST_PATH } from '../util/settings.js';

export type Options = [{ requestPath?: string[]; modules?: string[]; compositionFunctions?: string[] }];
export type MessageIds = 'syncIo' | 'invalidSettings';

const DEFAULT_MODULES: readonly string[] = ['fs', 'child_process', 'zlib', 'crypto'];

export default createRule<Options, MessageIds>({
  name: 'no-sync-io-in-request-path',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Disallow synchronous fs, child_process, zlib and crypto calls in code that runs per request',
    },
    messages: {
      syncIo:
        '`{{call}}` blocks the event loop until it finishes: every request in flight waits behind it. Use the asynchronous API, or do the work once at startup.',
      invalidSettings: INVALID_SETTINGS_MESSAGE,
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          requestPath: REQUEST_PATH_SCHEMA,
          modules: NAMES_SCHEMA('Node modules whose `*Sync` functions are reported (without the `node:` prefix).'),
          compositionFunctions: NAMES_SCHEMA(
            'Name patterns of functions that run once at startup (`buildApp`, `create*`), where synchronous I/O is accepted.',
          ),
        },
      },
    ],
    defaultOptions: [{}],
  },
  create(context, [options]) {
    return withSettings(context, (settings) => {
      const requestPath = options.requestPath ?? settings.requestPath ?? DEFAULT_REQUEST_PATH;
      const modules = options.modules ?? DEFAULT_MODULES;
      const contextOptions = {
        inRequestPath: fileMatches(context, requestPath),
        appNames: DEFAULT_APP_NAMES,
        compositionFunctions: options.compositionFunctions ?? DEFAULT_COMPOSITION_FUNCTIONS,
        sourceCode: context.sourceCode,
      };
      return {
        CallExpression(node: TSESTree.CallExpression) {
          const name = qualifiedName(node.callee, context.sourceCode);
          const last = name?.path.at(-1);
          if (!name || !modules.includes(name.module) || last === undefined || !last.endsWith('Sync')) return;
          if (executionContext(node, contextOptions) !== 'request') return;
          context.report({ node, messageId: 'syncIo', data: { call: displayQualifiedName(name) } });
        },
      };
    });
  },
});
