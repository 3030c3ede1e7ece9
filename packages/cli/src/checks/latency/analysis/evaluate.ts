import { findDeclaredCall, findOutboundClient, GLOBAL_SCOPE, type OutboundKind, type OutboundMatch } from '@npvguard/core';
import { Node, SyntaxKind, type CallExpression } from 'ts-morph';
import { LATENCY_RULES } from '../meta.js';
import { callText, fileOf, stepOf, type AnalysisContext } from './context.js';
import { cap, formatMs, leaf, parallel, race, repeat, sequence, through, worstOf, ZERO, type Cost } from './cost.js';
import { collectionBound, resolveNumber } from './numbers.js';
import { guaranteedTimeout, NODE_FETCH_DEFAULT_MS, outboundCallable, signatureModule, timeoutOptions, timerWait, type TimeoutOptions } from './outbound.js';
import { deadlineChildTimeout, unwrap } from './signals.js';
import { callTargets, returnsPromise } from './targets.js';

function report(context: AnalysisContext, ruleId: string, node: Node, message: string, hint: string, data?: Record<string, unknown>): void {
  context.report({
    ruleId,
    file: fileOf(context, node),
    line: node.getStartLineNumber(),
    column: node.getStart() - node.getStartLinePos() + 1,
    message,
    hint,
    fingerprintParts: [ruleId, fileOf(context, node), callText(node)],
    ...(data === undefined ? {} : { data }),
  });
}

/** The time until the promise a function returns settles: its awaits in order, then what it returns. */
export function functionCost(context: AnalysisContext, fn: Node, bindings: Map<Node, number> = new Map()): Cost {
  const key = JSON.stringify([...bindings.entries()].map(([parameter, value]) => [parameter.getStart(), value]));
  let byBindings = context.functionCosts.get(fn);
  if (byBindings === undefined) {
    byBindings = new Map();
    context.functionCosts.set(fn, byBindings);
  }
  if (byBindings.has(key)) return byBindings.get(key) ?? ZERO;
  byBindings.set(key, undefined);
  context.parameterBindings.push(bindings);
  let cost = ZERO;
  try {
    if (Node.isFunctionDeclaration(fn) || Node.isMethodDeclaration(fn) || Node.isArrowFunction(fn) || Node.isFunctionExpression(fn)) {
      const body = fn.getBody();
      if (body !== undefined) cost = Node.isBlock(body) ? statementCost(context, body) : promiseOf(context, body);
    }
  } catch (error) {
    if (!isCheckerFailure(error)) throw error;
    noteUnresolved(context, fn, error);
  } finally {
    context.parameterBindings.pop();
  }
  byBindings.set(key, cost);
  return cost;
}

/** The numbers a call passes for the callee's parameters, resolved in the caller's context. */
function bindingsFor(context: AnalysisContext, fn: Node, call: CallExpression): Map<Node, number> {
  const bindings = new Map<Node, number>();
  if (!Node.isFunctionDeclaration(fn) && !Node.isMethodDeclaration(fn) && !Node.isArrowFunction(fn) && !Node.isFunctionExpression(fn)) return bindings;
  const args = call.getArguments();
  fn.getParameters().forEach((parameter, index) => {
    const argument = args[index];
    // Only numbers can be bound; resolving anything else would search the project for nothing.
    if (argument === undefined || !argument.getType().isNumber() && !argument.getType().isNumberLiteral()) return;
    const value = resolveNumber(context, argument);
    if (value !== undefined) bindings.set(parameter, value);
  });
  return bindings;
}

function statementCost(context: AnalysisContext, statement: Node): Cost {
  if (Node.isBlock(statement)) return sequence(statement.getStatements().map((inner) => statementCost(context, inner)));
  if (Node.isIfStatement(statement)) {
    const otherwise = statement.getElseStatement();
    return sequence([
      waitOf(context, statement.getExpression()),
      worstOf([statementCost(context, statement.getThenStatement()), otherwise === undefined ? ZERO : statementCost(context, otherwise)]),
    ]);
  }
  if (Node.isTryStatement(statement)) {
    // Worst case: the try waits its longest, fails at the end, and the catch waits as well.
    const handler = statement.getCatchClause();
    const finalizer = statement.getFinallyBlock();
    return sequence([
      statementCost(context, statement.getTryBlock()),
      handler === undefined ? ZERO : statementCost(context, handler.getBlock()),
      finalizer === undefined ? ZERO : statementCost(context, finalizer),
    ]);
  }
  if (Node.isSwitchStatement(statement)) {
    const clauses = statement.getClauses().map((clause) => sequence(clause.getStatements().map((inner) => statementCost(context, inner))));
    return sequence([waitOf(context, statement.getExpression()), worstOf(clauses)]);
  }
  if (Node.isReturnStatement(statement)) {
    const expression = statement.getExpression();
    return expression === undefined ? ZERO : promiseOf(context, expression);
  }
  if (Node.isForOfStatement(statement) || Node.isForInStatement(statement) || Node.isForStatement(statement) || Node.isWhileStatement(statement) || Node.isDoStatement(statement)) {
    return loopCost(context, statement);
  }
  if (Node.isLabeledStatement(statement)) return statementCost(context, statement.getStatement());
  if (Node.isFunctionDeclaration(statement) || Node.isClassDeclaration(statement)) return ZERO;
  return waitOf(context, statement);
}

/** `i < N`, `i <= N`, `N > i` with `i` starting from a known number: the number of passes. */
function countedPasses(context: AnalysisContext, condition: Node | undefined, start: number): number | undefined {
  if (condition === undefined || !Node.isBinaryExpression(condition)) return undefined;
  const operator = condition.getOperatorToken().getKind();
  const left = condition.getLeft();
  const right = condition.getRight();
  if (operator === SyntaxKind.LessThanToken || operator === SyntaxKind.LessThanEqualsToken) {
    const limit = resolveNumber(context, right);
    if (limit === undefined || !Node.isIdentifier(left)) return undefined;
    return Math.max(0, Math.ceil(limit - start) + (operator === SyntaxKind.LessThanEqualsToken ? 1 : 0));
  }
  if (operator === SyntaxKind.GreaterThanToken || operator === SyntaxKind.GreaterThanEqualsToken) {
    const limit = resolveNumber(context, left);
    if (limit === undefined || !Node.isIdentifier(right)) return undefined;
    return Math.max(0, Math.ceil(limit - start) + (operator === SyntaxKind.GreaterThanEqualsToken ? 1 : 0));
  }
  return undefined;
}

/** The starting value of the counter a condition tests, from its declaration. */
function counterStart(context: AnalysisContext, condition: Node | undefined): number {
  if (condition === undefined || !Node.isBinaryExpression(condition)) return 0;
  const counter = [condition.getLeft(), condition.getRight()].find((side) => Node.isIdentifier(side) && resolveNumber(context, side) === undefined);
  const declaration = counter?.getSymbol()?.getDeclarations()[0];
  if (declaration !== undefined && Node.isVariableDeclaration(declaration)) {
    const initializer = declaration.getInitializer();
    if (initializer !== undefined) return resolveNumber(context, initializer) ?? 0;
  }
  return 0;
}

function loopPasses(context: AnalysisContext, loop: Node): number | undefined {
  if (Node.isForOfStatement(loop) || Node.isForInStatement(loop)) return collectionBound(context, loop.getExpression());
  if (Node.isForStatement(loop)) {
    const condition = loop.getCondition();
    return countedPasses(context, condition, counterStart(context, condition));
  }
  if (Node.isWhileStatement(loop) || Node.isDoStatement(loop)) {
    const condition = loop.getExpression();
    const passes = countedPasses(context, condition, counterStart(context, condition));
    return passes === undefined ? undefined : Node.isDoStatement(loop) ? Math.max(1, passes) : passes;
  }
  return undefined;
}

function loopCost(context: AnalysisContext, loop: Node): Cost {
  const body = (loop as Node & { getStatement(): Node }).getStatement();
  const header = Node.isForOfStatement(loop) || Node.isForInStatement(loop) ? waitOf(context, loop.getExpression()) : ZERO;
  const perPass = statementCost(context, body);
  if (perPass.ms === 0 && !perPass.io) return header;
  const passes = loopPasses(context, loop);
  const step = stepOf(context, loop, `${loop.getKindName().replace('Statement', '')} loop`);
  if (passes === undefined) {
    report(
      context,
      LATENCY_RULES.unboundedSequentialAwait,
      loop,
      `This loop awaits ${formatMs(perPass.ms)} on every pass and nothing bounds its passes, so the wait grows with the data.`,
      'Start the calls together with Promise.all (or one batch call), or loop over a collection with a static bound.',
      { perPassMs: Number.isFinite(perPass.ms) ? perPass.ms : null },
    );
    return sequence([header, { ...repeat(perPass, 1, { ...step, call: `${step.call} × unbounded` }), ms: Number.POSITIVE_INFINITY }]);
  }
  const total = repeat(perPass, passes, { ...step, call: `${step.call} × ${passes}` });
  // Retries whose every try is bounded by the request deadline cannot outlast it.
  const capped = perPass.deadlineBound && Number.isFinite(context.deadlineBudgetMs) ? cap(total, context.deadlineBudgetMs, { ...step, call: `${step.call} × ${passes}, capped by the request deadline` }, true) : total;
  return sequence([header, capped]);
}

/** Awaits inside an expression, in evaluation order; functions defined here are not run here. */
function waitOf(context: AnalysisContext, node: Node): Cost {
  if (Node.isArrowFunction(node) || Node.isFunctionExpression(node) || Node.isFunctionDeclaration(node) || Node.isClassDeclaration(node)) return ZERO;
  if (Node.isAwaitExpression(node)) return promiseOf(context, node.getExpression());
  return sequence(node.forEachChildAsArray().map((child) => waitOf(context, child)));
}

function isFunctionLiteral(node: Node): boolean {
  return Node.isArrowFunction(node) || Node.isFunctionExpression(node);
}

/** `items.map(callback)`: one callback per item, all started at once. */
function mappedCost(context: AnalysisContext, call: CallExpression): Cost | undefined {
  const callee = call.getExpression();
  if (!Node.isPropertyAccessExpression(callee) || !['map', 'flatMap'].includes(callee.getName())) return undefined;
  const [callback] = call.getArguments();
  if (callback === undefined || !isFunctionLiteral(callback)) return undefined;
  const perItem = functionCost(context, callback);
  const collection = callee.getExpression();
  const bound = collectionBound(context, collection);
  if (bound === undefined && perItem.io) {
    report(
      context,
      LATENCY_RULES.perItemIoInLoop,
      call,
      `Outbound I/O is started once per item of ${callText(collection)}, which has no static bound: N calls instead of one batch.`,
      'Make one batch call for all items (e.g. a port method that takes the whole list).',
    );
  }
  return perItem;
}

/** The promises of an array argument of Promise.all / race: literal elements, spreads and mapped collections. */
function promisesOf(context: AnalysisContext, argument: Node): Cost[] {
  if (Node.isArrayLiteralExpression(argument)) {
    return argument.getElements().map((element) => {
      if (Node.isSpreadElement(element)) {
        const spread = element.getExpression();
        return (Node.isCallExpression(spread) ? mappedCost(context, spread) : undefined) ?? promiseOf(context, spread);
      }
      return promiseOf(context, element);
    });
  }
  if (Node.isCallExpression(argument)) return [mappedCost(context, argument) ?? promiseOf(context, argument)];
  return [promiseOf(context, argument)];
}

/** The time until the value of an expression (awaited) is available. */
export function promiseOf(context: AnalysisContext, expression: Node): Cost {
  const node = expression;
  if (Node.isParenthesizedExpression(node) || Node.isAsExpression(node) || Node.isNonNullExpression(node) || Node.isSatisfiesExpression(node)) {
    return promiseOf(context, node.getExpression());
  }
  if (Node.isAwaitExpression(node)) return promiseOf(context, node.getExpression());
  if (Node.isConditionalExpression(node)) {
    return sequence([waitOf(context, node.getCondition()), worstOf([promiseOf(context, node.getWhenTrue()), promiseOf(context, node.getWhenFalse())])]);
  }
  if (Node.isCallExpression(node)) return callCost(context, node);
  if (Node.isNewExpression(node) && node.getExpression().getText() === 'Promise') {
    const [executor] = node.getArguments();
    return executor === undefined ? ZERO : newPromiseCost(context, executor);
  }
  if (Node.isIdentifier(node)) {
    // `const pending = call(); ... await pending`: the call's time, counted where it is awaited.
    const declaration = node.getSymbol()?.getDeclarations()[0];
    if (declaration !== undefined && Node.isVariableDeclaration(declaration) && declaration.getVariableStatement()?.getDeclarationKind() === 'const') {
      const initializer = declaration.getInitializer();
      if (initializer !== undefined && Node.isCallExpression(initializer) && declaration.getFirstAncestor(Node.isFunctionLikeDeclaration) === node.getFirstAncestor(Node.isFunctionLikeDeclaration)) {
        return callCost(context, initializer);
      }
    }
  }
  return waitOf(context, node);
}

/** `new Promise((resolve) => setTimeout(resolve, ms))`, `new Promise((resolve) => http.get(url, resolve))`: the timers and outbound calls the executor starts. */
function newPromiseCost(context: AnalysisContext, executor: Node): Cost {
  const costs: Cost[] = [];
  for (const call of executor.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    if (call.getExpression().getText() === 'setTimeout') {
      const delay = call.getArguments()[1];
      const ms = delay === undefined ? 0 : resolveNumber(context, delay);
      costs.push(leaf(ms ?? Number.POSITIVE_INFINITY, stepOf(context, call), { io: false, deadlineBound: false }));
      continue;
    }
    const outbound = outboundCallable(context, call);
    if (outbound !== undefined) costs.push(outboundCost(context, call, outbound, timeoutOptions(context, call, outbound)));
  }
  return parallel(costs);
}

/** The wait of a call of the outbound model, or of a port method when `outbound` is undefined. */
function outboundCost(context: AnalysisContext, call: CallExpression, outbound: OutboundMatch | undefined, { present, limit, deadline }: TimeoutOptions): Cost {
  const guaranteed = present ? undefined : guaranteedTimeout(call, outbound);
  // A port call (the service's own client) is assumed to wait as long as Node's fetch; a library waits its own default, or without limit.
  const defaultMs = outbound === undefined ? NODE_FETCH_DEFAULT_MS : (outbound.client.defaultWaitMs ?? Number.POSITIVE_INFINITY);
  if (!present && guaranteed === undefined) {
    report(context, LATENCY_RULES.missingTimeout, call, missingTimeoutMessage(call, outbound, defaultMs), missingTimeoutHint(outbound));
  }
  // A deadline object with no number of its own lets the call wait what the request's deadline allows.
  const byDeadline = deadline || guaranteed === 'deadline';
  const bound = limit ?? (byDeadline && Number.isFinite(context.deadlineBudgetMs) ? { ms: context.deadlineBudgetMs, fromDeadline: true } : undefined);
  // A timeout is there, but its value is known only at run time (a parameter, a config read): the bound cannot be decided.
  const undecided = present && bound === undefined && !byDeadline;
  return leaf(bound?.ms ?? defaultMs, stepOf(context, call), { io: true, deadlineBound: bound?.fromDeadline ?? false, undecided });
}

/** What a client of each kind waits on, for messages. */
const PEER: Record<OutboundKind, string> = { http: 'the server', database: 'the database', cache: 'the cache', queue: 'the broker', cloud: 'the service' };

function missingTimeoutMessage(call: CallExpression, outbound: OutboundMatch | undefined, defaultMs: number): string {
  if (outbound === undefined) {
    return `The port call ${callText(call)} is awaited with no signal or timeout, so it may wait ${formatMs(NODE_FETCH_DEFAULT_MS)} (Node's fetch default).`;
  }
  const { client } = outbound;
  const wait = Number.isFinite(defaultMs) ? `${formatMs(defaultMs)} (${client.id}'s default)` : `as long as ${PEER[client.kind]} does not answer (${client.id} has no default limit)`;
  const connectOnly = client.construction?.connectionOptions ?? [];
  const note = connectOnly.length === 0 ? '' : ` ${connectOnly.map((name) => `\`${name}\``).join(' and ')} bound only getting a connection, not the call.`;
  return `The ${client.kind === 'http' ? 'outbound' : client.kind} call ${callText(call)} (${client.id}) is awaited with no timeout, so it may wait ${wait}.${note}`;
}

/** What bounds a call of this client, as the fix to apply. */
function missingTimeoutHint(outbound: OutboundMatch | undefined): string {
  const generic = 'Pass a signal bounded by the request deadline (e.g. deadline.child(ms).signal) or AbortSignal.timeout(ms).';
  if (outbound === undefined) return generic;
  const ways = [
    ...outbound.callable.timeoutOptions.map((option) => `the \`${option.name}\` option of this call`),
    ...(outbound.callable.chainTimeoutMethods ?? []).map((method) => `\`.${method}(ms)\` on the query`),
    ...(outbound.callable.timeoutMethods ?? []).map((method) => `\`.${method}(ms)\` on the request`),
    ...(outbound.client.construction?.timeoutOptions ?? []).map(
      (option) => `\`${option.name}\`${option.requires === undefined ? '' : ` with \`${option.requires}: true\``} where the client is created`,
    ),
  ];
  if (ways.length === 0) return `${outbound.client.id} has no timeout of its own: race the call against the request deadline (a signal that rejects the wait) or bound it in the database or broker.`;
  return `Bound it with ${ways.join(', or ')}, derived from the request deadline.`;
}

function promiseCombinator(context: AnalysisContext, call: CallExpression): Cost | undefined {
  const name = call.getExpression().getText();
  const [argument] = call.getArguments();
  if (argument === undefined) return undefined;
  if (name === 'Promise.all' || name === 'Promise.allSettled') return through(parallel(promisesOf(context, argument)), stepOf(context, call, name));
  if (name === 'Promise.race' || name === 'Promise.any') return through(race(promisesOf(context, argument)), stepOf(context, call, name));
  return undefined;
}

/** Whether a call is awaited where it stands: `await call()`, or inside an awaited `Promise.all([...])` / `.map(...)`. */
function isAwaited(call: CallExpression): boolean {
  let current: Node = call;
  for (let depth = 0; depth < 6; depth += 1) {
    const parent = current.getParent();
    if (parent === undefined) return false;
    if (Node.isAwaitExpression(parent)) return true;
    const passesThrough =
      Node.isParenthesizedExpression(parent) ||
      Node.isArrayLiteralExpression(parent) ||
      (Node.isArrowFunction(parent) && parent.getBody() === current) ||
      (Node.isCallExpression(parent) && parent !== call && /^(Promise\.(all|allSettled|race|any)|.*\.map)$/.test(parent.getExpression().getText()));
    if (!passesThrough) return false;
    current = parent;
  }
  return false;
}

const PROMISE_CHAIN_METHODS = new Set(['then', 'catch', 'finally']);

/**
 * The call whose result this call is a method of, when waiting for this call waits for it: a promise chain
 * (`fetch(url).then(...)`) or a request configured in place (`http.get(url).setTimeout(ms)`).
 */
function chainedCall(context: AnalysisContext, call: CallExpression): CallExpression | undefined {
  const callee = call.getExpression();
  if (!Node.isPropertyAccessExpression(callee)) return undefined;
  const receiver = unwrap(callee.getExpression());
  if (!Node.isCallExpression(receiver)) return undefined;
  if (PROMISE_CHAIN_METHODS.has(callee.getName())) return receiver;
  const inner = outboundCallable(context, receiver);
  if (inner === undefined) return undefined;
  // A builder chain of one client (`knex('t').where(x).first()`) is one query, run where the chain is awaited.
  const outer = outboundCallable(context, call);
  if (outer !== undefined && outer.client === inner.client && (outer.via === 'declared' || inner.via === 'declared')) return undefined;
  // `knex.select('*').from('tasks').stream()`: a builder turned into something other than a promise is not awaited as a query.
  if (outer === undefined && inner.via === 'declared') return undefined;
  return receiver;
}

/** Packages whose thenables are not waits on a dependency: fastify's reply and instance are the response and the app themselves. */
const NOT_A_DEPENDENCY = new Set(['fastify']);

/** `@types/bcrypt` → `bcrypt`, `@types/scope__name` → `@scope/name`. */
function packageShownAs(module: string): string {
  if (!module.startsWith('@types/')) return module;
  const name = module.slice('@types/'.length);
  return name.includes('__') ? `@${name.replace('__', '/')}` : name;
}

/** A call whose promise is waited for, declared by a dependency the outbound model does not know: collected for one info per function. */
function noteUnknownCall(context: AnalysisContext, call: CallExpression): void {
  const module = signatureModule(context, call);
  if (module === undefined || module === GLOBAL_SCOPE) return;
  const shown = packageShownAs(module);
  // A known client's method the model leaves out on purpose (knex `destroy`, ioredis `quit`) is not unknown.
  if (NOT_A_DEPENDENCY.has(shown) || findOutboundClient(module, context.clients) !== undefined || !returnsPromise(call)) return;
  const callee = unwrap(call.getExpression());
  const name = Node.isPropertyAccessExpression(callee) ? callee.getName() : callee.getText();
  if (findDeclaredCall(module, name, context.quietClients) !== undefined) return;
  const key = `${shown}\u0000${name}`;
  const entry = context.unknownCalls.get(key);
  if (entry === undefined) context.unknownCalls.set(key, { module: shown, name, sites: [call] });
  else if (!entry.sites.includes(call)) entry.sites.push(call);
}

/**
 * Whether an error was thrown inside TypeScript's checker (ts-morph's bundled compiler), not by the analysis: the
 * checker fails on some expressions of real libraries (the node_modules corpus found one, a contextual type of an
 * object literal element). Such a call cannot be resolved; it is said so, not crashed on.
 */
function isCheckerFailure(error: unknown): error is Error {
  return error instanceof Error && !(error instanceof RangeError) && /[\\/]@?ts-morph[\\/]common[\\/]dist[\\/]typescript\.js:/.test(error.stack?.split('\n')[1] ?? '');
}

/** A call or function TypeScript could not type: reported with the unknown calls, as time the bound does not count. */
function noteUnresolved(context: AnalysisContext, node: Node, error: Error): void {
  const key = `\u0000unresolved\u0000${fileOf(context, node)}:${node.getStart()}`;
  if (context.unknownCalls.has(key)) return;
  context.unknownCalls.set(key, { module: '', name: callText(node), sites: [node], reason: error.message });
}

function callCost(context: AnalysisContext, call: CallExpression): Cost {
  try {
    return resolvedCallCost(context, call);
  } catch (error) {
    if (!isCheckerFailure(error)) throw error;
    noteUnresolved(context, call, error);
    return ZERO;
  }
}

function resolvedCallCost(context: AnalysisContext, call: CallExpression): Cost {
  const combined = promiseCombinator(context, call);
  if (combined !== undefined) return combined;
  const chained = chainedCall(context, call);
  const before =
    chained === undefined ? waitOf(context, call) : sequence([callCost(context, chained), ...call.getArguments().map((argument) => waitOf(context, argument))]);
  const timer = timerWait(context, call);
  if (timer !== undefined) return sequence([before, leaf(timer, stepOf(context, call), { io: false, deadlineBound: false })]);
  if (deadlineChildTimeout(context, call) !== undefined) return before;
  const outbound = outboundCallable(context, call);
  const timeouts = timeoutOptions(context, call, outbound);
  const { limit } = timeouts;
  if (outbound !== undefined) return sequence([before, outboundCost(context, call, outbound, timeouts)]);

  const targets = callTargets(context, call);
  if (targets.functions.length === 0 && !targets.port && !targets.sideEffect) noteUnknownCall(context, call);
  const step = stepOf(context, call);
  if (targets.assumption !== undefined) {
    report(context, LATENCY_RULES.assumedImplementation, call, targets.assumption, 'Construct the implementation in the composition root (latency.compositionRoot) so the analysis can follow it.');
  }
  if (targets.sideEffect && isAwaited(call)) {
    report(
      context,
      LATENCY_RULES.awaitedSideEffect,
      call,
      `The side effect ${callText(call)} is awaited on the request path, so the response waits for it.`,
      'Fire it without awaiting (the sink buffers and never throws), after the response is decided.',
    );
  }
  const parts = targets.functions.map((fn) => functionCost(context, fn, bindingsFor(context, fn, call)));
  // A promise or callback handed to the callee is assumed to be awaited by it (untilAborted, breaker.execute).
  for (const argument of call.getArguments()) {
    if (isFunctionLiteral(argument)) parts.push(functionCost(context, argument));
    else if (Node.isCallExpression(argument) || Node.isAwaitExpression(argument)) parts.push(promiseOf(context, argument));
  }
  let cost = parallel(parts);
  if (targets.port && returnsPromise(call)) {
    cost = parallel([cost, outboundCost(context, call, undefined, timeouts)]);
  }
  cost = through(cost, step);
  if (limit !== undefined) cost = cap(cost, limit.ms, step, limit.fromDeadline);
  return sequence([before, cost]);
}
