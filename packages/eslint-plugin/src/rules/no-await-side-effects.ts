import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { calleeParts, receiverName, unwrapExpression, walk } from '../util/ast.js';
import { functionOfCallee } from '../util/dataflow/functions.js';
import { moduleOfContext, relativeFile, shortText, type FlowModule } from '../util/dataflow/modules.js';
import { awaitedCalls, isAwaitStatement } from '../util/awaited-calls.js';
import { createRule } from '../util/create-rule.js';
import { DEFAULT_COMPOSITION_FUNCTIONS, executionContext } from '../util/execution-context.js';
import { DEFAULT_APP_NAMES } from '../util/fastify-routes.js';
import { fileMatches, nameMatches } from '../util/files.js';
import { INVALID_SETTINGS_MESSAGE, withSettings } from '../util/rule-settings.js';
import { NAMES_SCHEMA, REQUEST_PATH_SCHEMA } from '../util/schemas.js';
import { DEFAULT_REQUEST_PATH } from '../util/settings.js';

export type Options = [{ requestPath?: string[]; receivers?: string[]; methods?: string[] }];
export type MessageIds = 'awaitedSideEffect' | 'awaitedSideEffectThrough' | 'fireAndForget' | 'invalidSettings';

export const DEFAULT_SIDE_EFFECT_RECEIVERS: readonly string[] = ['*sink*', '*events*', '*exposure*'];
export const DEFAULT_SIDE_EFFECT_METHODS: readonly string[] = ['emit', 'record', 'logExposure', 'publish'];

export const SIDE_EFFECT_MESSAGES = {
  awaitedSideEffect:
    '`{{call}}` is a side effect awaited on the request path: the response waits for the event pipeline and fails with it. Fire it without waiting (side effects never throw) and let the sink buffer.',
  awaitedSideEffectThrough:
    '`{{call}}` waits for the side effect `{{inner}}` ({{where}}) on the request path: the response waits for the event pipeline and fails with it. Fire the side effect without waiting inside `{{callee}}`, or do not await `{{call}}`.',
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
      const isSideEffect = (call: TSESTree.CallExpression): boolean => {
        const { receiver, name } = calleeParts(call);
        return receiver !== undefined && nameMatches(receiverName(receiver), receivers) && nameMatches(name, methods);
      };
      return sideEffectListener(context, options.requestPath ?? settings.requestPath ?? DEFAULT_REQUEST_PATH, isSideEffect, isSideEffect);
    });
  },
});

/** Reports every awaited call `isSideEffect` accepts, in code that runs per request. */
export function sideEffectListener(
  context: Readonly<TSESLint.RuleContext<MessageIds, readonly unknown[]>>,
  requestPath: readonly string[],
  isSideEffect: (call: TSESTree.CallExpression) => boolean,
  /** Recognises a side effect in another function's body (any module): enables following awaited calls into them. */
  isSideEffectAnywhere?: (call: TSESTree.CallExpression) => boolean,
): TSESLint.RuleListener {
  const inRequestPath = fileMatches(context, requestPath);
  const sourceCode = context.sourceCode;
  return {
    AwaitExpression(node: TSESTree.AwaitExpression) {
      const awaited = awaitedCalls(node, sourceCode);
      const calls = awaited.filter(isSideEffect);
      const through = isSideEffectAnywhere
        ? awaited.flatMap((call) => {
            if (calls.includes(call)) return [];
            const inner = awaitedSideEffectIn(call, moduleOfContext(context), isSideEffectAnywhere);
            return inner ? [{ call, ...inner }] : [];
          })
        : [];
      if (calls.length === 0 && through.length === 0) return;
      const when = executionContext(node, {
        inRequestPath,
        appNames: DEFAULT_APP_NAMES,
        compositionFunctions: DEFAULT_COMPOSITION_FUNCTIONS,
        sourceCode,
      });
      if (when !== 'request') return;
      for (const entry of through) {
        context.report({
          node: entry.call,
          messageId: 'awaitedSideEffectThrough',
          data: {
            call: `${sourceCode.getText(entry.call.callee)}(…)`,
            inner: entry.inner,
            where: entry.where === context.filename ? 'in this file' : relativeFile(entry.where, context.filename),
            callee: entry.callee,
          },
        });
      }
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

/** Calls followed into the project's functions before an awaited call counts as no side effect. */
const MAX_DEPTH = 3;

/**
 * The side effect a called function of the project waits for (an `await` of it, or a `return` of it, outside nested
 * functions), directly or through the functions it awaits in turn.
 */
function awaitedSideEffectIn(
  call: TSESTree.CallExpression,
  module: FlowModule,
  isSideEffect: (call: TSESTree.CallExpression) => boolean,
  depth = 0,
): { inner: string; where: string; callee: string } | undefined {
  if (depth >= MAX_DEPTH) return undefined;
  const resolved = functionOfCallee(call.callee, module);
  if (!resolved) return undefined;
  const callee = shortText(call.callee, module);
  let found: { inner: string; where: string; callee: string } | undefined;
  walk(
    resolved.fn.body,
    (node) => {
      if (found) return false;
      const waited =
        node.type === AST_NODE_TYPES.AwaitExpression ? node.argument : node.type === AST_NODE_TYPES.ReturnStatement ? node.argument : undefined;
      const value = waited ? unwrapExpression(waited) : undefined;
      if (value?.type !== AST_NODE_TYPES.CallExpression) return true;
      const target = promiseTarget(value);
      if (isSideEffect(target)) {
        found = { inner: shortText(target.callee, resolved.module), where: resolved.module.file, callee };
        return false;
      }
      const deeper = awaitedSideEffectIn(target, resolved.module, isSideEffect, depth + 1);
      if (deeper) found = { ...deeper, callee };
      return !found;
    },
    true,
  );
  if (!found && resolved.fn.body.type !== AST_NODE_TYPES.BlockStatement) {
    const value = unwrapExpression(resolved.fn.body);
    if (value.type === AST_NODE_TYPES.CallExpression && isSideEffect(promiseTarget(value))) {
      found = { inner: shortText(promiseTarget(value).callee, resolved.module), where: resolved.module.file, callee };
    }
  }
  return found;
}

/** `sink.emit(e).catch(...)` → `sink.emit(e)`. */
function promiseTarget(call: TSESTree.CallExpression): TSESTree.CallExpression {
  const { receiver, name } = calleeParts(call);
  const inner = receiver ? unwrapExpression(receiver) : undefined;
  if (inner?.type === AST_NODE_TYPES.CallExpression && ['then', 'catch', 'finally'].includes(name ?? '')) return promiseTarget(inner);
  return call;
}
