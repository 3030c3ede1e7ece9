import {
  findClientFactory,
  findListedCall,
  findOutboundMethod,
  findSignalFactory,
  PROJECT_CLIENT_TIMEOUT_OPTIONS,
  receiverConventions,
  TIMEOUT_VALUE_NAMES,
  type OutboundMatch,
} from '@npvguard/core';
import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { calleeParts, memberChain, memberPropertyName, receiverName, unwrapExpression } from './ast.js';
import { nameMatches } from './files.js';
import { displayQualifiedName, qualifiedName } from './imports.js';
import { constInitializer, isNullish, lookupProperty, resolveObject } from './static-value.js';

export interface ClientMethods {
  /** Receiver name pattern, e.g. `*Client`. */
  receiver: string;
  /** Method name patterns, e.g. `infer`, `get*`. */
  methods: readonly string[];
}

/** The service's own client objects, recognised by name: `modelClient.infer(...)`. */
const PROJECT_CLIENT_CONVENTION: ClientMethods = {
  receiver: '*client',
  methods: ['request', 'infer', 'get', 'post', 'put', 'patch', 'delete'],
};

/** Library instances by the names they usually go by (`pool`, `agent`), then the service's own `*client` objects. */
export const DEFAULT_CLIENTS: readonly ClientMethods[] = [...receiverConventions(), PROJECT_CLIENT_CONVENTION];

export const DEFAULT_TIMEOUT_PROPERTIES: readonly string[] = PROJECT_CLIENT_TIMEOUT_OPTIONS.map((option) => option.name);

/** Names of argument values that carry a deadline themselves (`signal`, `deadline`, `requestTimeout`). */
export const DEFAULT_TIMEOUT_ARGUMENTS: readonly string[] = TIMEOUT_VALUE_NAMES;

export interface OutboundCall {
  /** `library`: a call the outbound model knows (fetch, undici, node:http); `client`: a configured client method. */
  kind: 'library' | 'client';
  /** Display name, e.g. `fetch`, `undici.request`, `modelClient.infer`. */
  display: string;
  /** Argument positions that may hold the options; `any` for configured clients. */
  optionArguments: readonly number[] | 'any';
  /** Option properties that carry a timeout for this call. */
  properties: readonly string[];
  /** Methods of the call's result that set a timeout afterwards (`setTimeout`). */
  timeoutMethods: readonly string[];
  /** What bounds the call, for messages, when more than its options do (chain methods, options at creation). */
  ways?: string;
}

export interface OutboundCallOptions {
  clients: readonly ClientMethods[];
  timeoutProperties: readonly string[];
}

/** The call a model match describes, shown as `display`. */
export function libraryCall(match: OutboundMatch, display: string): OutboundCall {
  return {
    kind: 'library',
    display,
    optionArguments: match.callable.optionArguments,
    properties: match.callable.timeoutOptions.map((option) => option.name),
    timeoutMethods: match.callable.timeoutMethods ?? [],
  };
}

/** `this.deps.modelClient` as written, for messages. */
export function receiverDisplay(receiver: TSESTree.Node): string {
  const chain = memberChain(receiver);
  return chain ? chain.join('.') : (receiverName(receiver) ?? 'client');
}

/** fetch, undici's functions, node's http(s).request/get: a function of the outbound model, through imports and scope. */
export function libraryFunctionCall(
  call: TSESTree.CallExpression,
  sourceCode: Readonly<TSESLint.SourceCode>,
): OutboundCall | undefined {
  const name = qualifiedName(call.callee, sourceCode);
  const [exported] = name?.path ?? [];
  if (name === undefined || exported === undefined || name.path.length !== 1) return undefined;
  const match = findListedCall(name.module, exported);
  return match && libraryCall(match, displayQualifiedName(name));
}

/** Whether a client's creation options, written in this file, set a timeout that bounds every call of the instance. */
function createdWithTimeout(
  match: OutboundMatch,
  creation: TSESTree.CallExpression | TSESTree.NewExpression,
  optionArguments: readonly number[],
  sourceCode: Readonly<TSESLint.SourceCode>,
): boolean {
  const options = match.client.construction?.timeoutOptions ?? [];
  return optionArguments.some((index) => {
    const argument = creation.arguments[index];
    if (argument === undefined || argument.type === AST_NODE_TYPES.SpreadElement) return false;
    return options.some((option) => !option.name.includes('.') && option.requires === undefined && optionsEvidence(argument, [option.name], sourceCode) === 'present');
  });
}

/** `const pool = new Pool(origin); pool.request(...)`: a method of an instance of a model class built in this file. */
export function constructedInstanceCall(
  call: TSESTree.CallExpression,
  sourceCode: Readonly<TSESLint.SourceCode>,
): OutboundCall | undefined {
  const { receiver, name: method } = calleeParts(call);
  const target = receiver && unwrapExpression(receiver);
  if (target?.type !== AST_NODE_TYPES.Identifier || method === undefined) return undefined;
  const initializer = constInitializer(target, sourceCode);
  if (initializer?.type !== AST_NODE_TYPES.NewExpression && initializer?.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const constructed = qualifiedName(initializer.callee, sourceCode);
  const factoryName = constructed?.path.at(-1);
  if (constructed === undefined || factoryName === undefined) return undefined;
  // `new Pool(origin)` of undici, or a client factory of the model (`axios.create(config)`).
  const factory = findClientFactory(constructed.module, factoryName);
  const match =
    (initializer.type === AST_NODE_TYPES.NewExpression && constructed.path.length === 1 ? findOutboundMethod(constructed.module, factoryName, method) : undefined) ??
    (factory === undefined ? undefined : findListedCall(constructed.module, method, [factory.client]));
  if (match === undefined) return undefined;
  // An instance created with a timeout that bounds every call (`axios.create({ timeout })`) needs none per call.
  if (factory !== undefined && createdWithTimeout(match, initializer, factory.factory.optionArguments, sourceCode)) return undefined;
  return libraryCall(match, `${target.name}.${method}`);
}

/** A method of a configured client, recognised by receiver and method name. */
export function configuredClientCall(call: TSESTree.CallExpression, options: OutboundCallOptions): OutboundCall | undefined {
  const { receiver, name: method } = calleeParts(call);
  if (!receiver || method === undefined) return undefined;
  const receiverLabel = receiverName(receiver);
  const configured = options.clients.some(
    (client) => nameMatches(receiverLabel, [client.receiver]) && nameMatches(method, client.methods),
  );
  if (!configured) return undefined;
  return {
    kind: 'client',
    display: `${receiverDisplay(receiver)}.${method}`,
    optionArguments: 'any',
    properties: options.timeoutProperties,
    timeoutMethods: [],
  };
}

/** Recognises the outbound model's functions and constructed instances, and configured client methods, from syntax. */
export function outboundCall(
  call: TSESTree.CallExpression,
  sourceCode: Readonly<TSESLint.SourceCode>,
  options: OutboundCallOptions,
): OutboundCall | undefined {
  return libraryFunctionCall(call, sourceCode) ?? constructedInstanceCall(call, sourceCode) ?? configuredClientCall(call, options);
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
    if (chain?.length === 1 && chain[0] !== undefined && method !== undefined && findSignalFactory(chain[0], method)) return true;
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
  if (hasTimeoutFollowUp(call, outbound.timeoutMethods, sourceCode)) return 'present';
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
export function hasTimeoutFollowUp(
  call: TSESTree.CallExpression,
  methods: readonly string[],
  sourceCode: Readonly<TSESLint.SourceCode>,
): boolean {
  if (methods.length === 0) return false;
  const isTimeoutMethod = (member: TSESTree.MemberExpression): boolean => methods.includes(memberPropertyName(member) ?? '');
  const parent = call.parent;
  if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === call) return isTimeoutMethod(parent);
  if (parent.type !== AST_NODE_TYPES.VariableDeclarator || parent.id.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = ASTUtils.findVariable(sourceCode.getScope(parent), parent.id);
  return (
    variable?.references.some((reference) => {
      const member = reference.identifier.parent;
      return member.type === AST_NODE_TYPES.MemberExpression && member.object === reference.identifier && isTimeoutMethod(member);
    }) ?? false
  );
}
