import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { calleeParts, isFunctionNode, memberPropertyName, propertyKeyName, receiverName, unwrapExpression, walk, type FunctionNode } from './ast.js';
import { returnedValues, waitedCalls } from './awaited-calls.js';
import { functionOfCallee, importedConstant, type ResolvedFunction } from './dataflow/functions.js';
import { shortText, type FlowModule } from './dataflow/modules.js';
import { isRequestCallback } from './fastify-routes.js';
import { nameMatches } from './files.js';
import type { VariableLookup } from './imports.js';

/** Whether a call written in `module` is a side effect. */
export type SideEffectTest = (call: TSESTree.CallExpression, module: FlowModule) => boolean;

/** A side effect a function waits for: the call's text, and the module it is written in. */
export interface WaitedSideEffect {
  inner: string;
  where: string;
  node: TSESTree.CallExpression;
}

/** Calls followed into the project's functions before a waited-for call counts as no side effect. */
export const MAX_DEPTH = 3;

const PLUGIN_WRAPPERS: readonly string[] = ['fp', 'fastifyPlugin'];

/**
 * The side effect `fn` waits for: one it awaits or returns (outside nested functions; through `.then`/`.catch`/
 * `.finally`, promise combinators, conditionals and `const` aliases), directly or through the project's functions it
 * awaits or returns in turn, `depth` calls deep at most.
 */
export function sideEffectWaitedIn(
  resolved: ResolvedFunction,
  isSideEffect: SideEffectTest,
  depth = 0,
): WaitedSideEffect | undefined {
  if (depth >= MAX_DEPTH) return undefined;
  const { fn, module } = resolved;
  const lookup = module.variableOf.bind(module);
  const waited: TSESTree.Node[] = [...returnedValues(fn)];
  walk(
    fn.body,
    (node) => {
      if (node.type === AST_NODE_TYPES.AwaitExpression) waited.push(node.argument);
    },
    true,
  );
  for (const value of waited) {
    for (const call of waitedCalls(value, lookup)) {
      const found = sideEffectOfCall(call, module, isSideEffect, depth);
      if (found) return found;
    }
  }
  return undefined;
}

/** The side effect a waited-for call is, or waits for through the project's function it calls. */
export function sideEffectOfCall(
  call: TSESTree.CallExpression,
  module: FlowModule,
  isSideEffect: SideEffectTest,
  depth = 0,
): WaitedSideEffect | undefined {
  if (isSideEffect(call, module)) return { inner: shortText(call.callee, module), where: module.file, node: call };
  const callee = functionOfCallee(call.callee, module);
  return callee ? sideEffectWaitedIn(callee, isSideEffect, depth + 1) : undefined;
}

/** An option a plugin's request path waits for: its name, and where it is waited for. */
export interface WaitedOption {
  name: string;
  /** The waited-for call of the option (`options.persist()`), in the plugin's module. */
  call: TSESTree.CallExpression;
  module: FlowModule;
}

/** A side effect reached through an option handed to a plugin by `register`. */
export interface OptionSideEffect {
  /** The option's property in the options object (in the registering module). */
  property: TSESTree.Property;
  option: WaitedOption;
  plugin: string;
  effect: WaitedSideEffect;
}

/**
 * Side effects a plugin registered with `call` (`app.register(plugin, options)`) waits for on its request path
 * through a function handed to it in the options: the plugin (followed by value, in this or another module) waits for
 * `options.<name>()` in a route handler or request hook, and the function the options object gives `<name>` waits
 * for a side effect.
 */
export function optionSideEffects(
  call: TSESTree.CallExpression,
  module: FlowModule,
  appNames: readonly string[],
  isSideEffect: SideEffectTest,
): OptionSideEffect[] {
  const { receiver, name } = calleeParts(call);
  if (name !== 'register' || !receiver || !nameMatches(receiverName(receiver), appNames)) return [];
  const [pluginArgument, optionsArgument] = call.arguments;
  if (!pluginArgument || !optionsArgument || pluginArgument.type === AST_NODE_TYPES.SpreadElement) return [];
  const properties = objectProperties(optionsArgument, module);
  if (properties.length === 0) return [];
  const plugin = pluginFunction(pluginArgument, module);
  if (!plugin) return [];
  const found: OptionSideEffect[] = [];
  for (const option of waitedOptions(plugin, appNames)) {
    const property = properties.find((candidate) => propertyKeyName(candidate) === option.name);
    if (!property || found.some((entry) => entry.property === property)) continue;
    const effect = optionValueSideEffect(property.value, module, isSideEffect);
    if (effect) found.push({ property, option, plugin: shortText(pluginArgument, module), effect });
  }
  return found;
}

/** The properties of an options object: a literal, or a `const` bound to one, with literal spreads flattened. */
function objectProperties(node: TSESTree.Node, module: FlowModule, hops = 0): TSESTree.Property[] {
  const value = constantObject(node, module, hops);
  if (!value) return [];
  // A later property wins, as in the object itself.
  return value.properties
    .flatMap((member) => (member.type === AST_NODE_TYPES.SpreadElement ? objectProperties(member.argument, module, hops + 1) : [member]))
    .reverse();
}

function constantObject(node: TSESTree.Node, module: FlowModule, hops: number): TSESTree.ObjectExpression | undefined {
  let current = unwrapExpression(node);
  for (let hop = hops; hop < 4 && current.type === AST_NODE_TYPES.Identifier; hop += 1) {
    const definition = module.variableOf(current)?.defs;
    const only = definition?.length === 1 ? definition[0] : undefined;
    if (only?.type !== 'Variable' || only.node.parent.kind !== 'const' || !only.node.init || only.node.id.type !== AST_NODE_TYPES.Identifier) return undefined;
    current = unwrapExpression(only.node.init);
  }
  return current.type === AST_NODE_TYPES.ObjectExpression ? current : undefined;
}

/** The plugin function `register` is given: a function, or a name bound to one (also through `fp(...)`, in this or another file). */
function pluginFunction(node: TSESTree.Node, module: FlowModule): ResolvedFunction | undefined {
  const direct = functionOfCallee(node, module);
  if (direct) return direct;
  let value = unwrapExpression(node);
  let where = module;
  if (value.type === AST_NODE_TYPES.Identifier) {
    const definition = module.variableOf(value)?.defs;
    const only = definition?.length === 1 ? definition[0] : undefined;
    if (only?.type === 'Variable' && only.node.parent.kind === 'const' && only.node.init) {
      value = unwrapExpression(only.node.init);
    } else {
      // `import { routes } from './routes.js'` where the module has `export const routes = fp(async (app, options) => ...)`.
      const imported = importedConstant(value, module);
      if (!imported) return undefined;
      value = unwrapExpression(imported.init);
      where = imported.module;
    }
  }
  if (value.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const { receiver, name } = calleeParts(value);
  const first = value.arguments[0];
  if (receiver || name === undefined || !PLUGIN_WRAPPERS.includes(name) || !first) return undefined;
  return functionOfCallee(first, where);
}

/**
 * Options the plugin waits for per request: a call of a property of its second parameter (`options.persist()`,
 * `const { persist } = options; persist()`, `async (app, { persist }) => ...`) awaited or returned in a route
 * handler or request hook written inside the plugin.
 */
export function waitedOptions(plugin: ResolvedFunction, appNames: readonly string[]): WaitedOption[] {
  const { fn, module } = plugin;
  const parameter = fn.params[1];
  if (!parameter) return [];
  const lookup = module.variableOf.bind(module);
  const options: WaitedOption[] = [];
  const consider = (value: TSESTree.Node): void => {
    for (const call of waitedCalls(value, lookup)) {
      const name = optionName(call.callee, fn, module);
      if (name !== undefined && !options.some((option) => option.name === name)) options.push({ name, call, module });
    }
  };
  walk(fn.body, (node) => {
    if (node.type === AST_NODE_TYPES.AwaitExpression && onRequestPath(node, fn, appNames, module)) consider(node.argument);
    if (isFunctionNode(node) && node !== fn && isRequestCallback(node, appNames, lookup)) {
      for (const value of returnedValues(node)) consider(value);
    }
  });
  return options;
}

/** Whether a node inside `plugin` runs within one of its route handlers or request hooks. */
function onRequestPath(node: TSESTree.Node, plugin: FunctionNode, appNames: readonly string[], module: FlowModule): boolean {
  const lookup = module.variableOf.bind(module);
  for (let current = node.parent; current && current !== plugin; current = current.parent) {
    if (isFunctionNode(current) && isRequestCallback(current, appNames, lookup)) return true;
  }
  return false;
}

/** The property of the plugin's second parameter a callee reads, or undefined. */
function optionName(callee: TSESTree.Node, plugin: FunctionNode, module: FlowModule): string | undefined {
  const target = unwrapExpression(callee);
  if (target.type === AST_NODE_TYPES.MemberExpression) {
    const object = unwrapExpression(target.object);
    return object.type === AST_NODE_TYPES.Identifier && isOptionsParameter(object, plugin, module) ? memberPropertyName(target) : undefined;
  }
  if (target.type !== AST_NODE_TYPES.Identifier) return undefined;
  const definition = module.variableOf(target)?.defs;
  const only = definition?.length === 1 ? definition[0] : undefined;
  if (!only) return undefined;
  const declared = only.name as TSESTree.Identifier;
  // `async (app, { persist }) => ...`
  if (only.type === 'Parameter') return only.node === plugin && optionsParameter(plugin)?.type === AST_NODE_TYPES.ObjectPattern ? patternKey(declared) : undefined;
  if (only.type !== 'Variable' || only.node.parent.kind !== 'const' || !only.node.init) return undefined;
  const init = unwrapExpression(only.node.init);
  // `const { persist } = options;`
  if (only.node.id.type === AST_NODE_TYPES.ObjectPattern) {
    return init.type === AST_NODE_TYPES.Identifier && isOptionsParameter(init, plugin, module) ? patternKey(declared) : undefined;
  }
  // `const persist = options.persist;`
  return init.type === AST_NODE_TYPES.MemberExpression ? optionName(init, plugin, module) : undefined;
}

function optionsParameter(plugin: FunctionNode): TSESTree.Node | undefined {
  const parameter = plugin.params[1];
  return parameter?.type === AST_NODE_TYPES.AssignmentPattern ? parameter.left : parameter;
}

function isOptionsParameter(identifier: TSESTree.Identifier, plugin: FunctionNode, module: FlowModule): boolean {
  const parameter = optionsParameter(plugin);
  if (parameter?.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = module.variableOf(identifier);
  return variable !== undefined && variable === module.variableOf(parameter);
}

/** The key a destructured name is taken from (`{ persist: save }` → `persist`), for a top-level property. */
function patternKey(declared: TSESTree.Identifier): string | undefined {
  let node: TSESTree.Node = declared;
  if (node.parent?.type === AST_NODE_TYPES.AssignmentPattern) node = node.parent;
  const property = node.parent;
  if (property?.type !== AST_NODE_TYPES.Property || property.value !== node || property.parent.type !== AST_NODE_TYPES.ObjectPattern) return undefined;
  return propertyKeyName(property);
}

/**
 * The side effect an option's value waits for when called: a function (literal, named, imported) that awaits or
 * returns one, or a side-effect method itself (`sink.flush`, `sink.flush.bind(sink)`).
 */
function optionValueSideEffect(value: TSESTree.Node, module: FlowModule, isSideEffect: SideEffectTest): WaitedSideEffect | undefined {
  const fn = functionOfCallee(value, module);
  if (fn) return sideEffectWaitedIn(fn, isSideEffect);
  let target = unwrapExpression(value);
  if (target.type === AST_NODE_TYPES.CallExpression && calleeParts(target).name === 'bind') {
    const callee = unwrapExpression(target.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression) target = unwrapExpression(callee.object);
  }
  if (target.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  // A method handed on by reference: calling it is calling the method.
  const call = { type: AST_NODE_TYPES.CallExpression, callee: target, arguments: [], optional: false, parent: target.parent, range: target.range, loc: target.loc } as unknown as TSESTree.CallExpression;
  return isSideEffect(call, module) ? { inner: shortText(target, module), where: module.file, node: call } : undefined;
}

/** A request's continuation (`done()`, `reply.send()`) called only once the promises of `after` settle. */
export interface DeferredContinuation {
  /** How the continuation is written (`done`, `reply.send`). */
  continuation: string;
  /** The calls whose promises the continuation waits for. */
  after: TSESTree.CallExpression[];
}

const SETTLED_CALLBACK_METHODS = ['then', 'finally'];

/**
 * Where a handler or hook lets the request go on only after a promise settles: a call of one of its parameters
 * (the `done` of a callback-style hook) or of `send` on its second one (the reply), inside a `.then`/`.finally`
 * callback (or handed to one: `.then(done)`), possibly nested. The calls each such chain waits for are listed.
 */
export function deferredContinuations(fn: FunctionNode, lookup: VariableLookup): DeferredContinuation[] {
  const parameters = fn.params.flatMap((parameter) => {
    const target = parameter.type === AST_NODE_TYPES.AssignmentPattern ? parameter.left : parameter;
    return target.type === AST_NODE_TYPES.Identifier ? [lookup(target)] : [];
  });
  const replyParameter = fn.params[1]?.type === AST_NODE_TYPES.Identifier ? lookup(fn.params[1]) : undefined;
  const isParameter = (node: TSESTree.Node): boolean => {
    const target = unwrapExpression(node);
    return target.type === AST_NODE_TYPES.Identifier && parameters.includes(lookup(target));
  };
  const found: DeferredContinuation[] = [];
  walk(fn.body, (node) => {
    let continuation: TSESTree.Node | undefined;
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const callee = unwrapExpression(node.callee);
      if (isParameter(callee)) continuation = node;
      else if (callee.type === AST_NODE_TYPES.MemberExpression && memberPropertyName(callee) === 'send') {
        const object = unwrapExpression(callee.object);
        if (replyParameter && object.type === AST_NODE_TYPES.Identifier && lookup(object) === replyParameter) continuation = node;
      }
    } else if (node.type === AST_NODE_TYPES.Identifier && isParameter(node) && isSettledCallback(node)) {
      continuation = node;
    }
    if (!continuation) return;
    const after = chainsAround(continuation, fn).flatMap((chain) => waitedCalls(chain, lookup));
    if (after.length > 0) {
      const text = continuation.type === AST_NODE_TYPES.CallExpression ? continuation.callee : continuation;
      found.push({ continuation: memberText(text), after });
    }
  });
  return found;
}

/** `.then(done)`: the node is a callback of a `.then`/`.finally` call. */
function isSettledCallback(node: TSESTree.Node): boolean {
  const parent = node.parent;
  if (parent?.type !== AST_NODE_TYPES.CallExpression || !parent.arguments.includes(node as TSESTree.CallExpressionArgument)) return false;
  const { receiver, name } = calleeParts(parent);
  return receiver !== undefined && name !== undefined && SETTLED_CALLBACK_METHODS.includes(name);
}

/** The receivers of the `.then`/`.finally` chains whose callbacks `node` is in (or is), up to `fn`. */
function chainsAround(node: TSESTree.Node, fn: FunctionNode): TSESTree.Node[] {
  const receivers: TSESTree.Node[] = [];
  for (let current: TSESTree.Node | undefined = node; current && current !== fn; current = current.parent) {
    const isCallback = current === node ? isSettledCallback(current) : isFunctionNode(current) && isSettledCallback(current);
    if (!isCallback) continue;
    const chain = current.parent as TSESTree.CallExpression;
    const { receiver } = calleeParts(chain);
    // An awaited chain is judged where it is awaited.
    if (receiver && !isAwaitedChain(chain)) receivers.push(receiver);
  }
  return receivers;
}

/** Whether a promise chain (`a.then(f).catch(g)`), taken as a whole, is awaited. */
function isAwaitedChain(call: TSESTree.CallExpression): boolean {
  let current: TSESTree.Node = call;
  for (;;) {
    const parent: TSESTree.Node | undefined = current.parent;
    if (!parent) return false;
    if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === current && parent.parent.type === AST_NODE_TYPES.CallExpression && parent.parent.callee === parent) {
      current = parent.parent;
    } else if (
      parent.type === AST_NODE_TYPES.ChainExpression ||
      parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      parent.type === AST_NODE_TYPES.TSAsExpression
    ) {
      current = parent;
    } else {
      return parent.type === AST_NODE_TYPES.AwaitExpression;
    }
  }
}

function memberText(node: TSESTree.Node): string {
  const target = unwrapExpression(node);
  if (target.type === AST_NODE_TYPES.Identifier) return target.name;
  if (target.type === AST_NODE_TYPES.MemberExpression) {
    const property = memberPropertyName(target);
    const object = unwrapExpression(target.object);
    if (property !== undefined && object.type === AST_NODE_TYPES.Identifier) return `${object.name}.${property}`;
  }
  return 'the continuation';
}
