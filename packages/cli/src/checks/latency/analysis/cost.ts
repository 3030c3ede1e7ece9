/** One link of a critical path: a call on the way to outbound I/O and the milliseconds it contributes. */
export interface PathStep {
  file: string;
  line: number;
  /** The call as written (shortened), or a note such as `× 5` for a loop. */
  call: string;
  ms: number;
}

/**
 * The static worst case of waiting for something: milliseconds (Infinity when unbounded) and the chain
 * of calls that makes up that worst case.
 */
export interface Cost {
  ms: number;
  path: readonly PathStep[];
  /** Whether outbound I/O (a network call or a port method) is reached. */
  io: boolean;
  /** Whether every wait inside is bounded by a signal derived from a request deadline. */
  deadlineBound: boolean;
  /** The bound rests on a timeout whose value is known only at run time (a parameter, a config read): the call that has it. */
  undecided?: PathStep;
  /**
   * With `undecided`: the bound when every wait known only at run time is counted as 0 ms, what the path takes at
   * least in the worst case. Over the budget, the route is over it whatever those values are.
   */
  decidedMs?: number;
}

/** What a cost takes at the least in the worst case: its bound with the undecided waits counted as 0 ms. */
export function decidedMs(cost: Cost): number {
  return cost.decidedMs ?? cost.ms;
}

function undecidedOf(costs: readonly Cost[], decided: (costs: readonly Cost[]) => number): Pick<Cost, 'undecided' | 'decidedMs'> {
  const found = costs.find((cost) => cost.undecided !== undefined)?.undecided;
  return found === undefined ? {} : { undecided: found, decidedMs: decided(costs) };
}

const sumDecided = (costs: readonly Cost[]) => costs.reduce((total, cost) => total + decidedMs(cost), 0);
const maxDecided = (costs: readonly Cost[]) => costs.reduce((worst, cost) => Math.max(worst, decidedMs(cost)), 0);

export const ZERO: Cost = { ms: 0, path: [], io: false, deadlineBound: true };

/** Sequential awaits: the times add, the paths join. */
export function sequence(costs: readonly Cost[]): Cost {
  const waiting = costs.filter((cost) => cost.ms > 0 || cost.io);
  if (waiting.length === 0) return ZERO;
  return {
    ms: waiting.reduce((total, cost) => total + cost.ms, 0),
    path: waiting.flatMap((cost) => cost.path),
    io: waiting.some((cost) => cost.io),
    deadlineBound: waiting.every((cost) => cost.deadlineBound),
    ...undecidedOf(waiting, sumDecided),
  };
}

/** `Promise.all` / `allSettled`: all run at once, the slowest decides. */
export function parallel(costs: readonly Cost[]): Cost {
  if (costs.length === 0) return ZERO;
  const slowest = costs.reduce((worst, cost) => (cost.ms > worst.ms ? cost : worst));
  return {
    ms: slowest.ms,
    path: slowest.path,
    io: costs.some((cost) => cost.io),
    deadlineBound: costs.every((cost) => cost.deadlineBound),
    ...(slowest.undecided === undefined ? {} : { undecided: slowest.undecided, decidedMs: maxDecided(costs) }),
  };
}

/** `Promise.race` / `any`: the first to settle decides (for `any`, the first success; the bound is the same). */
export function race(costs: readonly Cost[]): Cost {
  if (costs.length === 0) return ZERO;
  const fastest = costs.reduce((best, cost) => (cost.ms < best.ms ? cost : best));
  return { ...fastest, io: costs.some((cost) => cost.io) };
}

/** The slower of two alternatives (if / else, switch branches). */
export function worstOf(costs: readonly Cost[]): Cost {
  return parallel(costs);
}

/** A loop awaited `times` times in sequence (Infinity when the bound is unknown). */
export function repeat(cost: Cost, times: number, step: Omit<PathStep, 'ms'>): Cost {
  if (cost.ms === 0 && !cost.io) return ZERO;
  const ms = times === 0 ? 0 : cost.ms * times;
  return { ms, path: [{ ...step, ms }, ...cost.path], io: cost.io, deadlineBound: cost.deadlineBound, ...undecidedOf([cost], ([one]) => (times === 0 || one === undefined ? 0 : decidedMs(one) * times)) };
}

/**
 * Retries: `attempts` tries of `perTry` each, with `backoffMs` waited between tries, never longer than
 * `capMs` (an enclosing deadline) when one is known.
 */
export function retry(perTry: Cost, attempts: number, backoffMs: number, capMs: number, step: Omit<PathStep, 'ms'>): Cost {
  const total = perTry.ms * attempts + backoffMs * Math.max(0, attempts - 1);
  const ms = Math.min(total, capMs);
  const decided = (tries: readonly Cost[]) => Math.min(decidedMs(tries[0] ?? perTry) * attempts + backoffMs * Math.max(0, attempts - 1), capMs);
  return { ms, path: [{ ...step, ms }, ...perTry.path], io: perTry.io, deadlineBound: perTry.deadlineBound || ms === capMs, ...(ms === capMs ? {} : undecidedOf([perTry], decided)) };
}

/**
 * A wait bounded by a timeout: whatever the callee does, the caller stops waiting after `limitMs`. When
 * the limit binds, the path ends at the call that carries it.
 */
export function cap(cost: Cost, limitMs: number, step: Omit<PathStep, 'ms'>, fromDeadline: boolean): Cost {
  if (!(limitMs < cost.ms)) return fromDeadline ? { ...cost, deadlineBound: true } : cost;
  return { ms: limitMs, path: [{ ...step, ms: limitMs }], io: cost.io, deadlineBound: fromDeadline || cost.deadlineBound };
}

/** A leaf: a timer or an outbound call that waits up to `ms`. */
export function leaf(ms: number, step: Omit<PathStep, 'ms'>, options: { io: boolean; deadlineBound: boolean; undecided?: boolean }): Cost {
  return { ms, path: [{ ...step, ms }], io: options.io, deadlineBound: options.deadlineBound, ...(options.undecided === true ? { undecided: { ...step, ms }, decidedMs: 0 } : {}) };
}

/** Prepends the call that led to `cost`, so the path reads from the handler down. */
export function through(cost: Cost, step: Omit<PathStep, 'ms'>): Cost {
  if (cost.ms === 0 && !cost.io) return cost;
  const [first, ...rest] = cost.path;
  // The same call seen twice (a port call and its own leaf) is one link of the path.
  if (first !== undefined && first.file === step.file && first.line === step.line && first.call === step.call) return { ...cost, path: [{ ...step, ms: cost.ms }, ...rest] };
  return { ...cost, path: [{ ...step, ms: cost.ms }, ...cost.path] };
}

export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return 'unbounded';
  return `${Math.round(ms * 100) / 100} ms`;
}
