import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { calleeParts, receiverName, type FunctionNode } from '../util/ast.js';
import { functionOfCallee } from '../util/dataflow/functions.js';
import { moduleOfContext, relativeFile, shortText, type FlowModule } from '../util/dataflow/modules.js';
import { awaitedCalls, isAwaitStatement, returnedValues, sourceCodeLookup, waitedCalls } from '../util/awaited-calls.js';
import { DEFAULT_APP_NAMES, isRequestCallback } from '../util/fastify-routes.js';
import { deferredContinuations, optionSideEffects, sideEffectWaitedIn, type SideEffectTest, type WaitedSideEffect } from '../util/waited-side-effects.js';
import { createRule } from '../util/create-rule.js';
import { DEFAULT_COMPOSITION_FUNCTIONS, executionContext } from '../util/execution-context.js';
import { fileMatches, nameMatches } from '../util/files.js';
import { INVALID_SETTINGS_MESSAGE, withSettings } from '../util/rule-settings.js';
import { NAMES_SCHEMA, REQUEST_PATH_SCHEMA } from '../util/schemas.js';
import { DEFAULT_REQUEST_PATH } from '../util/settings.js';

export type Options = [{ requestPath?: string[]; receivers?: string[]; methods?: string[] }];
export type MessageIds =
  | 'awaitedSideEffect'
  | 'awaitedSideEffectThrough'
  | 'returnedSideEffect'
  | 'returnedSideEffectThrough'
  | 'awaitedSideEffectOption'
  | 'continuedAfterSideEffect'
  | 'fireAndForget'
  | 'invalidSettings';

export const DEFAULT_SIDE_EFFECT_RECEIVERS: readonly string[] = ['*sink*', '*events*', '*exposure*'];
export const DEFAULT_SIDE_EFFECT_METHODS: readonly string[] = ['emit', 'record', 'logExposure', 'publish'];

export const SIDE_EFFECT_MESSAGES = {
  awaitedSideEffect:
    '`{{call}}` is a side effect awaited on the request path: the response waits for the event pipeline and fails with it. Fire it without waiting (side effects never throw) and let the sink buffer.',
  awaitedSideEffectThrough:
    '`{{call}}` waits for the side effect `{{inner}}` ({{where}}) on the request path: the response waits for the event pipeline and fails with it. Fire the side effect without waiting inside `{{callee}}`, or do not await `{{call}}`.',
  returnedSideEffect:
    '`{{call}}` is a side effect in the promise this handler or hook returns, and fastify waits for a returned promise before it goes on with the request: the response waits for the event pipeline and fails with it. Fire it without waiting (`void`) and return the value itself.',
  returnedSideEffectThrough:
    '`{{call}}` waits for the side effect `{{inner}}` ({{where}}), and this handler or hook returns its promise, which fastify waits for before it goes on with the request: the response waits for the event pipeline and fails with it. Fire the side effect without waiting inside `{{callee}}`, or do not return the promise of `{{call}}`.',
  awaitedSideEffectOption:
    '`{{option}}` is handed to `{{plugin}}`, which waits for it while serving a request ({{waitedAt}}), and it waits for the side effect `{{inner}}`: the response waits for the event pipeline and fails with it. Fire the side effect without waiting inside `{{option}}`, or call `{{option}}` there without waiting for it.',
  continuedAfterSideEffect:
    'The request goes on (`{{continuation}}`) only once `{{call}}` settles, which waits for the side effect `{{inner}}`: the response waits for the event pipeline and fails with it. Call `{{continuation}}` without waiting for it, and fire the side effect without waiting.',
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

/**
 * Reports every side effect `isSideEffect` accepts that code running per request waits for: awaited (directly, or
 * through the project's functions), returned to fastify by a route handler or request hook, or reached through an
 * option a registered plugin waits for.
 */
export function sideEffectListener(
  context: Readonly<TSESLint.RuleContext<MessageIds, readonly unknown[]>>,
  requestPath: readonly string[],
  /** Recognises a side effect in the file being linted. */
  isSideEffect: (call: TSESTree.CallExpression) => boolean,
  /** Recognises a side effect in another module (followed functions, plugins, options). */
  isSideEffectAnywhere: SideEffectTest,
): TSESLint.RuleListener {
  const inRequestPath = fileMatches(context, requestPath);
  const sourceCode = context.sourceCode;
  const lookup = sourceCodeLookup(sourceCode);
  const module = (): FlowModule => moduleOfContext(context);
  const judge: SideEffectTest = (call, where) => (where.program === sourceCode.ast ? isSideEffect(call) : isSideEffectAnywhere(call, where));
  const where = (file: string): string => (file === context.filename ? 'in this file' : relativeFile(file, context.filename));
  const through = (calls: readonly TSESTree.CallExpression[]) =>
    calls.flatMap((call) => {
      if (isSideEffect(call)) return [];
      const callee = functionOfCallee(call.callee, module());
      const inner = callee ? sideEffectWaitedIn(callee, judge) : undefined;
      return inner ? [{ call, inner }] : [];
    });
  const throughData = (entry: { call: TSESTree.CallExpression; inner: WaitedSideEffect }) => ({
    call: `${sourceCode.getText(entry.call.callee)}(…)`,
    inner: entry.inner.inner,
    where: where(entry.inner.where),
    callee: shortText(entry.call.callee, module()),
  });
  return {
    AwaitExpression(node: TSESTree.AwaitExpression) {
      const awaited = awaitedCalls(node, sourceCode);
      const calls = awaited.filter(isSideEffect);
      const indirect = through(awaited);
      if (calls.length === 0 && indirect.length === 0) return;
      const when = executionContext(node, {
        inRequestPath,
        appNames: DEFAULT_APP_NAMES,
        compositionFunctions: DEFAULT_COMPOSITION_FUNCTIONS,
        sourceCode,
      });
      if (when !== 'request') return;
      for (const entry of indirect) {
        context.report({ node: entry.call, messageId: 'awaitedSideEffectThrough', data: throughData(entry) });
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
    ':function'(fn: FunctionNode) {
      // fastify waits for the promise a handler or request hook returns, `await` or not.
      if (!isRequestCallback(fn, DEFAULT_APP_NAMES, lookup)) return;
      const waited = returnedValues(fn).flatMap((value) => waitedCalls(value, lookup));
      const reported = new Set<TSESTree.Node>();
      for (const entry of through(waited)) {
        reported.add(entry.call);
        context.report({ node: entry.call, messageId: 'returnedSideEffectThrough', data: throughData(entry) });
      }
      for (const call of waited.filter(isSideEffect)) {
        reported.add(call);
        context.report({ node: call, messageId: 'returnedSideEffect', data: { call: sourceCode.getText(call.callee) } });
      }
      // A callback-style hook (`done`) or a reply sent only once a promise settles waits for it just the same.
      for (const deferred of deferredContinuations(fn, lookup)) {
        const after = deferred.after.filter((call) => !reported.has(call));
        const report = (call: TSESTree.CallExpression, inner: string): void => {
          reported.add(call);
          context.report({
            node: call,
            messageId: 'continuedAfterSideEffect',
            data: { call: `${sourceCode.getText(call.callee)}(…)`, inner, continuation: deferred.continuation },
          });
        };
        for (const call of after.filter(isSideEffect)) report(call, sourceCode.getText(call.callee));
        for (const entry of through(after)) report(entry.call, entry.inner.inner);
      }
    },
    CallExpression(node: TSESTree.CallExpression) {
      if (calleeParts(node).name !== 'register') return;
      for (const found of optionSideEffects(node, module(), DEFAULT_APP_NAMES, judge)) {
        const { option } = found;
        context.report({
          node: found.property,
          messageId: 'awaitedSideEffectOption',
          data: {
            option: option.name,
            plugin: found.plugin,
            waitedAt: `${where(option.module.file)}, line ${String(option.call.loc.start.line)}`,
            inner: found.effect.inner,
          },
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
