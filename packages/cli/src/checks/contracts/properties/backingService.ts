import type { PropertyFailure, PropertyOutcome } from '@npvguard/harness/contracts';

/** Routes failing for want of a backing service, in one scenario. */
export interface BackingServiceFailure {
  /** Undefined for the default scenario. */
  scenario: string | undefined;
  /** `METHOD /path` of every route of the scenario. */
  routes: number;
  /** The routes whose valid requests answered 5xx (or could not be sent), with the first such answer. */
  failing: { method: string; path: string; status: number | undefined; body: unknown }[];
  /** The failures these routes stand for, reported as this one finding instead. */
  covered: Set<PropertyFailure>;
}

/** Fewer routes than this failing the same way may each be a bug of their own. */
const MIN_ROUTES = 2;
/** The share of a scenario's routes that must fail this way. */
const MOST = 0.8;

export function isServerSide(failure: PropertyFailure): boolean {
  if (failure.kind === 'inject-failed') return true;
  const status = failure.response?.statusCode;
  return status !== undefined && status >= 500;
}

/**
 * When most routes of a scenario answer valid requests with 5xx from the first request on, the app is missing
 * something every route needs (typically a database it cannot reach in-process), not a bug per route: one
 * finding says so instead of one per route and property. Fewer than two routes, or fewer than most, stay findings
 * of their own.
 */
export function backingServiceFailures(outcomes: readonly PropertyOutcome[]): BackingServiceFailure[] {
  const byScenario = new Map<string | undefined, PropertyOutcome[]>();
  for (const outcome of outcomes) {
    const list = byScenario.get(outcome.scenario);
    if (list === undefined) byScenario.set(outcome.scenario, [outcome]);
    else list.push(outcome);
  }
  const found: BackingServiceFailure[] = [];
  for (const [scenario, list] of byScenario) {
    const routeKey = (outcome: { method: string; path: string }) => `${outcome.method} ${outcome.path}`;
    const routes = new Set(list.map(routeKey));
    const failing = new Map<string, BackingServiceFailure['failing'][number]>();
    for (const outcome of list) {
      const failure = outcome.failure;
      // A valid request that fails at once: every request the route got was answered the same way.
      if (outcome.property !== 'valid' || failure === undefined || !isServerSide(failure) || failure.runs > 1) continue;
      failing.set(routeKey(outcome), { method: outcome.method, path: outcome.path, status: failure.response?.statusCode, body: failure.response?.body ?? failure.message });
    }
    if (failing.size < MIN_ROUTES || failing.size < routes.size * MOST) continue;
    const covered = new Set(list.filter((outcome) => outcome.failure !== undefined && failing.has(routeKey(outcome)) && isServerSide(outcome.failure)).map((outcome) => outcome.failure as PropertyFailure));
    found.push({ scenario, routes: routes.size, failing: [...failing.values()], covered });
  }
  return found;
}

/** How a request failed, for comparing two failures of one route: server-side (5xx, not sent), or the kind and status. */
function failureSignature(failure: PropertyFailure): string {
  return isServerSide(failure) ? 'server-side' : `${failure.kind} ${failure.response?.statusCode ?? ''}`;
}

/**
 * Old-client replay failures that are the route's own failure: a route that answers valid requests of today's
 * contract the same way (5xx for a database it cannot reach here, 401 for a login the generated requests do not
 * have) answers the replayed requests of the base contract so too, whatever the change did. That failure is judged,
 * and reported, by the valid-request property; the replay judges what the change did to old clients.
 */
export function replaysOfFailingRoutes(outcomes: readonly PropertyOutcome[]): Set<PropertyFailure> {
  const key = (outcome: PropertyOutcome) => `${outcome.scenario ?? ''} ${outcome.method} ${outcome.path}`;
  const validFailures = new Map<string, string>();
  for (const outcome of outcomes) {
    if (outcome.property === 'valid' && outcome.failure !== undefined) validFailures.set(key(outcome), failureSignature(outcome.failure));
  }
  return new Set(
    outcomes
      .filter((outcome) => outcome.property === 'replay' && outcome.failure !== undefined && validFailures.get(key(outcome)) === failureSignature(outcome.failure))
      .map((outcome) => outcome.failure as PropertyFailure),
  );
}
