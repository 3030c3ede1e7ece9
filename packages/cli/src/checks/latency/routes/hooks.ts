import path from 'node:path';
import { Node, SyntaxKind, type CallExpression, type SourceFile } from 'ts-morph';
import type { ReferenceSearch } from '../analysis/search.js';
import type { AutoloadFolder } from './autoloadPrefixes.js';
import type { RouteRegistration } from './findRoutes.js';
import { createInstanceResolver, functionName, type InstanceChain, type Scope } from './instances.js';

/** fastify's request and reply hooks, in the order they run for one request. */
export const HOOK_STAGES = ['onRequest', 'preParsing', 'preValidation', 'preHandler', 'preSerialization', 'onError', 'onSend', 'onResponse', 'onTimeout', 'onRequestAbort'] as const;
export type HookStage = (typeof HOOK_STAGES)[number];

/** Hooks that run before the handler. The others up to `onSend` run after it, before the answer leaves. */
export const BEFORE_HANDLER: ReadonlySet<HookStage> = new Set<HookStage>(['onRequest', 'preParsing', 'preValidation', 'preHandler']);
/** Hooks that run once the answer is sent (`onResponse`) or without one (`onTimeout`, `onRequestAbort`): not part of the client's wait. */
export const AFTER_ANSWER: ReadonlySet<HookStage> = new Set<HookStage>(['onResponse', 'onTimeout', 'onRequestAbort']);
/** The position of the `done` callback of a callback-style hook, per stage. */
export const DONE_INDEX: Readonly<Record<HookStage, number>> = {
  onRequest: 2, preParsing: 3, preValidation: 2, preHandler: 2, preSerialization: 3, onError: 3, onSend: 3, onResponse: 2, onTimeout: 2, onRequestAbort: 1,
};
/** Application hooks: they run at start-up, shutdown or registration, never for a request. */
const APPLICATION_HOOKS = new Set(['onReady', 'onListen', 'onClose', 'preClose', 'onRoute', 'onRegister']);
const STAGES: ReadonlySet<string> = new Set(HOOK_STAGES);
const MAX_DEPTH = 8;

/** A hook function that runs for a route. */
export interface Hook {
  stage: HookStage;
  fn: Node;
  /** The `addHook` call or the route option that registers it. */
  site: Node;
  /** How it is registered, as messages say it: `addHook on the root instance (src/app.ts:5)`, `route option`. */
  registeredBy: string;
}

/** A hook (or a route's set of hooks) the analysis cannot resolve, and why. */
export interface UnresolvedHook {
  site: Node;
  reason: string;
}

/** The hooks that run for a route: one list per way its plugin is registered, each in the order fastify runs them. */
export interface RouteHooks {
  chains: Hook[][];
  unresolved: UnresolvedHook[];
}

export interface HookIndex {
  hooksOf(route: RouteRegistration): RouteHooks;
  /** Hooks whose name, function or instance could not be resolved, whichever routes they run for. */
  unresolved: UnresolvedHook[];
}

interface AppHook {
  stage: HookStage;
  functions: Node[];
  call: CallExpression;
  /** The contexts the hook is added to (the first scope of each chain of its instance). */
  heads: Scope[];
}

function unwrap(node: Node): Node {
  let current = node;
  while (Node.isParenthesizedExpression(current) || Node.isAsExpression(current) || Node.isNonNullExpression(current) || Node.isSatisfiesExpression(current)) current = current.getExpression();
  return current;
}

function shown(node: Node): string {
  const text = node.getText().replace(/\s+/g, ' ');
  return `\`${text.length > 60 ? `${text.slice(0, 57)}...` : text}\``;
}

function isFastify(receiver: Node): boolean {
  return /Fastify/.test(receiver.getType().getText(receiver));
}

function stringValue(node: Node | undefined, depth = 0): string | undefined {
  if (node === undefined || depth > MAX_DEPTH) return undefined;
  const target = unwrap(node);
  if (Node.isStringLiteral(target) || Node.isNoSubstitutionTemplateLiteral(target)) return target.getLiteralValue();
  if (Node.isIdentifier(target)) {
    let symbol = target.getSymbol();
    if (symbol?.isAlias() === true) symbol = symbol.getAliasedSymbol() ?? symbol;
    const declaration = symbol?.getDeclarations()[0];
    if (declaration !== undefined && Node.isVariableDeclaration(declaration) && declaration.getVariableStatement()?.getDeclarationKind() === 'const') return stringValue(declaration.getInitializer(), depth + 1);
  }
  return undefined;
}

/** The object literal an options expression stands for (through `const` variables), or undefined. */
function objectLiteral(node: Node | undefined, depth = 0): Node | undefined {
  if (node === undefined || depth > MAX_DEPTH) return undefined;
  const target = unwrap(node);
  if (Node.isObjectLiteralExpression(target)) return target;
  if (Node.isIdentifier(target)) {
    let symbol = target.getSymbol();
    if (symbol?.isAlias() === true) symbol = symbol.getAliasedSymbol() ?? symbol;
    const declaration = symbol?.getDeclarations()[0];
    if (declaration !== undefined && Node.isVariableDeclaration(declaration)) return objectLiteral(declaration.getInitializer(), depth + 1);
  }
  return undefined;
}

function relativeLine(root: string, node: Node): string {
  return `${path.relative(root, node.getSourceFile().getFilePath()).split(path.sep).join('/')}:${node.getStartLineNumber()}`;
}

/**
 * The hooks of every route: the route's own options (`onRequest`, `preHandler`, ... as a function or an array) and
 * the `addHook` calls on the instance the route is registered on or any enclosing one, following fastify's
 * encapsulation (a plugin's hooks stay in it unless fastify-plugin or `skip-override` lifts them to its parent, and
 * autoload's autohooks files hook the folders autoload gives them to).
 */
export function findHooks(root: string, files: readonly SourceFile[], search: ReferenceSearch, folders: readonly AutoloadFolder[]): HookIndex {
  const resolver = createInstanceResolver(root, files, search, folders);
  const unresolved: UnresolvedHook[] = [];
  const appHooks: AppHook[] = [];

  /** Decorated values by name (`app.decorate('authenticate', fn)`), for hooks given as `app.authenticate`. */
  let decorations: Map<string, Node[]> | undefined;
  const decorated = (name: string): Node[] => {
    if (decorations === undefined) {
      decorations = new Map();
      for (const file of files) {
        if (!file.getFullText().includes('decorate')) continue;
        for (const call of file.getDescendantsOfKind(SyntaxKind.CallExpression)) {
          const callee = call.getExpression();
          const [key, value] = call.getArguments();
          if (!Node.isPropertyAccessExpression(callee) || callee.getName() !== 'decorate' || value === undefined) continue;
          const decoratedName = stringValue(key);
          if (decoratedName !== undefined) decorations.set(decoratedName, [...(decorations.get(decoratedName) ?? []), value]);
        }
      }
    }
    return decorations.get(name) ?? [];
  };

  /** The functions a hook value stands for: a function, an array of them, a reference, a factory's result, a decorator. */
  function hookFunctions(value: Node, depth = 0): { functions: Node[]; reasons: string[] } {
    const none = { functions: [] as Node[], reasons: [] as string[] };
    const fail = (reason: string) => ({ functions: [] as Node[], reasons: [reason] });
    if (depth > MAX_DEPTH) return fail(`${shown(value)} is reached through too many references to follow`);
    const target = unwrap(value);
    const merge = (parts: { functions: Node[]; reasons: string[] }[]) => ({ functions: parts.flatMap((part) => part.functions), reasons: parts.flatMap((part) => part.reasons) });
    if (Node.isArrowFunction(target) || Node.isFunctionExpression(target)) return { functions: [target], reasons: [] };
    if (target.getKind() === SyntaxKind.NullKeyword || (Node.isIdentifier(target) && target.getText() === 'undefined')) return none;
    if (Node.isArrayLiteralExpression(target)) {
      return merge(target.getElements().map((element) => (Node.isSpreadElement(element) ? hookFunctions(element.getExpression(), depth + 1) : hookFunctions(element, depth + 1))));
    }
    if (Node.isIdentifier(target) || Node.isPropertyAccessExpression(target)) {
      let symbol = target.getSymbol();
      if (symbol?.isAlias() === true) symbol = symbol.getAliasedSymbol() ?? symbol;
      // `{ preHandler }` names the variable it is short for.
      const declarations = (symbol?.getDeclarations() ?? []).flatMap((declaration) => {
        if (!Node.isShorthandPropertyAssignment(declaration)) return [declaration];
        const value = declaration.getValueSymbol();
        return ((value?.isAlias() === true ? value.getAliasedSymbol() : value) ?? value)?.getDeclarations() ?? [];
      });
      for (const declaration of declarations) {
        if ((Node.isFunctionDeclaration(declaration) || Node.isMethodDeclaration(declaration)) && declaration.getBody() !== undefined) return { functions: [declaration], reasons: [] };
        if (Node.isVariableDeclaration(declaration) && declaration.getParent()?.getParent() !== undefined && Node.isForOfStatement(declaration.getParentOrThrow().getParentOrThrow())) {
          return fail(`${shown(target)} takes each value of a list at run time`);
        }
        if (Node.isVariableDeclaration(declaration) || Node.isPropertyAssignment(declaration) || Node.isPropertyDeclaration(declaration)) {
          const initializer = declaration.getInitializer();
          if (initializer !== undefined) return hookFunctions(initializer, depth + 1);
        }
        if (Node.isParameterDeclaration(declaration)) return fail(`${shown(target)} is a parameter, so the hook is chosen by the caller`);
      }
      if (Node.isPropertyAccessExpression(target) && isFastify(target.getExpression())) {
        const values = decorated(target.getName());
        if (values.length > 0) return merge(values.map((decoratedValue) => hookFunctions(decoratedValue, depth + 1)));
      }
      return fail(`${shown(target)} is not a function the analysis can find in the sources`);
    }
    if (Node.isCallExpression(target)) {
      const callee = target.getExpression();
      if (Node.isPropertyAccessExpression(callee) && callee.getName() === 'bind') return hookFunctions(callee.getExpression(), depth + 1);
      let symbol = callee.getSymbol();
      if (symbol?.isAlias() === true) symbol = symbol.getAliasedSymbol() ?? symbol;
      const factories = (symbol?.getDeclarations() ?? []).filter((declaration) => !declaration.getSourceFile().isDeclarationFile() && !declaration.getSourceFile().isInNodeModules());
      const returned = factories.flatMap((declaration) => {
        const fn = Node.isVariableDeclaration(declaration) ? declaration.getInitializer() : declaration;
        if (fn === undefined) return [];
        if (Node.isArrowFunction(fn) && !Node.isBlock(fn.getBody())) return [fn.getBody()];
        if (!Node.isArrowFunction(fn) && !Node.isFunctionExpression(fn) && !Node.isFunctionDeclaration(fn) && !Node.isMethodDeclaration(fn)) return [];
        return fn
          .getDescendantsOfKind(SyntaxKind.ReturnStatement)
          .filter((statement) => statement.getFirstAncestor((ancestor) => Node.isArrowFunction(ancestor) || Node.isFunctionExpression(ancestor) || Node.isFunctionDeclaration(ancestor) || Node.isMethodDeclaration(ancestor)) === fn)
          .flatMap((statement) => statement.getExpression() ?? []);
      });
      if (returned.length > 0) return merge(returned.map((expression) => hookFunctions(expression, depth + 1)));
      return fail(`the hook is what ${shown(target)} returns, which the analysis does not follow (a library's hook, or a factory it cannot see into)`);
    }
    if (Node.isConditionalExpression(target)) return fail(`the hook is chosen at run time by ${shown(target.getCondition())}`);
    return fail(`${shown(target)} is not a hook the analysis can read`);
  }

  // App-level hooks: every `addHook` on a fastify instance.
  for (const file of files) {
    if (!file.getFullText().includes('addHook')) continue;
    for (const call of file.getDescendantsOfKind(SyntaxKind.CallExpression)) {
      const callee = call.getExpression();
      if (!Node.isPropertyAccessExpression(callee) || callee.getName() !== 'addHook' || !isFastify(callee.getExpression())) continue;
      const [nameArgument, value] = call.getArguments();
      const name = stringValue(nameArgument);
      if (name === undefined) {
        unresolved.push({ site: call, reason: `The name of the hook added here, ${nameArgument === undefined ? 'missing' : shown(nameArgument)}, is not a string the analysis can read, so it cannot tell whether the hook runs on a request path` });
        continue;
      }
      if (name === 'onRoute' && value !== undefined) {
        for (const fn of hookFunctions(value).functions) {
          const changed = fn.getDescendantsOfKind(SyntaxKind.PropertyAccessExpression).filter((access) => STAGES.has(access.getName()) && !isFastify(access.getExpression()));
          if (changed.length > 0) unresolved.push({ site: call, reason: `This onRoute hook sets the ${[...new Set(changed.map((access) => access.getName()))].map((stage) => `\`${stage}\``).join(', ')} hooks of routes as they are registered; the analysis does not follow them` });
        }
        continue;
      }
      if (APPLICATION_HOOKS.has(name) || !STAGES.has(name) || value === undefined) continue;
      const { functions, reasons } = hookFunctions(value);
      for (const reason of reasons) unresolved.push({ site: call, reason: `The ${name} hook added here cannot be resolved: ${reason}` });
      const chains = resolver.chainsOf(callee.getExpression());
      const heads = chains.flatMap((chain) => (chain.scopes.length === 0 ? [] : [chain.scopes[0] as Scope]));
      const lost = chains.filter((chain) => chain.scopes.length === 0);
      if (lost.length > 0 && functions.length > 0) {
        unresolved.push({ site: call, reason: `The analysis cannot tell which routes the ${name} hook added here runs for: ${lost.map((chain) => chain.open).join('; ')}` });
      }
      if (functions.length > 0 && heads.length > 0) appHooks.push({ stage: name as HookStage, functions, call, heads });
    }
  }

  /** The hooks a route's options give it, and what in them cannot be read. */
  function routeOptionHooks(route: RouteRegistration): { hooks: Hook[]; reasons: string[] } {
    const hooks: Hook[] = [];
    const reasons: string[] = [];
    const visit = (options: Node, depth: number): void => {
      const literal = objectLiteral(options);
      if (literal === undefined || !Node.isObjectLiteralExpression(literal)) {
        const type = options.getType();
        const possible = HOOK_STAGES.filter((stage) => type.getProperty(stage) !== undefined);
        if (possible.length > 0) reasons.push(`its options ${shown(options)} are not an object the analysis can read, and their type allows ${possible.map((stage) => `\`${stage}\``).join(', ')} hooks`);
        return;
      }
      for (const property of literal.getProperties()) {
        if (Node.isSpreadAssignment(property)) {
          if (depth < MAX_DEPTH) visit(property.getExpression(), depth + 1);
          continue;
        }
        if (!Node.isPropertyAssignment(property) && !Node.isShorthandPropertyAssignment(property) && !Node.isMethodDeclaration(property)) continue;
        const stage = property.getName();
        if (!STAGES.has(stage)) continue;
        const value = Node.isPropertyAssignment(property) ? property.getInitializer() : Node.isShorthandPropertyAssignment(property) ? property.getNameNode() : property;
        if (value === undefined) continue;
        const { functions, reasons: missing } = Node.isMethodDeclaration(value) ? { functions: [value], reasons: [] } : hookFunctions(value);
        for (const reason of missing) reasons.push(`its ${stage} hook cannot be resolved: ${reason}`);
        for (const fn of functions) hooks.push({ stage: stage as HookStage, fn, site: property, registeredBy: `route option of ${route.key}` });
      }
    };
    if (route.options !== undefined) visit(route.options, 0);
    return { hooks, reasons };
  }

  /** The app-level hooks that run in a chain of contexts, root first as fastify copies a parent's hooks into its children. */
  function chainHooks(chain: InstanceChain): Hook[] {
    const found: Array<{ hook: Hook; depth: number }> = [];
    for (const appHook of appHooks) {
      const depth = Math.max(...appHook.heads.map((head) => chain.scopes.indexOf(head)));
      if (depth < 0) continue;
      const scope = chain.scopes[depth] as Scope;
      for (const fn of appHook.functions) found.push({ hook: { stage: appHook.stage, fn, site: appHook.call, registeredBy: `addHook on ${resolver.describe(scope)}` }, depth });
    }
    return found.sort((a, b) => b.depth - a.depth).map((entry) => entry.hook);
  }

  return {
    unresolved,
    hooksOf(route) {
      const own = routeOptionHooks(route);
      const routeUnresolved: UnresolvedHook[] = own.reasons.map((reason) => ({ site: route.call, reason: `${route.key}: ${reason}` }));
      const callee = route.call.getExpression();
      const chains = appHooks.length === 0 || !Node.isPropertyAccessExpression(callee) ? [{ scopes: [] }] : resolver.chainsOf(callee.getExpression());
      const lists = chains.map((chain) => {
        const appLevel = chainHooks(chain);
        if (chain.open !== undefined) {
          const elsewhere = appHooks.filter((appHook) => !appHook.heads.some((head) => chain.scopes.includes(head)));
          if (elsewhere.length > 0) {
            const named = elsewhere.slice(0, 3).map((appHook) => `${appHook.stage} at ${relativeLine(root, appHook.call)}`).join(', ');
            routeUnresolved.push({ site: route.call, reason: `The analysis cannot follow where ${route.key} is registered (${chain.open}), so hooks added elsewhere may run before it and are not counted: ${named}${elsewhere.length > 3 ? ', ...' : ''}` });
          }
        }
        // Within a stage fastify runs the instance's hooks, then the route's own.
        const all = [...appLevel, ...own.hooks];
        return HOOK_STAGES.flatMap((stage) => all.filter((hook) => hook.stage === stage));
      });
      return { chains: lists, unresolved: routeUnresolved };
    },
  };
}

/** A hook as a finding or a path names it: its stage and function, then how it is registered. */
export function hookLabel(hook: Hook): string {
  const name = functionName(hook.fn);
  return `${hook.stage} hook${name === undefined || name === hook.stage ? '' : ` ${name}`} (${hook.registeredBy})`;
}
