import path from 'node:path';
import { Node, SyntaxKind, type CallExpression, type SourceFile } from 'ts-morph';
import type { ReferenceSearch } from '../analysis/search.js';
import type { AutoloadFolder } from './autoloadPrefixes.js';

/**
 * An encapsulation context of fastify: the root instance (the factory call that creates it), a plugin function
 * registered without fastify-plugin (fastify gives it a context of its own), or the context @fastify/autoload makes
 * for a folder whose autohooks it loads (a string naming the folder).
 */
export type Scope = Node | string;

/** Where an instance stands: its context and every enclosing one, up to the root. */
export interface InstanceChain {
  /** From the instance's own context up to the root. */
  scopes: readonly Scope[];
  /** Why the chain stops before a root, when it does. */
  open?: string;
}

export interface InstanceResolver {
  /** The chains of contexts the fastify instance an expression holds may stand in (one per way it is registered). */
  chainsOf(instance: Node): InstanceChain[];
  /** A scope as messages name it. */
  describe(scope: Scope): string;
}

const MAX_DEPTH = 12;
/** autoload's file name for a folder's hooks: `autohooks.ts`, `.autohooks.js`, `_auto_hooks.mjs`, ... */
const AUTOHOOKS = /^[_.]?auto_?hooks\.(?:ts|js|cjs|mjs)$/i;
const SCRIPT = /\.(?:ts|js|cjs|mjs)$/i;
const INDEX = /^index\.(?:ts|js|cjs|mjs)$/i;
/** Instance methods that return the instance: a chain of them stays on one instance. */
const CHAINABLE = new Set(['addHook', 'register', 'decorate', 'decorateRequest', 'decorateReply', 'setErrorHandler', 'setNotFoundHandler', 'addSchema', 'addContentTypeParser', 'after']);

/** Where a plugin's value goes: registered, called with an instance, loaded by autoload, or somewhere not followed. */
type Use =
  | { kind: 'register'; call: CallExpression; lifted: boolean }
  | { kind: 'call'; call: CallExpression }
  | { kind: 'autoload'; folder: AutoloadFolder; file: string; lifted: boolean }
  | { kind: 'autohooks'; folder: AutoloadFolder; file: string }
  | { kind: 'open'; reason: string };

function isFunctionLike(node: Node): boolean {
  return Node.isFunctionDeclaration(node) || Node.isArrowFunction(node) || Node.isFunctionExpression(node) || Node.isMethodDeclaration(node);
}

function unwrap(node: Node): Node {
  let current = node;
  while (Node.isParenthesizedExpression(current) || Node.isAsExpression(current) || Node.isNonNullExpression(current) || Node.isSatisfiesExpression(current) || Node.isAwaitExpression(current)) {
    current = current.getExpression();
  }
  return current;
}

/** The file a callee's declaration comes from (through imports). */
function declarationFile(callee: Node): string | undefined {
  let symbol = callee.getSymbol();
  if (symbol?.isAlias() === true) symbol = symbol.getAliasedSymbol() ?? symbol;
  return symbol?.getDeclarations()[0]?.getSourceFile().getFilePath();
}

/** `Fastify(...)` / `fastify(...)`: a call of the fastify package's factory, however it was imported. */
function isFastifyFactory(call: CallExpression): boolean {
  const file = declarationFile(call.getExpression());
  return file !== undefined && /[\\/]node_modules[\\/]fastify[\\/]/.test(file);
}

/** `fp(plugin, options)`: a call of fastify-plugin. */
export function isFastifyPluginCall(call: CallExpression): boolean {
  const file = declarationFile(call.getExpression());
  return file !== undefined && /[\\/]node_modules[\\/]fastify-plugin[\\/]/.test(file);
}

/** fastify-plugin keeps the plugin's own context only with `{ encapsulate: true }`. */
function keepsContext(fpCall: CallExpression): boolean {
  const options = fpCall.getArguments()[1];
  if (options === undefined || !Node.isObjectLiteralExpression(options)) return false;
  const property = options.getProperty('encapsulate');
  return property !== undefined && Node.isPropertyAssignment(property) && property.getInitializer()?.getKind() === SyntaxKind.TrueKeyword;
}

/** `app` of `app.register(...)`. */
function receiverOf(call: CallExpression): Node | undefined {
  const callee = call.getExpression();
  return Node.isPropertyAccessExpression(callee) ? callee.getExpression() : undefined;
}

function lineOf(node: Node, root: string): string {
  return `${path.relative(root, node.getSourceFile().getFilePath()).split(path.sep).join('/')}:${node.getStartLineNumber()}`;
}

/** The name a function goes by: its own, or the variable or property holding it. */
export function functionName(fn: Node): string | undefined {
  if ((Node.isFunctionDeclaration(fn) || Node.isFunctionExpression(fn) || Node.isMethodDeclaration(fn)) && fn.getName() !== undefined) return fn.getName();
  const holder = fn.getParent();
  if (holder !== undefined && (Node.isVariableDeclaration(holder) || Node.isPropertyAssignment(holder))) return holder.getName();
  return undefined;
}

function scopeKey(scope: Scope): string {
  return typeof scope === 'string' ? scope : `${scope.getSourceFile().getFilePath()}:${scope.getStart()}`;
}

/**
 * Follows fastify instances through the sources: a route's or a hook's receiver back to the plugin that received
 * it, where that plugin is registered (`register`, `fp(...)`, `Symbol.for('skip-override')`), called with an
 * instance, or loaded by @fastify/autoload, up to the factory call that made the root. Each step that cannot be
 * followed leaves the chain open, with the reason.
 */
export function createInstanceResolver(root: string, files: readonly SourceFile[], search: ReferenceSearch, folders: readonly AutoloadFolder[]): InstanceResolver {
  const byDirectory = new Map<string, string[]>();
  for (const file of files) {
    const filePath = file.getFilePath();
    if (file.isDeclarationFile()) continue;
    const directory = path.dirname(filePath);
    byDirectory.set(directory, [...(byDirectory.get(directory) ?? []), path.basename(filePath)]);
  }
  const expressionMemo = new Map<Node, InstanceChain[]>();
  const parameterMemo = new Map<string, InstanceChain[]>();
  const composedNames = new Map<string, string>();

  const inside = (folder: AutoloadFolder, file: string): boolean => {
    const relative = path.relative(folder.dir, file);
    return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
  };

  /** Whether autoload loads a file as a plugin: a script under its folder, the folder's index when it has one. */
  const loads = (folder: AutoloadFolder, file: string): boolean => {
    if (!inside(folder, file)) return false;
    const name = path.basename(file);
    if (!SCRIPT.test(name) || /\.d\.[cm]?ts$/i.test(name) || AUTOHOOKS.test(name)) return false;
    const index = (byDirectory.get(path.dirname(file)) ?? []).find((candidate) => INDEX.test(candidate));
    return index === undefined || index === name;
  };

  const autohooksIn = (directory: string): string | undefined => {
    const name = (byDirectory.get(directory) ?? []).find((candidate) => AUTOHOOKS.test(candidate));
    return name === undefined ? undefined : path.join(directory, name);
  };

  /** The autohooks files autoload registers for the plugins of a folder, by its autoHooks / cascadeHooks / overwriteHooks. */
  const hooksFor = (folder: AutoloadFolder, directory: string): string[] => {
    if (!folder.autoHooks) return [];
    const parts = path.relative(folder.dir, directory).split(path.sep).filter((part) => part !== '');
    let current: string[] = [];
    for (let depth = 0; depth <= parts.length; depth += 1) {
      const level = path.join(folder.dir, ...parts.slice(0, depth));
      let inherited = folder.cascadeHooks ? current : [];
      const own = autohooksIn(level);
      if (own !== undefined && folder.overwriteHooks) inherited = [];
      current = own === undefined ? inherited : [...inherited, own];
    }
    return current;
  };

  const composedScope = (folder: AutoloadFolder, directory: string): string | undefined => {
    if (hooksFor(folder, directory).length === 0) return undefined;
    const key = `autoload:${scopeKey(folder.call)}:${directory}`;
    composedNames.set(key, `the autoload folder ${path.relative(root, directory).split(path.sep).join('/') || '.'} (registered at ${lineOf(folder.call, root)})`);
    return key;
  };

  const open = (reason: string): InstanceChain[] => [{ scopes: [], open: reason }];

  function returnedValues(fn: Node): Node[] {
    if (Node.isArrowFunction(fn)) {
      const body = fn.getBody();
      if (!Node.isBlock(body)) return [body];
    }
    return fn
      .getDescendantsOfKind(SyntaxKind.ReturnStatement)
      .filter((statement) => statement.getFirstAncestor(isFunctionLike) === fn)
      .flatMap((statement) => {
        const expression = statement.getExpression();
        return expression === undefined ? [] : [expression];
      });
  }

  /** Functions of the project a callee names (followed through imports), with bodies. */
  function projectFunctions(callee: Node): Node[] {
    let symbol = callee.getSymbol();
    if (symbol?.isAlias() === true) symbol = symbol.getAliasedSymbol() ?? symbol;
    const found: Node[] = [];
    for (const declaration of symbol?.getDeclarations() ?? []) {
      const file = declaration.getSourceFile();
      if (file.isDeclarationFile() || file.isInNodeModules()) continue;
      if ((Node.isFunctionDeclaration(declaration) || Node.isMethodDeclaration(declaration)) && declaration.getBody() !== undefined) found.push(declaration);
      if (Node.isVariableDeclaration(declaration)) {
        const initializer = declaration.getInitializer();
        if (initializer !== undefined && (Node.isArrowFunction(initializer) || Node.isFunctionExpression(initializer))) found.push(initializer);
      }
    }
    return found;
  }

  function expressionChains(node: Node, depth: number): InstanceChain[] {
    const target = unwrap(node);
    const memo = expressionMemo.get(target);
    if (memo !== undefined) return memo;
    // A cycle (an instance passed around in a loop of calls) ends open; the memo is set again below.
    expressionMemo.set(target, open('the instance is passed around in a cycle'));
    const chains = depth > MAX_DEPTH ? open('the instance is passed through too many calls to follow') : followExpression(target, depth);
    expressionMemo.set(target, chains);
    return chains;
  }

  function followExpression(target: Node, depth: number): InstanceChain[] {
    const shown = `\`${target.getText().replace(/\s+/g, ' ').slice(0, 60)}\``;
    if (Node.isCallExpression(target)) {
      if (isFastifyFactory(target)) return [{ scopes: [target] }];
      const callee = target.getExpression();
      if (Node.isPropertyAccessExpression(callee) && CHAINABLE.has(callee.getName())) return expressionChains(callee.getExpression(), depth + 1);
      const functions = projectFunctions(callee);
      const values = functions.flatMap(returnedValues);
      if (values.length === 0) return open(`the instance is what ${shown} returns, which the analysis cannot follow`);
      return values.flatMap((value) => expressionChains(value, depth + 1));
    }
    if (Node.isIdentifier(target)) {
      let symbol = target.getSymbol();
      if (symbol?.isAlias() === true) symbol = symbol.getAliasedSymbol() ?? symbol;
      const declaration = symbol?.getDeclarations()[0];
      if (declaration !== undefined && Node.isParameterDeclaration(declaration)) {
        const fn = declaration.getParent();
        if (isFunctionLike(fn)) return parameterChains(fn, (fn as Node & { getParameters(): Node[] }).getParameters().indexOf(declaration), depth + 1);
      }
      if (declaration !== undefined && Node.isVariableDeclaration(declaration) && Node.isIdentifier(declaration.getNameNode())) {
        const initializer = declaration.getInitializer();
        if (initializer !== undefined) return expressionChains(initializer, depth + 1);
      }
    }
    return open(`the instance comes from ${shown}, which the analysis cannot follow`);
  }

  /** Whether `fn[Symbol.for('skip-override')] = true` is written anywhere: fastify then runs it in its parent's context. */
  function skipsOverride(fn: Node): boolean {
    const nameNode = Node.isFunctionDeclaration(fn) ? fn.getNameNode() : fn.getParent() !== undefined && Node.isVariableDeclaration(fn.getParentOrThrow()) ? (fn.getParentOrThrow() as Node & { getNameNode(): Node }).getNameNode() : undefined;
    if (nameNode === undefined || !Node.isIdentifier(nameNode)) return false;
    return search.references(nameNode).some((reference) => {
      // `plugin[...]`, `(plugin as Record<symbol, boolean>)[...]`
      let target: Node = reference;
      while (target.getParent() !== undefined && unwrap(target.getParentOrThrow()) === reference) target = target.getParentOrThrow();
      const access = target.getParent();
      if (access === undefined || !Node.isElementAccessExpression(access) || access.getExpression() !== target) return false;
      const assignment = access.getParent();
      return /^Symbol\.for\(\s*['"]skip-override['"]\s*\)$/.test(access.getArgumentExpression()?.getText() ?? '') && assignment !== undefined && Node.isBinaryExpression(assignment) && assignment.getLeft() === access && assignment.getOperatorToken().getKind() === SyntaxKind.EqualsToken;
    });
  }

  function defaultExportUses(file: SourceFile, lifted: boolean, depth: number): Use[] {
    const filePath = file.getFilePath();
    const uses: Use[] = [];
    for (const folder of folders) {
      if (loads(folder, filePath)) uses.push({ kind: 'autoload', folder, file: filePath, lifted: lifted || !folder.encapsulate });
      else if (inside(folder, filePath) && AUTOHOOKS.test(path.basename(filePath)) && folder.autoHooks) uses.push({ kind: 'autohooks', folder, file: filePath });
    }
    for (const other of files) {
      for (const declaration of other.getImportDeclarations()) {
        const imported = declaration.getDefaultImport();
        if (imported === undefined || declaration.getModuleSpecifierSourceFile() !== file) continue;
        for (const reference of search.references(imported)) uses.push(...positionUses(reference, lifted, depth + 1));
      }
    }
    const isAutohooks = folders.some((folder) => inside(folder, filePath) && AUTOHOOKS.test(path.basename(filePath)));
    // An autohooks file autoload does not load (autoHooks off) runs for no route.
    if (uses.length === 0 && !isAutohooks) uses.push({ kind: 'open', reason: `it is the default export of ${path.relative(root, filePath).split(path.sep).join('/')}, which no analysed file imports and no autoload folder loads` });
    return uses;
  }

  /** Where the value at a position goes. */
  function positionUses(node: Node, lifted: boolean, depth: number): Use[] {
    if (depth > MAX_DEPTH) return [{ kind: 'open', reason: 'the plugin is passed through too many places to follow' }];
    if (node.getFirstAncestor((ancestor) => Node.isJSDoc(ancestor)) !== undefined) return [];
    const parent = node.getParent();
    if (parent === undefined) return [];
    if (Node.isParenthesizedExpression(parent) || Node.isAsExpression(parent) || Node.isSatisfiesExpression(parent) || Node.isNonNullExpression(parent)) return positionUses(parent, lifted, depth + 1);
    if (Node.isImportSpecifier(parent) || Node.isExportSpecifier(parent) || Node.isImportClause(parent) || Node.isTypeQuery(parent) || Node.isNamespaceImport(parent)) return [];
    // The declaration's own name (a default export's references include it).
    if ((Node.isFunctionDeclaration(parent) || Node.isVariableDeclaration(parent)) && parent.getNameNode() === node) return [];
    if (Node.isElementAccessExpression(parent) && parent.getExpression() === node) return [];
    if (Node.isExportAssignment(parent)) return defaultExportUses(node.getSourceFile(), lifted, depth);
    if (Node.isVariableDeclaration(parent) && parent.getInitializer() === node) {
      const name = parent.getNameNode();
      if (!Node.isIdentifier(name)) return [{ kind: 'open', reason: `it is destructured at ${lineOf(parent, root)}` }];
      return search.references(name).flatMap((reference) => positionUses(reference, lifted, depth + 1));
    }
    if (Node.isCallExpression(parent)) {
      if (parent.getExpression() === node) return [{ kind: 'call', call: parent }];
      const callee = parent.getExpression();
      const first = parent.getArguments()[0] === node;
      if (first && Node.isPropertyAccessExpression(callee) && callee.getName() === 'register') return [{ kind: 'register', call: parent, lifted }];
      if (first && isFastifyPluginCall(parent)) return positionUses(parent, lifted || !keepsContext(parent), depth + 1);
      return [{ kind: 'open', reason: `it is handed to \`${callee.getText().slice(0, 60)}\` at ${lineOf(parent, root)}` }];
    }
    return [{ kind: 'open', reason: `it is used at ${lineOf(parent, root)} in a way the analysis does not follow` }];
  }

  function valueUses(fn: Node, depth: number): Use[] {
    if (Node.isFunctionDeclaration(fn)) {
      const uses: Use[] = fn.isDefaultExport() ? defaultExportUses(fn.getSourceFile(), false, depth) : [];
      const name = fn.getNameNode();
      if (name !== undefined) for (const reference of search.references(name)) uses.push(...positionUses(reference, false, depth + 1));
      return uses;
    }
    return positionUses(fn, false, depth);
  }

  /** The chains of the instance a `register` call is made on. */
  function registeringChains(call: CallExpression, depth: number): InstanceChain[] {
    const receiver = receiverOf(call);
    return receiver === undefined ? open(`the plugin is registered by ${call.getExpression().getText()}, not on an instance`) : expressionChains(receiver, depth + 1);
  }

  function parameterChains(fn: Node, index: number, depth: number): InstanceChain[] {
    const key = `${scopeKey(fn)}#${index}`;
    const memo = parameterMemo.get(key);
    if (memo !== undefined) return memo;
    parameterMemo.set(key, open('the instance is passed around in a cycle'));
    const name = functionName(fn) ?? `the function at ${lineOf(fn, root)}`;
    const lifted = skipsOverride(fn);
    const chains: InstanceChain[] = [];
    const uses = valueUses(fn, depth);
    for (const use of uses) {
      if (use.kind === 'open') {
        chains.push({ scopes: [], open: `${name} ${use.reason}` });
      } else if (use.kind === 'call') {
        const argument = use.call.getArguments()[index];
        chains.push(...(argument === undefined ? open(`${name} is called at ${lineOf(use.call, root)} without an instance`) : expressionChains(argument, depth + 1)));
      } else if (index !== 0) {
        // A plugin's other parameters are its options and callback, never an instance.
        chains.push(...open(`${name} receives its options, not an instance, in this parameter`));
      } else if (use.kind === 'register') {
        for (const chain of registeringChains(use.call, depth)) chains.push(use.lifted || lifted ? chain : { ...chain, scopes: [fn, ...chain.scopes] });
      } else if (use.kind === 'autoload') {
        const composed = composedScope(use.folder, path.dirname(use.file));
        const own = use.lifted || lifted ? [] : [fn];
        for (const chain of registeringChains(use.folder.call, depth)) {
          chains.push({ ...chain, scopes: [...own, ...(composed === undefined ? [] : [composed]), ...chain.scopes] });
        }
      } else {
        // An autohooks file runs in the context autoload composes for each folder whose plugins it hooks.
        const directories = new Set([...byDirectory.keys()].filter((directory) => (byDirectory.get(directory) ?? []).some((name) => loads(use.folder, path.join(directory, name)))));
        for (const directory of directories) {
          if (!hooksFor(use.folder, directory).includes(use.file)) continue;
          const composed = composedScope(use.folder, directory);
          if (composed === undefined) continue;
          for (const chain of registeringChains(use.folder.call, depth)) chains.push({ ...chain, scopes: [composed, ...chain.scopes] });
        }
      }
    }
    if (uses.length === 0 && !(Node.isFunctionDeclaration(fn) && fn.isDefaultExport())) chains.push(...open(`${name} is neither registered as a plugin nor called in the analysed files`));
    const unique = new Map(chains.map((chain) => [`${chain.scopes.map(scopeKey).join('>')}|${chain.open ?? ''}`, chain]));
    const result = [...unique.values()];
    parameterMemo.set(key, result);
    return result;
  }

  return {
    chainsOf: (instance) => expressionChains(instance, 0),
    describe(scope) {
      if (typeof scope === 'string') return composedNames.get(scope) ?? scope;
      if (Node.isCallExpression(scope)) return `the root instance (${lineOf(scope, root)})`;
      const name = functionName(scope);
      return `the plugin ${name === undefined ? '' : `${name} `}(${lineOf(scope, root)})`;
    },
  };
}
