import type { CheckMeta } from '@npvguard/core';

export const LATENCY_RULES = {
  routeWithoutBudget: 'latency/route-without-budget',
  routeWithoutHandler: 'latency/route-without-handler',
  staticBudgetExceeded: 'latency/static-budget-exceeded',
  undecidedBound: 'latency/undecided-bound',
  missingTimeout: 'latency/missing-timeout',
  unboundedSequentialAwait: 'latency/unbounded-sequential-await',
  perItemIoInLoop: 'latency/per-item-io-in-loop',
  awaitedSideEffect: 'latency/awaited-side-effect',
  assumedImplementation: 'latency/assumed-implementation',
  unknownDependencyCall: 'latency/unknown-dependency-call',
  unresolvedHook: 'latency/unresolved-hook',
  measuredBudgetExceeded: 'latency/measured-budget-exceeded',
  measuredUnsure: 'latency/measured-unsure',
  regression: 'latency/regression',
  regressionUnsure: 'latency/regression-unsure',
} as const;

export const latencyMeta: CheckMeta = {
  description: 'Per-route latency budgets: a static worst-case critical path from the timeouts of awaited calls, and (with --measure) a measured p99 under fake dependencies and a paired comparison with the base.',
  docs: 'checks/latency.md',
  rules: [
    { id: LATENCY_RULES.routeWithoutBudget, description: 'A route the app registers has no latency budget in the config.', defaultSeverity: 'error' },
    { id: LATENCY_RULES.routeWithoutHandler, description: 'A route registration whose handler the analysis cannot locate, so no bound can be computed.', defaultSeverity: 'error' },
    { id: LATENCY_RULES.staticBudgetExceeded, description: 'The static worst-case bound of a route exceeds its p99 budget; the finding lists the critical path.', defaultSeverity: 'error' },
    { id: LATENCY_RULES.undecidedBound, description: 'A route\'s worst-case bound rests on a timeout whose value is known only at run time, so whether it fits its budget cannot be decided statically.', defaultSeverity: 'warning' },
    { id: LATENCY_RULES.missingTimeout, description: 'An outbound call (network, database, cache, queue or port method) is awaited with no timeout, so it may wait 300 s or without limit.', defaultSeverity: 'error' },
    { id: LATENCY_RULES.unboundedSequentialAwait, description: 'A loop awaits on every pass and nothing bounds how many passes it makes.', defaultSeverity: 'error' },
    { id: LATENCY_RULES.perItemIoInLoop, description: 'Outbound I/O is started once per item of a collection with no static bound (N+1 calls) instead of once per batch.', defaultSeverity: 'error' },
    { id: LATENCY_RULES.awaitedSideEffect, description: 'A side effect (an event, an exposure log) is awaited on the request path instead of fired and forgotten.', defaultSeverity: 'error' },
    { id: LATENCY_RULES.assumedImplementation, description: 'An interface method has several implementations and the composition root does not single one out; the slowest is assumed.', defaultSeverity: 'info' },
    { id: LATENCY_RULES.unknownDependencyCall, description: 'A route awaits a call into a dependency that npvguard does not know as I/O, so its time is not counted in the bound.', defaultSeverity: 'info' },
    { id: LATENCY_RULES.unresolvedHook, description: 'A fastify hook that may run on a route\'s request path cannot be resolved (its name, its function, when it continues, or which routes it runs for), so its time is not counted in the bound.', defaultSeverity: 'warning' },
    { id: LATENCY_RULES.measuredBudgetExceeded, description: 'Measured under fake dependencies, the lower bound of the 95% interval of the p99 exceeds the budget.', defaultSeverity: 'error' },
    { id: LATENCY_RULES.measuredUnsure, description: 'Measured under fake dependencies, the 95% interval of the p99 straddles the budget.', defaultSeverity: 'warning' },
    { id: LATENCY_RULES.regression, description: 'Against the base, the 95% interval of the head/base latency ratio lies above the regression threshold.', defaultSeverity: 'error' },
    { id: LATENCY_RULES.regressionUnsure, description: 'Against the base, the 95% interval of the head/base latency ratio still straddles the threshold when the time cap is reached.', defaultSeverity: 'warning' },
  ],
};
