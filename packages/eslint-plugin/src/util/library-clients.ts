import { findClientFactory, findDeclaredCall, GLOBAL_SCOPE, type OutboundMatch } from '@npvguard/core';
import type * as ts from 'typescript';
import { declaringModule } from './declarations.js';
import { typescript } from './typescript.js';

/** How many hops are followed from a receiver to the expression that created it. */
const ORIGIN_HOPS = 6;
/** How many links of a call chain are walked. */
const CHAIN_LIMIT = 64;

function unwrap(node: ts.Expression): ts.Expression {
  let current = node;
  while (typescript.isParenthesizedExpression(current) || typescript.isAsExpression(current) || typescript.isNonNullExpression(current)) current = current.expression;
  return current;
}

/** The name a call goes by: the method or function as written (`where`, `findMany`, `knex`). */
function calledName(call: ts.CallExpression): string {
  const callee = unwrap(call.expression);
  if (typescript.isPropertyAccessExpression(callee)) return callee.name.text;
  return typescript.isIdentifier(callee) ? callee.text : '';
}

/**
 * A call declared by a client of the outbound model's `declaredCalls` (a knex query, an ioredis command, a Prisma
 * operation), by the package that declares the callee's signatures: the receiver's type decides, whatever its name.
 * The caller checks that the result is a thenable.
 */
export function declaredLibraryCall(call: ts.CallExpression, checker: ts.TypeChecker): OutboundMatch | undefined {
  const callee = unwrap(call.expression);
  const type = checker.getTypeAtLocation(callee);
  // `(trx ?? knex)('users')`: a union of callables, each declared by the client.
  for (const signature of (type.isUnion() ? type.types : [type]).flatMap((member) => member.getCallSignatures())) {
    const declaration = signature.getDeclaration() as ts.Declaration | undefined;
    if (declaration === undefined) continue;
    const module = declaringModule(declaration);
    if (module === undefined || module === GLOBAL_SCOPE) return undefined;
    return findDeclaredCall(module, calledName(call));
  }
  return undefined;
}

/** The calls of a chain from the outermost inwards: `knex('t').where(x).first()` → first, where, knex. */
export function chainCalls(call: ts.CallExpression): ts.CallExpression[] {
  const calls = [call];
  let current = call;
  while (calls.length < CHAIN_LIMIT) {
    const callee = unwrap(current.expression);
    if (!typescript.isPropertyAccessExpression(callee)) break;
    const receiver = unwrap(callee.expression);
    if (!typescript.isCallExpression(receiver)) break;
    calls.push(receiver);
    current = receiver;
  }
  return calls;
}

/** Whether a chain method (knex `.timeout(ms)`, mongodb `.maxTimeMS(ms)`) with an argument bounds the chain. */
export function chainBound(call: ts.CallExpression, methods: readonly string[]): boolean {
  if (methods.length === 0) return false;
  return chainCalls(call).some((link) => {
    const callee = unwrap(link.expression);
    return typescript.isPropertyAccessExpression(callee) && methods.includes(callee.name.text) && link.arguments.length > 0;
  });
}

function symbolOf(node: ts.Node, checker: ts.TypeChecker): ts.Symbol | undefined {
  const symbol = checker.getSymbolAtLocation(typescript.isPropertyAccessExpression(node) ? node.name : node);
  return symbol !== undefined && (symbol.flags & typescript.SymbolFlags.Alias) !== 0 ? checker.getAliasedSymbol(symbol) : symbol;
}

/** The expression that created the value an expression holds: through variable and property initializers. */
function originOf(expression: ts.Expression, checker: ts.TypeChecker): ts.CallExpression | ts.NewExpression | undefined {
  let current = unwrap(expression);
  for (let hops = 0; hops < ORIGIN_HOPS; hops += 1) {
    if (typescript.isCallExpression(current) || typescript.isNewExpression(current)) return current;
    if (!typescript.isIdentifier(current) && !typescript.isPropertyAccessExpression(current)) return undefined;
    const declaration = symbolOf(current, checker)?.declarations?.find(
      (candidate): candidate is ts.VariableDeclaration | ts.PropertyDeclaration | ts.PropertyAssignment =>
        typescript.isVariableDeclaration(candidate) || typescript.isPropertyDeclaration(candidate) || typescript.isPropertyAssignment(candidate),
    );
    if (declaration?.initializer === undefined) return undefined;
    current = unwrap(declaration.initializer);
  }
  return undefined;
}

/** The object literal an argument is, directly or nested in a `new X({...})`. */
function literalOf(node: ts.Expression | undefined): ts.ObjectLiteralExpression | undefined {
  if (node === undefined) return undefined;
  const value = unwrap(node);
  if (typescript.isObjectLiteralExpression(value)) return value;
  if (typescript.isNewExpression(value) || typescript.isCallExpression(value)) return literalOf(value.arguments?.[0]);
  return undefined;
}

function optionValue(literal: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  const [head = '', ...rest] = name.split('.');
  for (const property of literal.properties) {
    if (!typescript.isPropertyAssignment(property) && !typescript.isShorthandPropertyAssignment(property)) continue;
    if (!typescript.isIdentifier(property.name) || property.name.text !== head) continue;
    const value = typescript.isPropertyAssignment(property) ? property.initializer : property.name;
    if (value.kind === typescript.SyntaxKind.NullKeyword || (typescript.isIdentifier(value) && value.text === 'undefined')) return undefined;
    if (rest.length === 0) return value;
    const inner = literalOf(value);
    return inner === undefined ? undefined : optionValue(inner, rest.join('.'));
  }
  return undefined;
}

/**
 * Whether the instance a call goes through was created with a timeout that bounds its calls (`new Pool({
 * query_timeout })`, `new Redis({ commandTimeout })`, `axios.create({ timeout })`), followed from the receiver of the
 * chain's innermost call through variables, imports and property initializers.
 */
export function constructedWithTimeout(call: ts.CallExpression, match: OutboundMatch, checker: ts.TypeChecker): boolean {
  const construction = match.client.construction;
  if (construction === undefined || construction.timeoutOptions.length === 0) return false;
  const innermost = chainCalls(call).at(-1) ?? call;
  const callee = unwrap(innermost.expression);
  const candidates = typescript.isPropertyAccessExpression(callee) ? [callee.expression, callee] : [callee];
  for (const candidate of candidates) {
    const origin = originOf(candidate, checker);
    if (origin === undefined) continue;
    const factorySymbol = symbolOf(unwrap(origin.expression), checker);
    for (const declaration of factorySymbol?.declarations ?? []) {
      const module = declaringModule(declaration);
      const found = module === undefined ? undefined : findClientFactory(module, factorySymbol?.getName() ?? '', [match.client]);
      if (found === undefined) continue;
      const args = origin.arguments ?? [];
      for (const index of found.factory.optionArguments) {
        const literal = literalOf(args[index]);
        if (literal === undefined) continue;
        const bounded = construction.timeoutOptions.some((option) => {
          if (optionValue(literal, option.name) === undefined) return false;
          return option.requires === undefined || optionValue(literal, option.requires)?.kind === typescript.SyntaxKind.TrueKeyword;
        });
        if (bounded) return true;
      }
    }
  }
  return false;
}

/** What bounds a call of this client, for messages: its options, chain methods and options at creation. */
export function boundingWays(match: OutboundMatch): string {
  const ways = [
    ...match.callable.timeoutOptions.map((option) => `\`${option.name}\``),
    ...(match.callable.chainTimeoutMethods ?? []).map((method) => `\`.${method}(ms)\``),
    ...(match.client.construction?.timeoutOptions ?? []).map((option) => `\`${option.name}\` where the client is created`),
  ];
  return ways.length === 0 ? `nothing ${match.client.id} offers: race it against the request deadline` : ways.join(' or ');
}
