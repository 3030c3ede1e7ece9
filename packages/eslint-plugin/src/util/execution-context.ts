import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { calleeParts, enclosingFunction, functionName, type FunctionNode } from './ast.js';
import { nameMatches } from './files.js';
import { sourceCodeLookup } from './awaited-calls.js';
import { APPLICATION_HOOKS, isRequestCallback } from './fastify-routes.js';

/**
 * Names of functions that run once while the service is composed (`buildApp`, `createModelClient`,
 * a class constructor, `main`), as opposed to code that runs for every request.
 */
export const DEFAULT_COMPOSITION_FUNCTIONS: readonly string[] = [
  'build*',
  'create*',
  'make*',
  'compose*',
  'register*',
  'setup*',
  'init*',
  'bootstrap*',
  'start*',
  'main',
  'constructor',
  '*Plugin',
];

/** Parameter names that mark a fastify plugin body (`async function routes(app) {}`), which runs at registration. */
const PLUGIN_PARAMETER_NAMES: readonly string[] = ['app', 'fastify', 'instance', 'server'];
const PLUGIN_WRAPPERS: readonly string[] = ['fp', 'fastifyPlugin'];

export type ExecutionContext =
  /** Module top level: runs once at import. */
  | 'module'
  /** Inside a composition function: runs once at startup. */
  | 'composition'
  /** Inside a route handler, a request hook, or (in request-path files) any other function. */
  | 'request'
  /** Inside a function outside the request path that is not a handler: no opinion. */
  | 'unknown';

export interface ExecutionContextOptions {
  inRequestPath: boolean;
  appNames: readonly string[];
  compositionFunctions: readonly string[];
  sourceCode: Readonly<TSESLint.SourceCode>;
}

/**
 * When the code at `node` runs. Handlers and hooks anywhere run per request; in request-path files a
 * function is assumed to run per request unless it is recognisably composition code, because a wrong
 * "composition" guess would hide a per-request cost.
 */
export function executionContext(node: TSESTree.Node, options: ExecutionContextOptions): ExecutionContext {
  const innermost = enclosingFunction(node);
  if (!innermost) return 'module';
  for (let fn: FunctionNode | undefined = innermost; fn; fn = enclosingFunction(fn)) {
    if (isHandler(fn, options)) return 'request';
  }
  if (isCompositionFunction(innermost, options)) return 'composition';
  return options.inRequestPath ? 'request' : 'unknown';
}

function isHandler(fn: FunctionNode, options: ExecutionContextOptions): boolean {
  // Passed as a handler or request hook, itself or by name (`const handler = async (request) => {...}; app.get('/x', handler)`).
  return isRequestCallback(fn, options.appNames, sourceCodeLookup(options.sourceCode));
}

export function isCompositionFunction(fn: FunctionNode, options: Pick<ExecutionContextOptions, 'compositionFunctions'>): boolean {
  const parent = fn.parent;
  if (parent.type === AST_NODE_TYPES.MethodDefinition && parent.kind === 'constructor') return true;
  if (nameMatches(functionName(fn), options.compositionFunctions)) return true;
  if (parent.type === AST_NODE_TYPES.CallExpression) {
    const { name, receiver } = calleeParts(parent);
    if (parent.arguments[0] === fn && name === 'register' && receiver) return true;
    if (parent.arguments[0] === fn && !receiver && name !== undefined && PLUGIN_WRAPPERS.includes(name)) return true;
    if (name === 'addHook' && parent.arguments[1] === fn && isApplicationHookName(parent.arguments[0])) return true;
  }
  return isPluginBody(fn);
}

function isApplicationHookName(node: TSESTree.Node | undefined): boolean {
  return node?.type === AST_NODE_TYPES.Literal && typeof node.value === 'string' && APPLICATION_HOOKS.includes(node.value);
}

function isPluginBody(fn: FunctionNode): boolean {
  const first = fn.params[0];
  if (!first || first.type !== AST_NODE_TYPES.Identifier) return false;
  const annotation = first.typeAnnotation?.typeAnnotation;
  if (annotation?.type === AST_NODE_TYPES.TSTypeReference) {
    const typeName = annotation.typeName;
    if (typeName.type === AST_NODE_TYPES.Identifier && typeName.name === 'FastifyInstance') return true;
  }
  return PLUGIN_PARAMETER_NAMES.includes(first.name);
}
