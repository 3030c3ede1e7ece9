import { Node, SyntaxKind, type CallExpression } from 'ts-morph';
import { LATENCY_RULES } from '../meta.js';
import { AFTER_ANSWER, BEFORE_HANDLER, DONE_INDEX, hookLabel, type Hook, type RouteHooks } from '../routes/hooks.js';
import { functionName } from '../routes/instances.js';
import { callText, fileOf, stepOf, type AnalysisContext } from './context.js';
import { leaf, sequence, through, worstOf, ZERO, type Cost } from './cost.js';
import { functionCost, promiseOf } from './evaluate.js';
import { resolveNumber } from './numbers.js';

/** One hook of a route's worst chain, as `checks[].data.routes[].hooks` lists it. */
export interface HookCostData {
  stage: string;
  /** Where the hook is registered (the `addHook` call or the route option). */
  registeredAt: string;
  /** Where its function is written. */
  function: string;
  /** Its worst-case wait; null when unbounded. */
  ms: number | null;
  /** Whether the wait is part of the route's bound (not for hooks that run after the answer is sent). */
  counted: boolean;
}

function isFunctionLike(node: Node): boolean {
  return Node.isFunctionDeclaration(node) || Node.isArrowFunction(node) || Node.isFunctionExpression(node) || Node.isMethodDeclaration(node);
}

function isAsync(fn: Node): boolean {
  return (Node.isFunctionDeclaration(fn) || Node.isArrowFunction(fn) || Node.isFunctionExpression(fn) || Node.isMethodDeclaration(fn)) && fn.isAsync();
}

function where(context: AnalysisContext, node: Node): string {
  return `${fileOf(context, node)}:${node.getStartLineNumber()}`;
}

/**
 * Runs an evaluation with the findings it reports saying the hook they came through. In a hook that runs after the
 * answer is sent, awaiting a side effect is what `awaited-side-effect` asks for, so it is not reported there.
 */
function throughHook<T>(context: AnalysisContext, hook: Hook, work: () => T): T {
  const report = context.report;
  const after = AFTER_ANSWER.has(hook.stage);
  const registeredAt = where(context, hook.site);
  // Named without the context: one hook function may run in several (an autohooks file hooks several folders).
  const name = functionName(hook.fn);
  const shown = `${hook.stage} hook${name === undefined || name === hook.stage ? '' : ` ${name}`} registered at ${registeredAt}`;
  const note = after
    ? ` It runs in the ${shown}, after the answer is sent: its time is not part of the route's bound, but the request's resources are held until it settles.`
    : ` It is on the request path of every route the ${shown} runs for.`;
  context.report = (finding) => {
    if (after && finding.ruleId === LATENCY_RULES.awaitedSideEffect) return;
    report({ ...finding, message: `${finding.message}${note}`, data: { ...finding.data, hook: { stage: hook.stage, registeredAt, function: where(context, hook.fn) } } });
  };
  try {
    return work();
  } finally {
    context.report = report;
  }
}

/** `setTimeout(callback, ms)` / `setImmediate(callback)` of the global scope: the callback runs after ms. */
function globalTimer(context: AnalysisContext, call: CallExpression): Cost | undefined {
  const name = call.getExpression().getText();
  if (name !== 'setTimeout' && name !== 'setImmediate') return undefined;
  const declaration = call.getExpression().getSymbol()?.getDeclarations()[0]?.getSourceFile().getFilePath() ?? '';
  if (/timers[\\/]promises\.d\.ts$/.test(declaration)) return undefined;
  const delay = name === 'setTimeout' ? call.getArguments()[1] : undefined;
  const ms = delay === undefined ? 0 : resolveNumber(context, delay);
  return leaf(ms ?? Number.POSITIVE_INFINITY, stepOf(context, call), { io: false, deadlineBound: false });
}

/**
 * The wait until code at `node` runs, inside a callback-style hook: nothing when it is in the hook's own body; the
 * wait of the call a callback is handed to (a promise's `.then`, a timer, a client's callback) when it is in one,
 * after whatever that call itself waits for. Undefined when the analysis cannot tell.
 */
function untilRuns(context: AnalysisContext, hook: Node, node: Node, depth: number): Cost | undefined {
  const enclosing = node.getFirstAncestor(isFunctionLike);
  if (enclosing === undefined || enclosing === hook) return ZERO;
  if (depth > 8) return undefined;
  const call = enclosing.getParent();
  if (call === undefined || !Node.isCallExpression(call) || !call.getArguments().includes(enclosing)) return undefined;
  return untilCallback(context, hook, call, depth);
}

function untilCallback(context: AnalysisContext, hook: Node, call: CallExpression, depth: number): Cost | undefined {
  const before = untilRuns(context, hook, call, depth + 1);
  if (before === undefined) return undefined;
  return sequence([before, globalTimer(context, call) ?? promiseOf(context, call)]);
}

/** A callback-style hook `(request, reply, done)`: its wait is until `done` is called, the slowest way it is. */
function callbackCost(context: AnalysisContext, hook: Hook, doneIndex: number): Cost {
  const fn = hook.fn as Node & { getParameters(): Node[] };
  const parameter = fn.getParameters()[doneIndex];
  const name = parameter === undefined ? undefined : (parameter as Node & { getNameNode(): Node }).getNameNode();
  if (name === undefined || !Node.isIdentifier(name)) return ZERO;
  const symbol = name.getSymbol();
  const references = fn.getDescendantsOfKind(SyntaxKind.Identifier).filter((identifier) => identifier !== name && identifier.getSymbol() === symbol);
  const waits = references.map((reference) => {
    const parent = reference.getParent();
    // `done` handed over as a callback (`setTimeout(done, 5)`, `promise.then(() => x, done)`): it runs when that call calls it.
    const handed = parent !== undefined && Node.isCallExpression(parent) && parent.getExpression() !== reference ? untilCallback(context, fn, parent, 0) : untilRuns(context, fn, reference, 0);
    if (handed === undefined) {
      context.report({
        ruleId: LATENCY_RULES.unresolvedHook,
        file: fileOf(context, reference),
        line: reference.getStartLineNumber(),
        column: reference.getStart() - reference.getStartLinePos() + 1,
        message: `The analysis cannot tell when this ${hook.stage} hook calls \`${name.getText()}\` (${callText(parent ?? reference)}), so what it waits for before the request goes on is not counted in the route's bound.`,
        hint: 'Call the callback where the analysis can see when it runs: in the hook\'s body, or in a callback handed directly to the call it waits for; or write the hook as an async function.',
        fingerprintParts: [LATENCY_RULES.unresolvedHook, fileOf(context, reference), callText(parent ?? reference)],
        data: { hook: { stage: hook.stage, registeredAt: where(context, hook.site) } },
      });
      return ZERO;
    }
    return handed;
  });
  return worstOf(waits);
}

const hookCosts = new WeakMap<AnalysisContext, Map<string, Cost>>();

/** A hook's worst-case wait, as a step of the route's path named after the hook and its context; evaluated once per hook. */
export function hookCost(context: AnalysisContext, hook: Hook): Cost {
  return through(hookWait(context, hook), stepOf(context, hook.site, hookLabel(hook)));
}

function hookWait(context: AnalysisContext, hook: Hook): Cost {
  let costs = hookCosts.get(context);
  if (costs === undefined) {
    costs = new Map();
    hookCosts.set(context, costs);
  }
  const key = `${hook.stage}|${where(context, hook.site)}|${hook.site.getStart()}|${where(context, hook.fn)}|${hook.fn.getStart()}`;
  const known = costs.get(key);
  if (known !== undefined) return known;
  const doneIndex = DONE_INDEX[hook.stage];
  const callbackStyle = !isAsync(hook.fn) && (hook.fn as Node & { getParameters(): Node[] }).getParameters().length > doneIndex;
  const cost = throughHook(context, hook, () => (callbackStyle ? callbackCost(context, hook, doneIndex) : functionCost(context, hook.fn)));
  costs.set(key, cost);
  return cost;
}

/**
 * A route's worst case: its hooks before the handler one after the other, the handler, then the hooks that run
 * before the answer leaves (`preSerialization`, `onError`, `onSend`). Hooks that run after the answer is sent are
 * evaluated for their findings but not counted. With several ways the route's plugin is registered, the slowest.
 */
export function routeCost(context: AnalysisContext, handler: Node, hooks: RouteHooks | undefined): { cost: Cost; hooks: HookCostData[] } {
  const handlerCost = functionCost(context, handler);
  const chains = (hooks?.chains ?? []).filter((chain) => chain.length > 0);
  if (chains.length === 0) return { cost: handlerCost, hooks: [] };
  const options = chains.map((chain) => {
    const costs = chain.map((hook) => ({ hook, cost: hookCost(context, hook) }));
    const before = costs.filter(({ hook }) => BEFORE_HANDLER.has(hook.stage)).map(({ cost }) => cost);
    const after = costs.filter(({ hook }) => !BEFORE_HANDLER.has(hook.stage) && !AFTER_ANSWER.has(hook.stage)).map(({ cost }) => cost);
    return { cost: sequence([...before, handlerCost, ...after]), costs };
  });
  const worst = options.reduce((slowest, option) => (option.cost.ms > slowest.cost.ms ? option : slowest));
  return {
    cost: worstOf(options.map((option) => option.cost)),
    hooks: worst.costs.map(({ hook, cost }) => ({
      stage: hook.stage,
      registeredAt: where(context, hook.site),
      function: where(context, hook.fn),
      ms: Number.isFinite(cost.ms) ? cost.ms : null,
      counted: !AFTER_ANSWER.has(hook.stage),
    })),
  };
}

/** Evaluates every hook once, findings included: request-path hooks first, so a shared call is reported as on the path. */
export function evaluateHooks(context: AnalysisContext, routes: readonly (RouteHooks | undefined)[]): void {
  const all = routes.flatMap((hooks) => hooks?.chains.flat() ?? []);
  for (const hook of all.filter((candidate) => !AFTER_ANSWER.has(candidate.stage))) hookCost(context, hook);
  for (const hook of all.filter((candidate) => AFTER_ANSWER.has(candidate.stage))) hookCost(context, hook);
}
