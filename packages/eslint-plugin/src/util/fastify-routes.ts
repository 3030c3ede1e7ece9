import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { calleeParts, isStringLike, propertyKeyName, receiverName, unwrapExpression, type FunctionNode, isFunctionNode } from './ast.js';
import { nameMatches } from './files.js';
import { constInitializer } from './static-value.js';
import type { VariableLookup } from './imports.js';

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
  return isRequestCallbackPosition(fn, appNames);
}

/**
 * Whether `node` (a function, or an identifier naming one) sits where fastify calls it per request: the handler of a
 * route registration, the hook of `addHook` with a request hook name, or a request hook (or an element of a hook
 * list) in route options.
 */
export function isRequestCallbackPosition(node: TSESTree.Node, appNames: readonly string[]): boolean {
  const parent = node.parent;
  if (!parent) return false;
  if (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(node as TSESTree.CallExpressionArgument)) {
    const registration = routeRegistration(parent, appNames);
    if (registration && registration.handler === node) return true;
    const { name } = calleeParts(parent);
    const hookName = parent.arguments[0];
    if (
      name === 'addHook' &&
      parent.arguments[1] === node &&
      hookName?.type === AST_NODE_TYPES.Literal &&
      typeof hookName.value === 'string' &&
      REQUEST_HOOKS.includes(hookName.value)
    ) {
      return true;
    }
  }
  // `preHandler: [authenticate, persist]` in route options.
  const holder = parent.type === AST_NODE_TYPES.ArrayExpression ? parent.parent : parent;
  if (holder?.type === AST_NODE_TYPES.Property && (holder.value === node || holder.value === parent)) {
    const key = propertyKeyName(holder);
    const isHook = key !== undefined && REQUEST_HOOKS.includes(key);
    if ((key === 'handler' && holder.value === node) || isHook) return isInRouteOptions(holder, appNames);
  }
  return false;
}

/**
 * Whether fastify calls `fn` per request and waits for the promise it returns: it is passed as a route handler or
 * request hook itself, or it is a function declaration or `const` whose name is passed so.
 */
export function isRequestCallback(fn: FunctionNode, appNames: readonly string[], lookup: VariableLookup): boolean {
  if (isRequestCallbackPosition(fn, appNames)) return true;
  const parent = fn.parent;
  const name =
    fn.type === AST_NODE_TYPES.FunctionDeclaration
      ? fn.id ?? undefined
      : parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === fn && parent.id.type === AST_NODE_TYPES.Identifier
        ? parent.id
        : undefined;
  if (!name) return false;
  const variable = lookup(name);
  return variable?.references.some((reference) => reference.identifier !== name && isRequestCallbackPosition(reference.identifier, appNames)) ?? false;
}

function isInRouteOptions(property: TSESTree.Property, appNames: readonly string[]): boolean {
  const object = property.parent;
  if (object.type !== AST_NODE_TYPES.ObjectExpression) return false;
  const call = object.parent;
  return call.type === AST_NODE_TYPES.CallExpression && routeRegistration(call, appNames) !== undefined;
}
