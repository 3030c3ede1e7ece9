import {
  findOutboundFunction,
  findOutboundMethod,
  findTimeoutOption,
  GLOBAL_SCOPE,
  normalizeModuleSpecifier,
  outboundCallableNames,
  packageOfFile,
  PROJECT_CLIENT_TIMEOUT_OPTIONS,
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

const OUTBOUND_NAMES = outboundCallableNames();
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

function modelMatch(symbol: MorphSymbol, name: string): OutboundMatch | undefined {
  for (const declaration of symbol.getDeclarations()) {
    const module = declaringModule(declaration);
    if (module === undefined) continue;
    const owner = declaration.getParent();
    const match =
      Node.isClassDeclaration(owner) || Node.isInterfaceDeclaration(owner)
        ? findOutboundMethod(module, owner.getName() ?? '', name)
        : findOutboundFunction(module, name);
    if (match !== undefined) return match;
  }
  return undefined;
}

/**
 * The outbound model's function or method a call reaches, by the declaration its callee resolves to: global
 * fetch, undici's functions and dispatcher methods, node:http(s). A project function of the same name is not one.
 */
export function outboundCallable(call: CallExpression): OutboundMatch | undefined {
  const callee = unwrap(call.getExpression());
  if (Node.isPropertyAccessExpression(callee)) {
    const name = callee.getName();
    if (!OUTBOUND_NAMES.has(name)) return undefined;
    const symbol = callee.getNameNode().getSymbol();
    return symbol === undefined ? undefined : modelMatch(symbol, name);
  }
  if (!Node.isIdentifier(callee)) return undefined;
  let symbol = callee.getSymbol();
  // An identifier nothing declares is a global the program's libraries leave out.
  if (symbol === undefined) return findOutboundFunction(GLOBAL_SCOPE, callee.getText());
  // `import { request as send } from 'undici'`: the name that counts is the one exported.
  if (symbol.isAlias()) symbol = symbol.getAliasedSymbol() ?? symbol;
  const name = symbol.getName();
  return OUTBOUND_NAMES.has(name) ? modelMatch(symbol, name) : undefined;
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
  return outbound === undefined ? args : outbound.callable.optionArguments.flatMap((index) => args[index] ?? []);
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
    for (const property of optionsLiteral(argument)?.getProperties() ?? []) {
      if (!Node.isPropertyAssignment(property) && !Node.isShorthandPropertyAssignment(property)) continue;
      const option = findTimeoutOption(options, property.getName());
      const value = Node.isPropertyAssignment(property) ? property.getInitializer() : property.getNameNode();
      if (option !== undefined && value !== undefined && !isNullishLiteral(value)) bound(option.carries, value);
    }
  }
  for (const followUp of followUpTimeouts(call, outbound?.callable.timeoutMethods ?? [])) {
    const [ms] = followUp.getArguments();
    if (ms !== undefined) bound('milliseconds', ms);
  }
  return result;
}

/**
 * Options built elsewhere (a parameter, a spread): what the timeout option their type guarantees carries, if it
 * guarantees one. Asked only of calls whose wait counts, since it reads the types of every argument.
 */
export function guaranteedTimeout(call: CallExpression, outbound: OutboundMatch | undefined): TimeoutCarrier | undefined {
  const options = optionsOf(outbound);
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
