import type { Severity } from './finding.js';

/** A glob or several, matched against repo-relative POSIX paths (relative to the config's folder). */
export type Globs = string | readonly string[];

export interface BoundariesConfig {
  /** Layer name → the files that belong to it. Each glob must match at least one file. */
  layers: Record<string, Globs>;
  /** Layer → layers it may import at runtime. Default deny between layers; a layer may always import itself. */
  allow: Record<string, readonly string[]>;
  /** Layer → extra layers it may import for types only (`import type`, or value imports used only as types). */
  allowTypes?: Record<string, readonly string[]>;
  /** Layer → its public entry point file(s); imports from other layers must go through them. */
  entryPoints?: Record<string, Globs>;
  /** External package (name or glob, e.g. `node:*`, `@fastify/*`) → layers allowed to import it. Unlisted packages are allowed everywhere. */
  externals?: Record<string, readonly string[]>;
  /** Which cycles to report. Default `runtime`: type-only edges cannot form a reported cycle. */
  cycles?: 'runtime' | 'all' | 'off';
  /** `same-rules` (default): type-only imports obey `allow`/`allowTypes`; `allowed`: type-only imports are never forbidden. */
  typeOnly?: 'same-rules' | 'allowed';
  /** Files never analysed (generated code, fixtures). */
  ignore?: Globs;
}

/** A route's latency budget. */
export interface LatencyBudget {
  /** The 99th percentile the route must stay under, in milliseconds. */
  p99Ms: number;
}

/** How `--measure` drives the app: a module that starts it with fake dependencies. */
export interface LatencyMeasureConfig {
  /** Module (relative to the config's folder) exporting `start()` and `requests`; see docs/checks/latency.md. */
  fakes: string;
  /** Requests per second of the open-loop driver. Default 50. */
  rate?: number;
  /** Measured phase per route, ms. Default 10 000 (500 requests: enough for a finite p99 interval). */
  durationMs?: number;
  /** Warm-up per route before measuring, ms. Default 1000. */
  warmupMs?: number;
}

export interface LatencyConfig {
  /** `"METHOD /path"` → budget. Every route the app registers needs one. */
  budgets: Record<string, LatencyBudget>;
  /** Files declaring the I/O port interfaces: a call of one of their methods is outbound I/O. */
  ports?: Globs;
  /** Files of side effects (events, logs to a sink): awaiting one of their functions on a request path is reported. */
  sideEffects?: Globs;
  /** The file(s) choosing implementations; when an interface has several, the one constructed here is taken. */
  compositionRoot?: Globs;
  measure?: LatencyMeasureConfig;
  /** Libraries that do I/O beyond the ones npvguard knows (docs/checks/latency.md#clients). */
  clients?: LatencyClientConfig[];
}

/**
 * One library the project calls that does I/O: which of its calls wait on the network, and what bounds them.
 * Option names ending in `signal` (any case) carry an AbortSignal; every other option carries milliseconds.
 */
export interface LatencyClientConfig {
  /** Package name (or glob: `@acme/*`) whose declarations make the calls. */
  module: string;
  /** Function and method names that do I/O; absent: every call declared in the module that returns a promise. */
  calls?: string[];
  /** Option names that bound one call, looked up in its object arguments (dotted paths reach nested objects). */
  timeoutOptions?: string[];
  /** Zero-based positions of the arguments that may hold the options; absent: any argument. */
  optionArguments?: number[];
  /** Methods anywhere in the call chain that bound it with their first argument in ms (`.timeout(ms)`). */
  chainTimeoutMethods?: string[];
  /** Functions or classes that create an instance (`createDb`, `DbClient`), and the options that bound every call of it. */
  factories?: string[];
  factoryTimeoutOptions?: string[];
  /** How long a call waits when nothing bounds it; absent: without limit. */
  defaultWaitMs?: number;
  /**
   * `false`: the calls do no I/O (a metrics registry, a hash): they count as 0 ms and are not reported as unknown.
   * Default `true`.
   */
  io?: boolean;
}

/** One model the service calls over the Open Inference Protocol v2. */
export interface ContractsModelConfig {
  /** `<module>#<export>`: the service's declaration of the model contract (see docs/checks/contracts.md, "Model contract"). */
  spec: string;
  /** The model's metadata snapshot. Default `contracts/model-<name>.json`. */
  snapshot?: string;
}

/** One more way to build the app for the property tests, e.g. with a dependency unavailable. */
export interface ContractsScenarioConfig {
  /** The one argument the factory is called with for this scenario, instead of `contracts.appOptions`. */
  appOptions?: unknown;
}

/** In-process property tests of every route (run through `inject`). */
export interface ContractsPropertiesConfig {
  /** Runs per route and property. Default 100; 0 turns the property tests off. */
  runs?: number;
  /** Seed every route's seed derives from. Default 1. */
  seed?: number;
  /** A fast-check replay path printed with a failure, to re-run exactly that case. */
  replayPath?: string;
  /** Scenario name → how its app is built; each scenario's app gets the valid-request property and the invariants of every route. */
  scenarios?: Record<string, ContractsScenarioConfig>;
  /** `<module>` (its default export) or `<module>#<export>`: the invariants definition (`defineInvariants`), relative to the config's folder. */
  invariants?: string;
}

/**
 * How clients read an answer object whose schema refuses properties it does not list (`additionalProperties: false`):
 * `tolerant` clients ignore properties they do not know, so adding a response property is additive; `strict` clients
 * validate answers with the schema they were built from, so it breaks them.
 */
export const CLOSED_SCHEMAS_POLICIES = ['tolerant', 'strict'] as const;
export type ClosedSchemasPolicy = (typeof CLOSED_SCHEMAS_POLICIES)[number];

/** Stability levels of operations (`x-stability-level`), least to most stable. */
export const STABILITY_LEVELS = ['draft', 'alpha', 'beta', 'stable'] as const;
export type StabilityLevel = (typeof STABILITY_LEVELS)[number];

/** The fewest days a deprecation must leave before its sunset, per stability level, when the config sets none (as oasdiff's defaults). */
export const DEFAULT_MIN_SUNSET_DAYS: Readonly<Record<StabilityLevel, number>> = { draft: 0, alpha: 0, beta: 31, stable: 180 };

export interface ContractsLifecycleConfig {
  /**
   * Per stability level of an operation (no level is `stable`), the fewest days a deprecation must leave between the
   * day of the diff and its `x-sunset` date; when more than 0, a deprecation needs a sunset date. Default
   * `{ draft: 0, alpha: 0, beta: 31, stable: 180 }`.
   */
  minSunsetDays?: Partial<Record<StabilityLevel, number>>;
}

/** A dotenv file (relative to the config's folder) or variables by name. */
export type ContractsEnvSource = string | Readonly<Record<string, string>>;

export interface ContractsConfig {
  /** `<module>#<export>` of the app factory, relative to the config's folder; called with no arguments, never listened. */
  app: string;
  /** The one argument the factory is called with (e.g. options that silence its logger); default none. */
  appOptions?: unknown;
  /**
   * Environment variables the app needs to build (an env plugin that requires them): a dotenv file relative to the
   * config's folder (`.env.example`), a record, or a list of both (a later one wins). Only variables the
   * environment does not already set are set.
   */
  env?: ContractsEnvSource | readonly ContractsEnvSource[];
  /** The committed OpenAPI snapshot. Default `contracts/openapi.json`. */
  snapshot?: string;
  /** Acknowledged breaking changes. Default `contracts/changes.json`. */
  changes?: string;
  /** `info.title` of the snapshot. Default the project's package name. */
  title?: string;
  /** Model name → where the service declares that model's contract. */
  models?: Record<string, ContractsModelConfig>;
  properties?: ContractsPropertiesConfig;
  /**
   * How the semantic diff and old-client replay judge a property added to an answer object whose schema refuses
   * properties it does not list. Default `tolerant`: clients ignore unknown properties, so it is additive.
   */
  closedSchemas?: ClosedSchemasPolicy;
  /** How deprecations, sunsets and stability levels are judged by the semantic diff. */
  lifecycle?: ContractsLifecycleConfig;
}

/** An ESLint rule setting as in a flat config: a severity, or a severity followed by the rule's options. */
export type EslintRuleSetting = 'off' | 'warn' | 'error' | 0 | 1 | 2 | readonly ['off' | 'warn' | 'error' | 0 | 1 | 2, ...unknown[]];

export interface LintConfig {
  /**
   * ESLint flat config file, relative to the config's folder. Default: ESLint's own lookup from the project
   * folder (`eslint.config.*` there or in a parent folder); when there is none, eslint-plugin-npvguard's
   * `recommended` config.
   */
  config?: string;
  /** Rule settings laid over the ESLint config, e.g. `{ 'no-console': 'error' }`. */
  rules?: Record<string, EslintRuleSetting>;
  /**
   * Which files are linted under `--base`: `affected` (default) the files the change touches and every file
   * importing them, directly or not (everything when a config, manifest or declaration file changed);
   * `all` every file. Without `--base` every file is linted.
   */
  scope?: 'affected' | 'all';
}

export interface IntegrityConfig {
  /** Test files: a skipped, focused or deleted test, or fewer test cases, is reported here. */
  tests?: Globs;
  /** Contract snapshot files: a change to one needs a change to route code. Default: `contracts.snapshot`, `contracts/**\/*.{json,yaml,yml}`, `**\/openapi.{json,yaml,yml}`. */
  contractSnapshots?: Globs;
  /**
   * Route code that may change a contract snapshot, besides what the files registering routes import (found by
   * imports, always). When imports cannot tell, these globs decide; the project's source files (`include`) when unset.
   */
  routes?: Globs;
  /** Files of accepted findings or suppressions whose growth is reported, besides the npvguard baseline file. Default `eslint-suppressions.json`. */
  acknowledgements?: Globs;
  /** Changed files the integrity check does not look at (generated code, vendored files). */
  ignore?: Globs;
}

export interface AgentConfig {
  /**
   * The branch a change is merged into; once commits were made on top of it, the Stop hook and the MCP `check` compare
   * with its merge base. Default: the `origin/HEAD` symbolic ref, else a `main` or `master` branch that exists.
   */
  base?: string;
}

export interface NpvConfig {
  /** Source files to analyse, relative to the config's folder. Default `['src/**\/*.{ts,tsx,mts,cts}']`. */
  include?: Globs;
  exclude?: Globs;
  /** tsconfig used for module resolution, relative to the config's folder. Default `tsconfig.json`. */
  tsconfig?: string;
  /** Accepted findings file. Default `npvguard.baseline.json`. */
  baseline?: string;
  /** Per-rule severity overrides; `off` disables a rule (the integrity check reports turning one off). */
  rules?: Record<string, Severity | 'off'>;
  /** How the agent integrations (hooks, the MCP `check` tool) choose what to compare with. */
  agent?: AgentConfig;
  boundaries?: BoundariesConfig;
  contracts?: ContractsConfig;
  latency?: LatencyConfig;
  lint?: LintConfig;
  integrity?: IntegrityConfig;
}

/** Identity function that gives editors the config's types. */
export function defineConfig<const T extends NpvConfig>(config: T): T {
  return config;
}
