import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { calleeParts, memberChain, memberPropertyName, receiverName, unwrapExpression } from './ast.js';
import { nameMatches } from './files.js';
import { displayQualifiedName, GLOBAL_MODULE, isQualified, qualifiedName } from './imports.js';
import { isNullish, lookupProperty, resolveObject } from './static-value.js';

export interface ClientMethods {
  /** Receiver name pattern, e.g. `*Client`. */
  receiver: string;
  /** Method name patterns, e.g. `infer`, `get*`. */
  methods: readonly string[];
}

export const DEFAULT_CLIENTS: readonly ClientMethods[] = [
  { receiver: '*{pool,agent,dispatcher}', methods: ['request', 'stream', 'pipeline'] },
  { receiver: '*client', methods: ['request', 'infer', 'get', 'post', 'put', 'patch', 'delete'] },
];

export const DEFAULT_TIMEOUT_PROPERTIES: readonly string[] = [
  'signal',
  'timeout',
  'timeoutMs',
  'deadline',
  'headersTimeout',
  'bodyTimeout',
];

/** Names of argument values that carry a deadline themselves (`signal`, `deadline`, `requestTimeout`). */
export const DEFAULT_TIMEOUT_ARGUMENTS: readonly string[] = ['*signal', '*deadline', '*timeout', '*timeoutMs'];

const UNDICI_REQUEST_FUNCTIONS = ['request', 'stream', 'pipeline', 'connect', 'upgrade'];
const HTTP_MODULES = ['http', 'https'];

export interface OutboundCall {
  kind: 'fetch' | 'undici' | 'http' | 'client';
  /** Display name, e.g. `fetch`, `undici.request`, `modelClient.infer`. */
  display: string;
  /** Argument positions that may hold the options; `any` for configured clients. */
  optionArguments: readonly number[] | 'any';
  /** Option properties that carry a timeout for this kind of call. */
  properties: readonly string[];
}

export interface OutboundCallOptions {
  clients: readonly ClientMethods[];
  timeoutProperties: readonly string[];
}

/** Recognises fetch, undici's request functions, node's http(s).request/get, and configured client methods. */
export function outboundCall(
  call: TSESTree.CallExpression,
  sourceCode: Readonly<TSESLint.SourceCode>,
  options: OutboundCallOptions,
): OutboundCall | undefined {
  const name = qualifiedName(call.callee, sourceCode);
  if (isQualified(name, GLOBAL_MODULE, ['fetch']) || isQualified(name, 'undici', ['fetch'])) {
    return { kind: 'fetch', display: 'fetch', optionArguments: [1], properties: ['signal'] };
  }
  if (name?.module === 'undici' && name.path.length === 1 && UNDICI_REQUEST_FUNCTIONS.includes(name.path[0] ?? '')) {
    return {
      kind: 'undici',
      display: displayQualifiedName(name),
      optionArguments: [1],
      properties: ['signal', 'headersTimeout', 'bodyTimeout'],
    };
  }
  if (name && HTTP_MODULES.includes(name.module) && name.path.length === 1 && ['request', 'get'].includes(name.path[0] ?? '')) {
    return { kind: 'http', display: displayQualifiedName(name), optionArguments: [0, 1], properties: ['timeout', 'signal'] };
  }
  const { receiver, name: method } = calleeParts(call);
  if (!receiver || method === undefined) return undefined;
  const receiverLabel = receiverName(receiver);
  const configured = options.clients.some(
    (client) => nameMatches(receiverLabel, [client.receiver]) && nameMatches(method, client.methods),
  );
  if (!configured) return undefined;
  const chain = memberChain(receiver);
  return {
    kind: 'client',
    display: `${chain ? chain.join('.') : (receiverLabel ?? 'client')}.${method}`,
    optionArguments: 'any',
    properties: options.timeoutProperties,
  };
}

export type TimeoutEvidence = 'present' | 'absent' | 'unknown';

/** Whether an options expression visibly sets one of `properties` to something other than undefined/null. */
export function optionsEvidence(
  node: TSESTree.Node,
  properties: readonly string[],
  sourceCode: Readonly<TSESLint.SourceCode>,
): TimeoutEvidence {
  const resolved = resolveObject(node, sourceCode);
  if (resolved.kind === 'not-object') return 'absent';
  if (resolved.kind === 'unknown') return 'unknown';
  let unknown = false;
  for (const property of properties) {
    const lookup = lookupProperty(resolved.node, property);
    if (lookup.kind === 'present' && !isNullish(lookup.value)) return 'present';
    if (lookup.kind === 'unknown') unknown = true;
  }
  return unknown ? 'unknown' : 'absent';
}

/** An argument that is itself a signal or deadline: `signal`, `ctx.deadline`, `AbortSignal.timeout(50)`. */
export function isTimeoutValue(node: TSESTree.Node, timeoutArguments: readonly string[]): boolean {
  const value = unwrapExpression(node);
  if (value.type === AST_NODE_TYPES.CallExpression) {
    const callee = unwrapExpression(value.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
    const chain = memberChain(callee.object);
    const method = memberPropertyName(callee);
    if (chain?.length === 1 && chain[0] === 'AbortSignal') return method === 'timeout' || method === 'any';
    return isTimeoutValue(callee.object, timeoutArguments);
  }
  return nameMatches(receiverName(value), timeoutArguments);
}

/** Evidence over the arguments a call may carry its timeout in, from syntax alone. */
export function syntacticEvidence(
  call: TSESTree.CallExpression,
  outbound: OutboundCall,
  sourceCode: Readonly<TSESLint.SourceCode>,
  timeoutArguments: readonly string[],
): TimeoutEvidence {
  if (outbound.kind === 'http' && hasSetTimeoutFollowUp(call, sourceCode)) return 'present';
  const candidates =
    outbound.optionArguments === 'any'
      ? call.arguments
      : outbound.optionArguments.flatMap((index) => {
          const argument = call.arguments[index];
          return argument ? [argument] : [];
        });
  let unknown = false;
  for (const argument of candidates) {
    if (argument.type === AST_NODE_TYPES.SpreadElement) {
      unknown = true;
      continue;
    }
    if (outbound.kind === 'client' && isTimeoutValue(argument, timeoutArguments)) return 'present';
    const evidence = optionsEvidence(argument, outbound.properties, sourceCode);
    if (evidence === 'present') return 'present';
    // A client's positional arguments are usually payloads; only an unreadable options object counts as unknown.
    if (evidence === 'unknown' && outbound.kind !== 'client') unknown = true;
  }
  return unknown ? 'unknown' : 'absent';
}

/** `http.get(url).setTimeout(1000)` or `const request = http.request(...); request.setTimeout(1000)`. */
function hasSetTimeoutFollowUp(call: TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const parent = call.parent;
  if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === call) {
    return memberPropertyName(parent) === 'setTimeout';
  }
  if (parent.type !== AST_NODE_TYPES.VariableDeclarator || parent.id.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = ASTUtils.findVariable(sourceCode.getScope(parent), parent.id);
  return (
    variable?.references.some((reference) => {
      const member = reference.identifier.parent;
      return (
        member.type === AST_NODE_TYPES.MemberExpression &&
        member.object === reference.identifier &&
        memberPropertyName(member) === 'setTimeout'
      );
    }) ?? false
  );
}
