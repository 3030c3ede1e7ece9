import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { calleeParts, isStringLike, propertyKeyName, receiverName, unwrapExpression, type FunctionNode, isFunctionNode } from './ast.js';
import { nameMatches } from './files.js';
import { constInitializer } from './static-value.js';

export const ROUTE_SHORTHAND_METHODS: readonly string[] = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'all'];

/** Receivers route registrations are recognised on (`app.get`, `fastify.route`, `this.server.post`). */
export const DEFAULT_APP_NAMES: readonly string[] = ['app', 'fastify', 'server', 'instance', 'router', '*App', '*Server'];

/** fastify hooks that run once per request; the application hooks (`onReady`, `onClose`...) run once. */
export const REQUEST_HOOKS: readonly string[] = [
  'onRequest',
  'preParsing',
  'preValidation',
  'preHandler',
  'preSerialization',
  'onSend',
  'onResponse',
  'onError',
  'onTimeout',
  'onRequestAbort',
];

/** fastify hooks that run while the application starts or stops. */
export const APPLICATION_HOOKS: readonly string[] = ['onRoute', 'onRegister', 'onReady', 'onListen', 'preClose', 'onClose'];

export interface RouteRegistration {
  call: TSESTree.CallExpression;
  /** The route options object expression, if one was passed. */
  options: TSESTree.Node | undefined;
  /** The handler expression: a function, or a reference to one. */
  handler: TSESTree.Node | undefined;
}

/**
 * Recognises `app.get(path, [options,] handler)`, `app.get(path, { handler, ... })` and
 * `app.route({ method, url, handler, ... })` on receivers named like a fastify instance.
 */
export function routeRegistration(
  call: TSESTree.CallExpression,
  appNames: readonly string[],
): RouteRegistration | undefined {
  const { receiver, name } = calleeParts(call);
  if (!receiver || name === undefined || !nameMatches(receiverName(receiver), appNames)) return undefined;
  if (name === 'route') {
    const options = call.arguments[0];
    if (call.arguments.length !== 1 || !options || options.type === AST_NODE_TYPES.SpreadElement) return undefined;
    return { call, options, handler: propertyValue(options, 'handler') };
  }
  if (!ROUTE_SHORTHAND_METHODS.includes(name)) return undefined;
  const [path, second, third] = call.arguments;
  if (!path || !isStringLike(path) || !second || call.arguments.length > 3) return undefined;
  if (second.type === AST_NODE_TYPES.SpreadElement || third?.type === AST_NODE_TYPES.SpreadElement) return undefined;
  if (third) return { call, options: second, handler: third };
  const secondValue = unwrapExpression(second);
  if (secondValue.type === AST_NODE_TYPES.ObjectExpression) {
    return { call, options: second, handler: propertyValue(second, 'handler') };
  }
  return { call, options: undefined, handler: second };
}

function propertyValue(node: TSESTree.Node, name: string): TSESTree.Node | undefined {
  const object = unwrapExpression(node);
  if (object.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  for (const property of object.properties) {
    if (property.type === AST_NODE_TYPES.Property && propertyKeyName(property) === name) return property.value;
  }
  return undefined;
}

/** The function a handler expression denotes, following one `const` reference. */
export function handlerFunction(
  handler: TSESTree.Node | undefined,
  sourceCode: Readonly<TSESLint.SourceCode>,
): FunctionNode | undefined {
  if (!handler) return undefined;
  let value = unwrapExpression(handler);
  if (value.type === AST_NODE_TYPES.Identifier) {
    const initializer = constInitializer(value, sourceCode);
    if (!initializer) return undefined;
    value = unwrapExpression(initializer);
  }
  return isFunctionNode(value) ? value : undefined;
}

/** Whether `fn` is passed directly as a route handler or per-request hook. */
export function isRequestHandlerFunction(fn: FunctionNode, appNames: readonly string[]): boolean {
  const parent = fn.parent;
  if (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(fn as TSESTree.CallExpressionArgument)) {
    const registration = routeRegistration(parent, appNames);
    if (registration && registration.handler === fn) return true;
    const { name } = calleeParts(parent);
    const hookName = parent.arguments[0];
    if (
      name === 'addHook' &&
      hookName?.type === AST_NODE_TYPES.Literal &&
      typeof hookName.value === 'string' &&
      REQUEST_HOOKS.includes(hookName.value)
    ) {
      return true;
    }
  }
  if (parent.type === AST_NODE_TYPES.Property && parent.value === fn) {
    const key = propertyKeyName(parent);
    if (key === 'handler' || (key !== undefined && REQUEST_HOOKS.includes(key))) return isInRouteOptions(parent, appNames);
  }
  return false;
}

function isInRouteOptions(property: TSESTree.Property, appNames: readonly string[]): boolean {
  const object = property.parent;
  if (object.type !== AST_NODE_TYPES.ObjectExpression) return false;
  const call = object.parent;
  return call.type === AST_NODE_TYPES.CallExpression && routeRegistration(call, appNames) !== undefined;
}
