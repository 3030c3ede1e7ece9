import type { TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../util/create-rule.js';
import {
  DEFAULT_CLIENTS,
  DEFAULT_TIMEOUT_ARGUMENTS,
  DEFAULT_TIMEOUT_PROPERTIES,
  outboundCall,
  syntacticEvidence,
  type ClientMethods,
} from '../util/outbound-calls.js';
import { CLIENTS_SCHEMA } from '../util/schemas.js';

export type Options = [
  {
    clients?: ClientMethods[];
    timeoutProperties?: string[];
    timeoutArguments?: string[];
    allowUnresolvedOptions?: boolean;
  },
];
export type MessageIds = 'missingTimeout' | 'unverifiableTimeout';

export default createRule<Options, MessageIds>({
  name: 'require-timeout',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Require outbound calls (fetch, undici, http(s).request, configured client methods) to carry a timeout or AbortSignal',
    },
    messages: {
      missingTimeout:
        '`{{call}}` has no timeout or AbortSignal ({{properties}}): a slow dependency would hold the request far past its latency budget. Pass a signal derived from the request deadline.',
      unverifiableTimeout:
        'The options of `{{call}}` are built elsewhere, so whether they set {{properties}} cannot be seen here. Pass the signal inline or through a `const` object in this file.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          clients: CLIENTS_SCHEMA,
          timeoutProperties: {
            type: 'array',
            items: { type: 'string' },
            description: 'Option properties that carry a timeout on configured client calls.',
          },
          timeoutArguments: {
            type: 'array',
            items: { type: 'string' },
            description:
              'Name patterns of arguments that are a signal or deadline themselves (`client.infer(input, signal)`).',
          },
          allowUnresolvedOptions: {
            type: 'boolean',
            description: 'Accept fetch/undici/http options that are built elsewhere and cannot be inspected.',
          },
        },
      },
    ],
    defaultOptions: [{}],
  },
  create(context, [options]) {
    const clients = options.clients ?? DEFAULT_CLIENTS;
    const timeoutProperties = options.timeoutProperties ?? DEFAULT_TIMEOUT_PROPERTIES;
    const timeoutArguments = options.timeoutArguments ?? DEFAULT_TIMEOUT_ARGUMENTS;
    const allowUnresolved = options.allowUnresolvedOptions ?? false;

    return {
      CallExpression(node: TSESTree.CallExpression) {
        const outbound = outboundCall(node, context.sourceCode, { clients, timeoutProperties });
        if (!outbound) return;
        const evidence = syntacticEvidence(node, outbound, context.sourceCode, timeoutArguments);
        if (evidence === 'present' || (evidence === 'unknown' && allowUnresolved)) return;
        context.report({
          node: node.callee,
          messageId: evidence === 'unknown' ? 'unverifiableTimeout' : 'missingTimeout',
          data: { call: outbound.display, properties: formatNames(outbound.properties) },
        });
      },
    };
  },
});

export function formatNames(names: readonly string[]): string {
  return names.map((name) => `\`${name}\``).join(' or ');
}
