import { Node, type CallExpression } from 'ts-morph';
import type { AnalysisContext } from './context.js';
import { resolveNumber } from './numbers.js';
import { isSignal, signalTimeout, type SignalTimeout } from './signals.js';

/** How long Node's fetch (undici) waits for a response by default: headers and body timeouts of 300 s. */
export const NODE_FETCH_DEFAULT_MS = 300_000;

export interface TimeoutOptions {
  /** The shortest statically known limit among the arguments, if any. */
  limit?: SignalTimeout;
  /** Whether any argument carries a signal or a timeout option, known or not (a caller-provided signal). */
  present: boolean;
}

const TIMEOUT_OPTION = /^(timeout|timeoutMs|headersTimeout|bodyTimeout|deadlineMs)$/;

function shorter(a: SignalTimeout | undefined, b: SignalTimeout | undefined): SignalTimeout | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return b.ms < a.ms ? b : a;
}

/**
 * The timeouts a call's arguments carry: signals (`AbortSignal.timeout`, `deadline.child(ms).signal`,
 * `AbortSignal.any`, a controller aborted by a timer) given directly or as `signal` in an options
 * object, and client options such as `timeoutMs` or `headersTimeout`.
 */
export function timeoutOptions(context: AnalysisContext, call: CallExpression): TimeoutOptions {
  const result: TimeoutOptions = { present: false };
  for (const argument of call.getArguments()) {
    if (Node.isObjectLiteralExpression(argument)) {
      for (const property of argument.getProperties()) {
        if (!Node.isPropertyAssignment(property) && !Node.isShorthandPropertyAssignment(property)) continue;
        const name = property.getName();
        const value = Node.isPropertyAssignment(property) ? property.getInitializer() : property.getNameNode();
        if (value === undefined) continue;
        if (name === 'signal') {
          result.present = true;
          result.limit = shorter(result.limit, signalTimeout(context, value));
        } else if (TIMEOUT_OPTION.test(name)) {
          result.present = true;
          const ms = resolveNumber(context, value);
          if (ms !== undefined) result.limit = shorter(result.limit, { ms, fromDeadline: false });
        }
      }
    } else if (isSignal(argument)) {
      result.present = true;
      result.limit = shorter(result.limit, signalTimeout(context, argument));
    }
  }
  return result;
}

function declarationPath(call: CallExpression): string {
  const callee = call.getExpression();
  const nameNode = Node.isPropertyAccessExpression(callee) ? callee.getNameNode() : callee;
  let symbol = nameNode.getSymbol();
  if (symbol?.isAlias()) symbol = symbol.getAliasedSymbol() ?? symbol;
  return symbol?.getDeclarations()[0]?.getSourceFile().getFilePath() ?? '';
}

/** Network calls the analysis knows: global fetch, undici's request/fetch/stream (functions and pool methods), node:http. */
export function isOutboundCall(call: CallExpression): boolean {
  const callee = call.getExpression();
  const name = Node.isPropertyAccessExpression(callee) ? callee.getName() : callee.getText();
  if (!['fetch', 'request', 'stream', 'get'].includes(name)) return false;
  const file = declarationPath(call);
  if (name === 'fetch' && (file === '' || /lib\.dom|typescript\/lib|@types\/node|undici/.test(file))) return true;
  if (/node_modules\/undici(-types)?\//.test(file)) return name !== 'get';
  return /@types\/node\/(http|https)\.d\.ts$/.test(file) && (name === 'request' || name === 'get');
}

/** Timer waits: `setTimeout(ms)` from node:timers/promises (often imported as `sleep` or `delay`). */
export function timerWait(context: AnalysisContext, call: CallExpression): number | undefined {
  const file = declarationPath(call);
  if (!/timers\/promises\.d\.ts$/.test(file)) return undefined;
  const [delay] = call.getArguments();
  return delay === undefined ? 0 : resolveNumber(context, delay);
}
