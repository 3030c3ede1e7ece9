import {
  findClientFactory,
  findDeclaredCall,
  findOutboundFunction,
  findOutboundMethod,
  GLOBAL_SCOPE,
  normalizeModuleSpecifier,
  outboundCallableNames,
  packageOfFile,
  PROJECT_CLIENT_TIMEOUT_OPTIONS,
  type OutboundClient,
  type OutboundMatch,
  type TimeoutCarrier,
  type TimeoutOption,
} from '@npvguard/core';
import { Node, ts, type CallExpression, type ObjectLiteralExpression, type Symbol as MorphSymbol } from 'ts-morph';
import type { AnalysisContext } from './context.js';
import { resolveNumber } from './numbers.js';
import { signalTimeout, timeoutValueOf, unwrap, type SignalTimeout } from './signals.js';

/** How long Node's fetch (undici) waits for a response by default: headers and body timeouts of 300 s. */
export const NODE_FETCH_DEFAULT_MS = 300_000;

export interface TimeoutOptions {
  /** The shortest statically known limit among the arguments, if any. */
  limit?: SignalTimeout;
  /** Whether the call carries a signal or a timeout option, known or not (a caller-provided signal). */
  present: boolean;
  /** Whether a deadline object bounds the call: it waits at most the request's deadline budget. */
  deadline: boolean;
}

const callableNames = new WeakMap<readonly OutboundClient[], ReadonlySet<string>>();

function namesOf(clients: readonly OutboundClient[]): ReadonlySet<string> {
  let names = callableNames.get(clients);
  if (names === undefined) {
    names = outboundCallableNames(clients);
    callableNames.set(clients, names);
  }
  return names;
}
const NULLISH = ts.TypeFlags.Undefined | ts.TypeFlags.Null | ts.TypeFlags.Void;

function shorter(a: SignalTimeout | undefined, b: SignalTimeout | undefined): SignalTimeout | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return b.ms < a.ms ? b : a;
}

/**
 * The module a declaration belongs to: the name of an ambient `declare module 'http'`, the package of a file
 * in node_modules, or the global scope (`declare global`, a script such as lib.dom.d.ts). Undefined for the
 * project's own code.
 */
function declaringModule(declaration: Node): string | undefined {
  for (const ancestor of declaration.getAncestors()) {
    if (!Node.isModuleDeclaration(ancestor)) continue;
    const name = ancestor.compilerNode.name;
    if (ts.isStringLiteral(name)) return normalizeModuleSpecifier(name.text);
    if ((ancestor.compilerNode.flags & ts.NodeFlags.GlobalAugmentation) !== 0) return GLOBAL_SCOPE;
  }
  const file = declaration.getSourceFile();
  if (file.isDeclarationFile() && !ts.isExternalModule(file.compilerNode)) return GLOBAL_SCOPE;
  return packageOfFile(file.getFilePath());
}

/** {@link declaringModule} for a compiler node (a signature's declaration has no ts-morph wrapper yet). */
function declaringModuleOf(declaration: ts.Node): string | undefined {
  for (let node = declaration.parent as ts.Node | undefined; node !== undefined; node = node.parent) {
    if (!ts.isModuleDeclaration(node)) continue;
    if (ts.isStringLiteral(node.name)) return normalizeModuleSpecifier(node.name.text);
    if ((node.flags & ts.NodeFlags.GlobalAugmentation) !== 0) return GLOBAL_SCOPE;
  }
  const file = declaration.getSourceFile();
  if (file.isDeclarationFile && !ts.isExternalModule(file)) return GLOBAL_SCOPE;
  return packageOfFile(file.fileName);
}

function modelMatch(symbol: MorphSymbol, name: string, clients: readonly OutboundClient[]): OutboundMatch | undefined {
  for (const declaration of symbol.getDeclarations()) {
    const module = declaringModule(declaration);
    if (module === undefined) continue;
    const owner = declaration.getParent();
    const match =
      Node.isClassDeclaration(owner) || Node.isInterfaceDeclaration(owner)
        ? findOutboundMethod(module, owner.getName() ?? '', name, clients)
        : findOutboundFunction(module, name, clients);
    if (match !== undefined) return match;
  }
  return undefined;
}

/** The name a call goes by: the method or function as written (`where`, `findMany`, `knex`). */
function calledName(call: CallExpression): string {
  const callee = unwrap(call.getExpression());
  if (Node.isPropertyAccessExpression(callee)) return callee.getName();
  if (Node.isIdentifier(callee)) {
    let symbol = callee.getSymbol();
    if (symbol?.isAlias() === true) symbol = symbol.getAliasedSymbol() ?? symbol;
    return symbol?.getName() ?? callee.getText();
  }
  return callee.getText();
}

/** The callee's own call signatures (of each member of a union of callables: `(trx ?? knex)('users')`). */
function calleeSignatures(context: AnalysisContext, call: CallExpression): readonly ts.Signature[] {
  // The callee's own signatures, not the overload the arguments select: resolving the overload checks the
  // arguments (inference through a library's generics, the costliest question the analysis asks), and TypeScript's
  // checker throws on some argument shapes of real libraries (the corpus test found one).
  const checker = context.project.getTypeChecker().compilerObject;
  const type = checker.getTypeAtLocation(unwrap(call.getExpression()).compilerNode);
  return (type.isUnion() ? type.types : [type]).flatMap((member) => member.getCallSignatures());
}

/**
 * Whether a call's result is a promise or another thenable (a query builder), by the return types its callee
 * declares: one signature returning a thenable is enough (an overload the arguments select is not resolved).
 */
function resultIsThenable(context: AnalysisContext, signatures: readonly ts.Signature[]): boolean {
  const checker = context.project.getTypeChecker().compilerObject;
  return signatures.some((signature) => {
    const returned = checker.getApparentType(checker.getReturnTypeOfSignature(signature));
    const parts = returned.isUnion() ? returned.types : [returned];
    return parts.some((part) => checker.getPropertyOfType(checker.getApparentType(part), 'then') !== undefined);
  });
}

/**
 * Where the signature a call resolves to is declared, when that is a library (a package in node_modules, an
 * ambient module) or a global: `fastify.knex('tasks')` resolves to the call signature of knex's `Knex`, whatever
 * property of the app holds it. Undefined for the project's own functions.
 */
export function signatureModule(context: AnalysisContext, call: CallExpression): string | undefined {
  return modulesOf(calleeSignatures(context, call));
}

function modulesOf(signatures: readonly ts.Signature[]): string | undefined {
  for (const signature of signatures) {
    const declaration = signature.getDeclaration() as ts.Node | undefined;
    if (declaration !== undefined) return declaringModuleOf(declaration);
  }
  return undefined;
}

/**
 * A call that a library client's modules declare and whose result is a promise or thenable: a knex query, a
 * Prisma model operation, an ioredis command. Found through the resolved signature, so the receiver's type
 * decides, not its name.
 */
function declaredMatch(context: AnalysisContext, call: CallExpression): OutboundMatch | undefined {
  const signatures = calleeSignatures(context, call);
  const module = modulesOf(signatures);
  if (module === undefined || module === GLOBAL_SCOPE) return undefined;
  if (!context.clients.some((client) => client.declaredCalls !== undefined || client.instances !== undefined)) return undefined;
  const match = findDeclaredCall(module, calledName(call), context.clients);
  return match !== undefined && resultIsThenable(context, signatures) ? match : undefined;
}

/**
 * The outbound model's function or method a call reaches, by the declaration its callee resolves to: global
 * fetch, undici's functions and dispatcher methods, node:http(s). A project function of the same name is not one.
 */
export function outboundCallable(context: AnalysisContext, call: CallExpression): OutboundMatch | undefined {
  const cached = context.outboundMatches.get(call);
  if (cached !== undefined || context.outboundMatches.has(call)) return cached;
  const match = modelCallable(context, call) ?? declaredMatch(context, call);
  context.outboundMatches.set(call, match);
  return match;
}

function modelCallable(context: AnalysisContext, call: CallExpression): OutboundMatch | undefined {
  const names = namesOf(context.clients);
  const callee = unwrap(call.getExpression());
  if (Node.isPropertyAccessExpression(callee)) {
    const name = callee.getName();
    if (!names.has(name)) return undefined;
    const symbol = callee.getNameNode().getSymbol();
    return symbol === undefined ? undefined : modelMatch(symbol, name, context.clients);
  }
  if (!Node.isIdentifier(callee)) return undefined;
  let symbol = callee.getSymbol();
  // An identifier nothing declares is a global the program's libraries leave out.
  if (symbol === undefined) return findOutboundFunction(GLOBAL_SCOPE, callee.getText(), context.clients);
  // `import { request as send } from 'undici'`: the name that counts is the one exported.
  if (symbol.isAlias()) symbol = symbol.getAliasedSymbol() ?? symbol;
  const name = symbol.getName();
  return names.has(name) ? modelMatch(symbol, name, context.clients) : undefined;
}

/** How many links of a call chain (`a.b().c().d()`) are walked: longer chains are not written by hand. */
const CHAIN_LIMIT = 64;

/** The calls of a chain from the outermost inwards: `knex('t').where(x).first()` → first, where, knex. */
export function chainCalls(call: CallExpression): CallExpression[] {
  const calls: CallExpression[] = [call];
  let current: CallExpression = call;
  while (calls.length < CHAIN_LIMIT) {
    const callee = unwrap(current.getExpression());
    if (!Node.isPropertyAccessExpression(callee)) break;
    const receiver = unwrap(callee.getExpression());
    if (!Node.isCallExpression(receiver)) break;
    calls.push(receiver);
    current = receiver;
  }
  return calls;
}

/** How many hops are followed from a receiver to the expression that created it. */
const ORIGIN_HOPS = 6;

/** The expression that created the value an expression holds: through `const`/`let` initializers and property initializers. */
function originOf(expression: Node): Node | undefined {
  let current = unwrap(expression);
  const seen = new Set<Node>();
  for (let hops = 0; hops < ORIGIN_HOPS; hops += 1) {
    if (Node.isCallExpression(current) || Node.isNewExpression(current)) return current;
    if (seen.has(current)) return undefined;
    seen.add(current);
    let symbol = Node.isIdentifier(current)
      ? current.getSymbol()
      : Node.isPropertyAccessExpression(current)
        ? current.getNameNode().getSymbol()
        : undefined;
    // `import { pool } from './db.js'`: the variable the module exports.
    if (symbol?.isAlias() === true) symbol = symbol.getAliasedSymbol() ?? symbol;
    const declaration = symbol?.getDeclarations().find((candidate) => Node.isVariableDeclaration(candidate) || Node.isPropertyDeclaration(candidate) || Node.isPropertyAssignment(candidate));
    if (declaration === undefined) return undefined;
    const initializer = (declaration as Node & { getInitializer(): Node | undefined }).getInitializer();
    if (initializer === undefined) return undefined;
    current = unwrap(initializer);
  }
  return undefined;
}

/** The object literal a nested option path leads into: `{ requestHandler: new NodeHttpHandler({ requestTimeout }) }`. */
function nestedLiteral(node: Node): ObjectLiteralExpression | undefined {
  const value = unwrap(node);
  if (Node.isNewExpression(value) || Node.isCallExpression(value)) {
    const [first] = value.getArguments();
    return first === undefined ? undefined : optionsLiteral(first);
  }
  return optionsLiteral(value);
}

/** The value an option path (`timeout.request`) has in an options literal, if written there. */
export function optionValue(literal: ObjectLiteralExpression, name: string): Node | undefined {
  const [head = '', ...rest] = name.split('.');
  const property = literal.getProperty(head);
  if (property === undefined || (!Node.isPropertyAssignment(property) && !Node.isShorthandPropertyAssignment(property))) return undefined;
  const value = Node.isPropertyAssignment(property) ? property.getInitializer() : property.getNameNode();
  if (value === undefined || isNullishLiteral(value)) return undefined;
  if (rest.length === 0) return value;
  const inner = nestedLiteral(value);
  return inner === undefined ? undefined : optionValue(inner, rest.join('.'));
}

function optionApplies(literal: ObjectLiteralExpression, option: TimeoutOption): Node | undefined {
  const value = optionValue(literal, option.name);
  if (value === undefined) return undefined;
  if (option.requires !== undefined && optionValue(literal, option.requires)?.getKind() !== ts.SyntaxKind.TrueKeyword) return undefined;
  return value;
}

/**
 * The timeout the instance a call goes through was created with: `new Pool({ query_timeout: 500 })`,
 * `new Redis({ commandTimeout: 100 })`, `axios.create({ timeout: 200 })`, followed from the receiver of the
 * chain's innermost call through variables and properties. Undefined when the receiver's origin is not a
 * factory of the same client or sets none of its timeout options.
 */
export function constructionTimeout(context: AnalysisContext, call: CallExpression, outbound: OutboundMatch): { carries: TimeoutCarrier; value: Node } | 'untraced' | undefined {
  const construction = outbound.client.construction;
  if (construction === undefined || construction.timeoutOptions.length === 0) return undefined;
  const innermost = chainCalls(call).at(-1) ?? call;
  const callee = unwrap(innermost.getExpression());
  const candidates = Node.isPropertyAccessExpression(callee) ? [callee.getExpression(), callee] : [callee];
  let traced = false;
  for (const candidate of candidates) {
    const origin = originOf(candidate);
    if (origin === undefined || (!Node.isCallExpression(origin) && !Node.isNewExpression(origin))) {
      // A library's own default instance (`import axios from 'axios'`) or a local value is known: no timeout was set
      // on it. Only a receiver handed in (a parameter, a class or decorator property) may have been created elsewhere.
      // The method itself (`get` of `this.cache.get`) says nothing about where its instance came from.
      if (candidate === candidates[0] && !handedIn(candidate)) traced = true;
      continue;
    }
    traced = true;
    const factoryCallee = unwrap(origin.getExpression());
    const nameNode = Node.isPropertyAccessExpression(factoryCallee) ? factoryCallee.getNameNode() : factoryCallee;
    let symbol = nameNode.getSymbol();
    if (symbol?.isAlias() === true) symbol = symbol.getAliasedSymbol() ?? symbol;
    for (const declaration of symbol?.getDeclarations() ?? []) {
      const module = declaringModule(declaration);
      if (module === undefined) continue;
      const found = findClientFactory(module, symbol?.getName() ?? '', [outbound.client]);
      if (found === undefined) continue;
      const args = origin.getArguments();
      for (const index of found.factory.optionArguments) {
        const argument = args[index];
        const literal = argument === undefined ? undefined : optionsLiteral(argument);
        if (literal === undefined) continue;
        for (const option of construction.timeoutOptions) {
          const value = optionApplies(literal, option);
          if (value !== undefined) return { carries: option.carries, value };
        }
      }
    }
  }
  // The client reached the call through a parameter, a decorator or a property the analysis cannot follow to where
  // it was created: a timeout set there cannot be ruled out, nor read.
  return traced ? undefined : 'untraced';
}

/** Whether a receiver is handed in: a parameter, or a property (`this.pool`, `fastify.db`) whose value is set elsewhere. */
function handedIn(node: Node): boolean {
  const target = Node.isPropertyAccessExpression(node) ? node.getNameNode() : node;
  const declaration = target.getSymbol()?.getDeclarations()[0];
  if (declaration === undefined) return false;
  return Node.isParameterDeclaration(declaration) || Node.isPropertyDeclaration(declaration) || Node.isPropertySignature(declaration);
}

/** The object literal an options argument is, directly or through a `const` in scope. */
function optionsLiteral(argument: Node): ObjectLiteralExpression | undefined {
  let current = unwrap(argument);
  for (let hops = 0; hops < 5 && Node.isIdentifier(current); hops += 1) {
    const declaration = current.getSymbol()?.getDeclarations()[0];
    if (declaration === undefined || !Node.isVariableDeclaration(declaration) || declaration.getVariableStatement()?.getDeclarationKind() !== 'const') return undefined;
    const initializer = declaration.getInitializer();
    if (initializer === undefined) return undefined;
    current = unwrap(initializer);
  }
  return Node.isObjectLiteralExpression(current) ? current : undefined;
}

function isNullishLiteral(node: Node): boolean {
  const value = unwrap(node);
  return Node.isNullLiteral(value) || (Node.isIdentifier(value) && value.getText() === 'undefined');
}

/** Whether every value of the argument's type sets the option to something other than undefined or null. */
function guaranteesOption(argument: Node, option: TimeoutOption): boolean {
  const type = argument.getType();
  const parts = type.isUnion() ? type.getUnionTypes() : [type];
  return parts.every((part) => {
    const property = part.getProperty(option.name);
    if (property === undefined || property.isOptional()) return false;
    const value = property.getTypeAtLocation(argument);
    const members = value.isUnion() ? value.getUnionTypes() : [value];
    return !members.some((member) => (member.getFlags() & NULLISH) !== 0);
  });
}

/** `http.get(url).setTimeout(ms)`, or `const request = http.request(...)` and `request.setTimeout(ms)` in the same function. */
function followUpTimeouts(call: CallExpression, methods: readonly string[]): CallExpression[] {
  if (methods.length === 0) return [];
  const parent = call.getParent();
  if (Node.isPropertyAccessExpression(parent) && methods.includes(parent.getName())) {
    const chained = parent.getParent();
    return Node.isCallExpression(chained) ? [chained] : [];
  }
  if (!Node.isVariableDeclaration(parent)) return [];
  const variable = parent.getNameNode().getSymbol();
  const scope = parent.getFirstAncestor((ancestor) => Node.isFunctionLikeDeclaration(ancestor)) ?? parent.getSourceFile();
  return scope.getDescendantsOfKind(ts.SyntaxKind.CallExpression).filter((candidate) => {
    const callee = candidate.getExpression();
    return (
      Node.isPropertyAccessExpression(callee) &&
      methods.includes(callee.getName()) &&
      variable !== undefined &&
      callee.getExpression().getSymbol() === variable
    );
  });
}

function optionsOf(outbound: OutboundMatch | undefined): readonly TimeoutOption[] {
  return outbound?.callable.timeoutOptions ?? PROJECT_CLIENT_TIMEOUT_OPTIONS;
}

/** The arguments a call may carry its timeout options in: the model's option positions, or any for the service's own calls. */
function optionArguments(call: CallExpression, outbound: OutboundMatch | undefined): Node[] {
  const args = call.getArguments();
  const positions = outbound?.callable.optionArguments ?? 'any';
  return positions === 'any' ? args : positions.flatMap((index) => args[index] ?? []);
}

/**
 * The timeouts a call carries, as written. A call of the outbound model is bounded by its own options only
 * (`signal`, `headersTimeout`, node:http's `timeout` and `.setTimeout()`); a call of the service's own code (a
 * port, a helper) by any of the model's project client options, or by a signal or deadline passed as an argument.
 */
export function timeoutOptions(context: AnalysisContext, call: CallExpression, outbound: OutboundMatch | undefined): TimeoutOptions {
  const result: TimeoutOptions = { present: false, deadline: false };
  const bound = (carries: TimeoutCarrier, value: Node): void => {
    result.present = true;
    if (carries === 'deadline') result.deadline = true;
    else if (carries === 'signal') result.limit = shorter(result.limit, signalTimeout(context, value));
    else {
      const ms = resolveNumber(context, value);
      if (ms !== undefined) result.limit = shorter(result.limit, { ms, fromDeadline: false });
    }
  };
  const options = optionsOf(outbound);
  for (const argument of optionArguments(call, outbound)) {
    const carries = outbound === undefined ? timeoutValueOf(argument) : undefined;
    if (carries !== undefined) {
      bound(carries, argument);
      continue;
    }
    const literal = optionsLiteral(argument);
    if (literal === undefined) continue;
    for (const option of options) {
      const value = optionApplies(literal, option);
      if (value !== undefined) bound(option.carries, value);
    }
  }
  for (const followUp of followUpTimeouts(call, outbound?.callable.timeoutMethods ?? [])) {
    const [ms] = followUp.getArguments();
    if (ms !== undefined) bound('milliseconds', ms);
  }
  const chainMethods = outbound?.callable.chainTimeoutMethods ?? [];
  if (chainMethods.length > 0) {
    for (const link of chainCalls(call)) {
      const callee = unwrap(link.getExpression());
      const [ms] = link.getArguments();
      if (Node.isPropertyAccessExpression(callee) && chainMethods.includes(callee.getName()) && ms !== undefined) bound('milliseconds', ms);
    }
  }
  if (outbound !== undefined && !result.present) {
    const configured = constructionTimeout(context, call, outbound);
    // Untraced: a timeout may be set where the client is created; present, with a value unknown (an undecided bound).
    if (configured === 'untraced') result.present = true;
    else if (configured !== undefined) bound(configured.carries, configured.value);
  }
  return result;
}

/**
 * Options built elsewhere (a parameter, a spread): what the timeout option their type guarantees carries, if it
 * guarantees one. Asked only of calls whose wait counts, since it reads the types of every argument.
 */
export function guaranteedTimeout(call: CallExpression, outbound: OutboundMatch | undefined): TimeoutCarrier | undefined {
  // Nested option paths (`timeout.request`) are read only where written.
  const options = optionsOf(outbound).filter((option) => !option.name.includes('.'));
  for (const argument of optionArguments(call, outbound)) {
    if (Node.isStringLiteral(argument) || Node.isNoSubstitutionTemplateLiteral(argument) || Node.isTemplateExpression(argument)) continue;
    const guaranteed = options.find((option) => guaranteesOption(argument, option));
    if (guaranteed !== undefined) return guaranteed.carries;
  }
  return undefined;
}

function declarationPath(call: CallExpression): string {
  const callee = call.getExpression();
  const nameNode = Node.isPropertyAccessExpression(callee) ? callee.getNameNode() : callee;
  let symbol = nameNode.getSymbol();
  if (symbol?.isAlias()) symbol = symbol.getAliasedSymbol() ?? symbol;
  return symbol?.getDeclarations()[0]?.getSourceFile().getFilePath() ?? '';
}

/** Timer waits: `setTimeout(ms)` from node:timers/promises (often imported as `sleep` or `delay`). */
export function timerWait(context: AnalysisContext, call: CallExpression): number | undefined {
  const file = declarationPath(call);
  if (!/timers\/promises\.d\.ts$/.test(file)) return undefined;
  const [delay] = call.getArguments();
  return delay === undefined ? 0 : resolveNumber(context, delay);
}
