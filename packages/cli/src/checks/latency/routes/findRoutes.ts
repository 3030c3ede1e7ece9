import { Node, SyntaxKind, type CallExpression, type SourceFile } from 'ts-morph';
import type { ReferenceSearch } from '../analysis/search.js';
import { autoloadFolders, autoloadPrefix } from './autoloadPrefixes.js';

const METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'] as const;

/** A route registration found in the sources. */
export interface RouteRegistration {
  /** `METHOD /path`, prefixes of registering plugins included. */
  key: string;
  method: string;
  url: string;
  call: CallExpression;
  /** The handler function, when it could be located. */
  handler?: Node;
  /** The folder prefix @fastify/autoload gives the file, when one of its folders holds it. */
  autoloadPrefix?: string;
  /** The route's options (`app.get(url, options, handler)`, `app.route(options)`): where its own hooks are. */
  options?: Node;
}

function stringValue(node: Node | undefined): string | undefined {
  if (node === undefined) return undefined;
  if (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node)) return node.getLiteralValue();
  if (Node.isIdentifier(node)) {
    const declaration = node.getSymbol()?.getDeclarations()[0];
    if (declaration !== undefined && Node.isVariableDeclaration(declaration)) return stringValue(declaration.getInitializer());
  }
  return undefined;
}

function functionValue(node: Node | undefined): Node | undefined {
  if (node === undefined) return undefined;
  if (Node.isArrowFunction(node) || Node.isFunctionExpression(node)) return node;
  if (Node.isIdentifier(node) || Node.isPropertyAccessExpression(node)) {
    let symbol = node.getSymbol();
    if (symbol?.isAlias()) symbol = symbol.getAliasedSymbol() ?? symbol;
    const declaration = symbol?.getDeclarations()[0];
    if (declaration === undefined) return undefined;
    if (Node.isFunctionDeclaration(declaration) || Node.isMethodDeclaration(declaration)) return declaration;
    if (Node.isVariableDeclaration(declaration) || Node.isPropertyAssignment(declaration)) return functionValue(declaration.getInitializer());
  }
  return undefined;
}

function property(object: Node | undefined, name: string): Node | undefined {
  if (object === undefined || !Node.isObjectLiteralExpression(object)) return undefined;
  const found = object.getProperty(name);
  if (found === undefined) return undefined;
  if (Node.isPropertyAssignment(found)) return found.getInitializer();
  if (Node.isMethodDeclaration(found)) return found;
  if (Node.isShorthandPropertyAssignment(found)) return found.getNameNode();
  return undefined;
}

/** Whether the receiver is a fastify instance (by its type), so `router.get(...)` of other libraries is left out. */
function isFastify(receiver: Node): boolean {
  return /Fastify/.test(receiver.getType().getText(receiver));
}

/**
 * The prefixes under which a plugin function is registered: `app.register(plugin, { prefix: '/v1' })`,
 * nested registrations included. A plugin registered without a prefix contributes ''.
 */
function pluginPrefixes(search: ReferenceSearch, plugin: Node | undefined, depth = 0): string[] {
  if (plugin === undefined || depth > 4) return [''];
  const holder = plugin.getParent();
  const nameNode = Node.isFunctionDeclaration(plugin) ? plugin.getNameNode() : holder !== undefined && Node.isVariableDeclaration(holder) ? holder.getNameNode() : undefined;
  if (nameNode === undefined || !Node.isIdentifier(nameNode)) return [''];
  const prefixes: string[] = [];
  for (const reference of search.references(nameNode)) {
    const call = reference.getParent();
    if (!Node.isCallExpression(call) || call.getArguments()[0] !== reference) continue;
    const callee = call.getExpression();
    if (!Node.isPropertyAccessExpression(callee) || callee.getName() !== 'register') continue;
    const own = stringValue(property(call.getArguments()[1], 'prefix')) ?? '';
    const outer = call.getFirstAncestor((ancestor) => Node.isArrowFunction(ancestor) || Node.isFunctionExpression(ancestor) || Node.isFunctionDeclaration(ancestor));
    for (const parent of pluginPrefixes(search, outer, depth + 1)) prefixes.push(`${parent}${own}`);
  }
  return prefixes.length === 0 ? [''] : [...new Set(prefixes)];
}

function join(prefix: string, url: string): string {
  // fastify serves a plugin's `/` at its prefix itself (and at the prefix with `/`, prefixTrailingSlash).
  if (url === '/' && prefix !== '') return join(prefix, '');
  const joined = `${prefix}${url}`.replace(/\/{2,}/g, '/');
  return joined.length > 1 && joined.endsWith('/') && !url.endsWith('/') ? joined.slice(0, -1) : joined || '/';
}

function registrations(call: CallExpression): { methods: string[]; url: string | undefined; handler: Node | undefined; options: Node | undefined } | undefined {
  const callee = call.getExpression();
  if (!Node.isPropertyAccessExpression(callee)) return undefined;
  const name = callee.getName();
  const args = call.getArguments();
  // Cheap syntactic filters first: asking the checker for the receiver's type is what costs.
  const shaped = ((METHODS as readonly string[]).includes(name) && args.length >= 2 && stringValue(args[0])?.startsWith('/') === true) || (name === 'route' && args.length === 1 && Node.isObjectLiteralExpression(args[0]));
  if (!shaped || !isFastify(callee.getExpression())) return undefined;
  if ((METHODS as readonly string[]).includes(name) && args.length >= 2) {
    // `app.get(url, options, handler)`, or `app.get(url, { handler, ... })` with the handler among the options.
    const options = args.length >= 3 ? args[1] : Node.isObjectLiteralExpression(args[1]) ? args[1] : undefined;
    const handler = (args.length >= 3 ? functionValue(args[args.length - 1]) : functionValue(args[1])) ?? functionValue(property(options, 'handler'));
    return { methods: [name.toUpperCase()], url: stringValue(args[0]), handler, options };
  }
  if (name === 'route' && args.length === 1) {
    const method = property(args[0], 'method');
    const methods =
      method !== undefined && Node.isArrayLiteralExpression(method)
        ? method.getElements().map((element) => stringValue(element) ?? '?')
        : [stringValue(method) ?? '?'];
    return { methods: methods.map((value) => value.toUpperCase()), url: stringValue(property(args[0], 'url')), handler: functionValue(property(args[0], 'handler')), options: args[0] };
  }
  return undefined;
}

/**
 * Route registrations of fastify apps: `app.get|post|put|patch|delete|head|options(url, [options], handler)`,
 * `app.route({ method, url, handler })`, inside plugins registered with `{ prefix }` and in files of folders
 * that @fastify/autoload loads (the folder path is the prefix, as autoload gives it by default).
 */
export function findRoutes(files: readonly SourceFile[], search: ReferenceSearch): RouteRegistration[] {
  const routes: RouteRegistration[] = [];
  const folders = autoloadFolders(files);
  for (const file of files) {
    const folderPrefix = autoloadPrefix(folders, file.getFilePath());
    if (!/\.(get|post|put|patch|delete|head|options|route)\s*\(/.test(file.getFullText())) continue;
    for (const call of file.getDescendantsOfKind(SyntaxKind.CallExpression)) {
      const found = registrations(call);
      if (found === undefined || found.url === undefined) continue;
      const plugin = call.getFirstAncestor((ancestor) => Node.isArrowFunction(ancestor) || Node.isFunctionExpression(ancestor) || Node.isFunctionDeclaration(ancestor));
      for (const prefix of pluginPrefixes(search, plugin)) {
        for (const method of found.methods) {
          const url = join(`${folderPrefix ?? ''}${prefix}`, found.url);
          routes.push({
            key: `${method} ${url}`,
            method,
            url,
            call,
            ...(found.handler === undefined ? {} : { handler: found.handler }),
            ...(folderPrefix === undefined ? {} : { autoloadPrefix: folderPrefix }),
            ...(found.options === undefined ? {} : { options: found.options }),
          });
        }
      }
    }
  }
  return routes.sort((a, b) => a.key.localeCompare(b.key));
}
