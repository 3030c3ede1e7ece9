import type * as ts from 'typescript';
import { typescript } from '../../../modules/typescript.js';
import { parseSource } from '../source/parseSource.js';

/** What a source file does for the routes an app serves, read from its syntax. */
export interface RouteRoles {
  /** It registers routes: `x.get|post|…(url, [options], handler)` or `x.route({ method, url, … })`. */
  registers: boolean;
  /** It adds shared schemas (`x.addSchema(…)`) that route schemas refer to by `$ref`. */
  addsSchemas: boolean;
  /** It mounts plugins under a url prefix (`x.register(plugin, { prefix })`) or loads them with @fastify/autoload. */
  mounts: boolean;
}

const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'all']);

/** Cheap text test first: most files call none of these. */
const MAYBE_ROUTE_CODE = /\.\s*(?:get|post|put|patch|delete|head|options|all|route|addSchema|register)\s*\(|@fastify\/autoload/;

const AUTOLOAD = '@fastify/autoload';

/** `require('@fastify/autoload')` or `import('@fastify/autoload')`. */
function isAutoloadLoad(call: ts.CallExpression): boolean {
  const [specifier] = call.arguments;
  const loads = call.expression.kind === typescript.SyntaxKind.ImportKeyword || (typescript.isIdentifier(call.expression) && call.expression.text === 'require');
  return loads && specifier !== undefined && typescript.isStringLiteralLike(specifier) && specifier.text === AUTOLOAD;
}

function isFunction(node: ts.Node | undefined): boolean {
  return node !== undefined && (typescript.isArrowFunction(node) || typescript.isFunctionExpression(node));
}

/** A url written as a path: `'/cards'`, `` `/cards/${id}` ``. */
function isPathLiteral(node: ts.Node | undefined): boolean {
  if (node === undefined) return false;
  if (typescript.isStringLiteralLike(node)) return node.text.startsWith('/');
  if (typescript.isTemplateExpression(node)) return node.head.text.startsWith('/');
  return false;
}

function hasProperty(node: ts.Node | undefined, names: readonly string[]): boolean {
  return (
    node !== undefined &&
    typescript.isObjectLiteralExpression(node) &&
    node.properties.some((property) => property.name !== undefined && typescript.isIdentifier(property.name) && names.includes(property.name.text))
  );
}

/**
 * `x.<method>(url, [options], handler)` with a path literal for url, or with a url held elsewhere (a constant) and a
 * function written in place as the handler; `x.route({ url, … })`. No types are read: a router of another library
 * with the same shape counts too (it only widens the code a snapshot may follow).
 */
function isRouteRegistration(call: ts.CallExpression, name: string): boolean {
  const args = call.arguments;
  if (METHODS.has(name)) {
    if (args.length < 2 || args.length > 3) return false;
    return isPathLiteral(args[0]) || isFunction(args[args.length - 1]) || hasProperty(args[1], ['handler']);
  }
  return name === 'route' && args.length === 1 && hasProperty(args[0], ['url', 'path']);
}

/** The route roles of a file, from its text; a file whose text names none of the calls is not parsed. */
export function routeRoles(file: string, text: string): RouteRoles {
  const roles: RouteRoles = { registers: false, addsSchemas: false, mounts: false };
  if (!MAYBE_ROUTE_CODE.test(text)) return roles;
  const source = parseSource(file, text);
  const visit = (node: ts.Node): void => {
    if (typescript.isImportDeclaration(node) && typescript.isStringLiteral(node.moduleSpecifier) && node.moduleSpecifier.text === AUTOLOAD) roles.mounts = true;
    if (typescript.isCallExpression(node) && typescript.isPropertyAccessExpression(node.expression)) {
      const name = node.expression.name.text;
      if (isRouteRegistration(node, name)) roles.registers = true;
      else if (name === 'addSchema') roles.addsSchemas = true;
      else if (name === 'register' && hasProperty(node.arguments[1], ['prefix'])) roles.mounts = true;
    } else if (typescript.isCallExpression(node) && isAutoloadLoad(node)) {
      roles.mounts = true;
    }
    typescript.forEachChild(node, visit);
  };
  visit(source);
  return roles;
}
