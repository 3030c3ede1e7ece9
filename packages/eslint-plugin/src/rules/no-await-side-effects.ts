import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { calleeParts, receiverName } from '../util/ast.js';
import { awaitedCalls, isAwaitStatement } from '../util/awaited-calls.js';
import { createRule } from '../util/create-rule.js';
import { DEFAULT_COMPOSITION_FUNCTIONS, executionContext } from '../util/execution-context.js';
import { DEFAULT_APP_NAMES } from '../util/fastify-routes.js';
import { fileMatches, nameMatches } from '../util/files.js';
import { INVALID_SETTINGS_MESSAGE, withSettings } from '../util/rule-settings.js';
import { NAMES_SCHEMA, REQUEST_PATH_SCHEMA } from '../util/schemas.js';
import { DEFAULT_REQUEST_PATH } from '../util/settings.js';

export type Options = [{ requestPath?: string[]; receivers?: string[]; methods?: string[] }];
export type MessageIds = 'awaitedSideEffect' | 'fireAndForget' | 'invalidSettings';

export const DEFAULT_SIDE_EFFECT_RECEIVERS: readonly string[] = ['*sink*', '*events*', '*exposure*'];
export const DEFAULT_SIDE_EFFECT_METHODS: readonly string[] = ['emit', 'record', 'logExposure', 'publish'];

export const SIDE_EFFECT_MESSAGES = {
  awaitedSideEffect:
    '`{{call}}` is a side effect awaited on the request path: the response waits for the event pipeline and fails with it. Fire it without waiting (side effects never throw) and let the sink buffer.',
  fireAndForget: 'Fire the side effect without awaiting it (`void`).',
  invalidSettings: INVALID_SETTINGS_MESSAGE,
} as const;

export default createRule<Options, MessageIds>({
  name: 'no-await-side-effects',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Disallow awaiting side-effect calls (event sink, exposure log) on the request path',
    },
    hasSuggestions: true,
    messages: SIDE_EFFECT_MESSAGES,
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          requestPath: REQUEST_PATH_SCHEMA,
          receivers: NAMES_SCHEMA('Receiver name patterns of side-effect ports (case-insensitive), e.g. `*sink*`.'),
          methods: NAMES_SCHEMA('Side-effect method names on those receivers, e.g. `emit`.'),
        },
      },
    ],
    defaultOptions: [{}],
  },
  create(context, [options]) {
    return withSettings(context, (settings) => {
      const receivers = options.receivers ?? DEFAULT_SIDE_EFFECT_RECEIVERS;
      const methods = options.methods ?? DEFAULT_SIDE_EFFECT_METHODS;
      return sideEffectListener(context, options.requestPath ?? settings.requestPath ?? DEFAULT_REQUEST_PATH, (call) => {
        const { receiver, name } = calleeParts(call);
        return receiver !== undefined && nameMatches(receiverName(receiver), receivers) && nameMatches(name, methods);
      });
    });
  },
});

/** Reports every awaited call `isSideEffect` accepts, in code that runs per request. */
export function sideEffectListener(
  context: Readonly<TSESLint.RuleContext<MessageIds, readonly unknown[]>>,
  requestPath: readonly string[],
  isSideEffect: (call: TSESTree.CallExpression) => boolean,
): TSESLint.RuleListener {
  const inRequestPath = fileMatches(context, requestPath);
  const sourceCode = context.sourceCode;
  return {
    AwaitExpression(node: TSESTree.AwaitExpression) {
      const calls = awaitedCalls(node, sourceCode).filter(isSideEffect);
      if (calls.length === 0) return;
      const when = executionContext(node, {
        inRequestPath,
        appNames: DEFAULT_APP_NAMES,
        compositionFunctions: DEFAULT_COMPOSITION_FUNCTIONS,
        sourceCode,
      });
      if (when !== 'request') return;
      const direct = calls.length === 1 && calls[0] === node.argument && isAwaitStatement(node);
      for (const call of calls) {
        context.report({
          node: call,
          messageId: 'awaitedSideEffect',
          data: { call: sourceCode.getText(call.callee) },
          suggest: direct ? [{ messageId: 'fireAndForget', fix: (fixer) => fireAndForget(fixer, node, sourceCode) }] : [],
        });
      }
    },
  };
}

function fireAndForget(
  fixer: TSESLint.RuleFixer,
  node: TSESTree.AwaitExpression,
  sourceCode: Readonly<TSESLint.SourceCode>,
): TSESLint.RuleFix {
  return fixer.replaceText(node, `void ${sourceCode.getText(node.argument)}`);
}
