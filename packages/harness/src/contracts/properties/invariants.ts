import type { ResponseSummary } from './judge.js';
import type { GeneratedRequest, RequestExamples } from './requests.js';

export type { RequestExamples } from './requests.js';

/** The scenario name of the app built with the plain app options. */
export const DEFAULT_SCENARIO = 'default';

/** What an invariant is given: one generated valid request, the answer, and what the scenario's app records. */
export interface InvariantInput<Context> {
  /** `default`, or the name of the scenario the app was built for. */
  scenario: string;
  request: GeneratedRequest;
  response: ResponseSummary;
  /** What `prepare` returned as `context` for this scenario's app (recording ports, a catalog to look things up in...). */
  context: Context;
  /** Sends another request to the same app, e.g. to compare two answers. */
  send(request: GeneratedRequest): Promise<ResponseSummary>;
}

/**
 * A promise a schema cannot state (one card per entity, no explicit content unless allowed, an exposure
 * event for every answer). Returns a message saying what is wrong, or nothing when it holds; a thrown
 * error counts as a violation with the error's message.
 */
export type Invariant<Context = undefined> = (input: InvariantInput<Context>) => string | undefined | Promise<string | undefined>;

/** Invariants by name, for one route. */
export type RouteInvariants<Context = undefined> = Readonly<Record<string, Invariant<Context>>>;

export const EXAMPLE_PARTS = ['body', 'query', 'path', 'header'] as const;

/** A scenario's app, as `prepare` sees it before the app is built. */
export interface ScenarioSetup<AppOptions> {
  name: string;
  /** The options the app factory would be called with: `appOptions`, or the scenario's own. */
  appOptions: AppOptions | undefined;
}

export interface PreparedScenario<Context, AppOptions> {
  /** The options to call the app factory with instead. */
  appOptions: AppOptions;
  /** Given to every invariant run against this scenario's app. */
  context: Context;
}

/**
 * The user-declared part of the property tests: invariants per route (`METHOD /path`, the path as the
 * OpenAPI snapshot writes it), values to steer request generation with, and a `prepare` step that gives
 * each scenario's app the ports the invariants observe through.
 */
export interface InvariantsDefinition<Context = undefined, AppOptions = unknown> {
  /** Called once per scenario, before its app is built. Without it the app is built with the scenario's options and `context` is undefined. */
  prepare?: (scenario: ScenarioSetup<AppOptions>) => PreparedScenario<Context, AppOptions>;
  /** `METHOD /path` → values mixed into generated requests. */
  examples?: Readonly<Record<string, RequestExamples>>;
  /** `METHOD /path` → named invariants every answer to a generated valid request must keep. */
  routes: Readonly<Record<string, RouteInvariants<Context>>>;
}

/** Identity function that types an invariants module: `export default defineInvariants({ routes: { ... } })`. */
export function defineInvariants<Context = undefined, AppOptions = unknown>(definition: InvariantsDefinition<Context, AppOptions>): InvariantsDefinition<Context, AppOptions> {
  return definition;
}

/** A broken invariant: which one, and its message. */
export interface InvariantViolation {
  invariant: string;
  message: string;
}

/** Runs a route's invariants in declaration order; the first broken one is returned. */
export async function checkInvariants<Context>(invariants: RouteInvariants<Context>, input: InvariantInput<Context>): Promise<InvariantViolation | undefined> {
  for (const [name, invariant] of Object.entries(invariants)) {
    let message: string | undefined;
    try {
      message = await invariant(input);
    } catch (error) {
      message = `threw: ${error instanceof Error ? error.message : String(error)}`;
    }
    if (typeof message === 'string') return { invariant: name, message: message === '' ? 'broken (no message given)' : message };
  }
  return undefined;
}

/** `METHOD /path`, the key of a route in an invariants definition. */
export function routeKey(method: string, path: string): string {
  return `${method.toUpperCase()} ${path}`;
}
