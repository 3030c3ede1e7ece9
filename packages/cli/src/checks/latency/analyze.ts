import path from 'node:path';
import { existsSync } from 'node:fs';
import { clientFromConfig, NpvError, OUTBOUND_CLIENTS, type FindingInput, type LatencyConfig } from '@npvguard/core';
import { Node, Project, type CallExpression } from 'ts-morph';
import { compileGlobs } from './globs.js';
import { fileOf, type AnalysisContext } from './analysis/context.js';
import { decidedMs, formatMs, type Cost, type PathStep } from './analysis/cost.js';
import { functionCost } from './analysis/evaluate.js';
import { evaluateHooks, routeCost, type HookCostData } from './analysis/hookCost.js';
import { findDeadlineBudget } from './analysis/signals.js';
import { findRoutes, type RouteRegistration } from './routes/findRoutes.js';
import { autoloadFolders } from './routes/autoloadPrefixes.js';
import { findHooks, type RouteHooks, type UnresolvedHook } from './routes/hooks.js';
import type { RouteTable } from '../routeTable.js';
import { createReferenceSearch, type ReferenceSearch, type ReferenceSearchMode } from './analysis/search.js';
import { LATENCY_RULES } from './meta.js';

export interface AnalyzeLatencyOptions {
  root: string;
  /** Project source files, root-relative POSIX. */
  files: readonly string[];
  config: LatencyConfig;
  tsconfig?: string;
  /** How references are searched; default: on the analysed program where TypeScript allows (see search.ts). */
  referenceSearch?: ReferenceSearchMode;
  /** The routes fastify registered when the app was booted: each registration found in the sources takes its url from there. */
  routeTable?: RouteTable;
}

/** Where the route urls came from: the booted app's route table, or the sources alone (and why). */
export interface RouteOrigin {
  origin: 'app' | 'static';
  reason?: string;
  /** Registrations found in the sources that the app's table has no route for (static urls kept). */
  unmatched?: string[];
  /** Of an `app` table: booted by this check, or the one a boot of the same files recorded (contracts, an earlier run). */
  table?: 'booted' | 'cached';
}

/** One route's static verdict, as it appears in `checks[].data.routes`. */
export interface RouteBound {
  route: string;
  file: string;
  line: number;
  budgetMs: number | null;
  /** null when unbounded (a loop with no bound) or when the handler was not found. */
  staticBoundMs: number | null;
  headroomMs: number | null;
  criticalPath: PathStep[];
  verdict: 'within' | 'exceeded' | 'undecided' | 'no-budget' | 'no-handler';
  /** The fastify hooks that run for the route (of its slowest registration), when it has any. */
  hooks?: HookCostData[];
}

export interface LatencyAnalysis {
  routes: RouteBound[];
  routeOrigin: RouteOrigin;
  findings: FindingInput[];
  deadlineBudgetMs: number | null;
  stats: { files: number; durationMs: number };
}

function createProject(root: string, tsconfig: string | undefined, files: readonly string[]): Project {
  const tsconfigPath = path.resolve(root, tsconfig ?? 'tsconfig.json');
  if (!existsSync(tsconfigPath)) throw new NpvError('NPV2002', `The latency check needs a tsconfig; ${tsconfigPath} does not exist.`, { tsconfig: tsconfigPath });
  const project = new Project({ tsConfigFilePath: tsconfigPath, skipAddingFilesFromTsConfig: true });
  for (const file of files) project.addSourceFileAtPath(path.join(root, file));
  return project;
}

export function formatPath(steps: readonly PathStep[]): string {
  return steps.map((step) => `${step.file}:${step.line} ${step.call} — ${formatMs(step.ms)}`).join('\n  → ');
}

/**
 * One info per dependency function awaited on some route and unknown to the outbound model, at its first call
 * site (by file and line), listing the others: the fix (add the function to latency.clients, or decide it does no
 * I/O) is made once per function, not once per call, so one finding per function is what a reader acts on.
 */
export function reportUnknownCalls(context: AnalysisContext): void {
  for (const { module, name, sites, reason } of context.unknownCalls.values()) {
    if (reason !== undefined) {
      const [site] = sites;
      if (site === undefined) continue;
      context.report({
        ruleId: LATENCY_RULES.unknownDependencyCall,
        file: fileOf(context, site),
        line: site.getStartLineNumber(),
        column: site.getStart() - site.getStartLinePos() + 1,
        message: `npvguard could not resolve ${name}: TypeScript's type checker failed on it (${reason}). Whatever it awaits is not bounded and counts as 0 ms in the route's bound.`,
        hint: 'Check that the file type-checks with the project\'s tsconfig (npx tsc --noEmit); a type annotation on the value the call uses often lets the checker resolve it.',
        fingerprintParts: [LATENCY_RULES.unknownDependencyCall, fileOf(context, site), name],
        data: { unresolved: true, reason },
      });
      continue;
    }
    const ordered = [...sites].sort((a, b) => fileOf(context, a).localeCompare(fileOf(context, b)) || a.getStart() - b.getStart());
    const [first, ...others] = ordered;
    if (first === undefined) continue;
    const more = others.length === 0 ? '' : ` It is awaited at ${others.length} more place${others.length === 1 ? '' : 's'}: ${others.slice(0, 5).map((site) => `${fileOf(context, site)}:${site.getStartLineNumber()}`).join(', ')}${others.length > 5 ? ', ...' : ''}.`;
    context.report({
      ruleId: LATENCY_RULES.unknownDependencyCall,
      file: fileOf(context, first),
      line: first.getStartLineNumber(),
      column: first.getStart() - first.getStartLinePos() + 1,
      message: `This awaits ${module}.${name}, which npvguard does not know as I/O; its time is not bounded and counts as 0 ms in the route's bound.${more}`,
      hint: `If ${module}.${name} does I/O, add { module: ${JSON.stringify(module)}, calls: [${JSON.stringify(name)}], timeoutOptions: [...] } to latency.clients so its timeout is checked; if it does none, add { module: ${JSON.stringify(module)}, io: false }.`,
      fingerprintParts: [LATENCY_RULES.unknownDependencyCall, module, name],
      data: { module, function: name, sites: ordered.length },
    });
  }
}

/** One warning per place where hooks could not be resolved, with every reason found there. */
function reportUnresolvedHooks(context: AnalysisContext, unresolved: readonly UnresolvedHook[]): void {
  const bySite = new Map<Node, string[]>();
  for (const { site, reason } of unresolved) {
    const reasons = bySite.get(site) ?? [];
    if (!reasons.includes(reason)) reasons.push(reason);
    bySite.set(site, reasons);
  }
  for (const [site, reasons] of bySite) {
    const file = fileOf(context, site);
    context.report({
      ruleId: LATENCY_RULES.unresolvedHook,
      file,
      line: site.getStartLineNumber(),
      column: site.getStart() - site.getStartLinePos() + 1,
      message: `${reasons.map((reason) => (reason.endsWith('.') ? reason : `${reason}.`)).join(' ')} What such a hook waits for is not counted in any route's bound.`,
      hint: 'Give hooks as functions the analysis can follow (a function, an array of them, an import, or a factory of the project that returns one) with a literal hook name, on an instance registered with app.register; or measure the routes with `npvguard check --measure`.',
      fingerprintParts: [LATENCY_RULES.unresolvedHook, file, reasons.join('|')],
      data: { reasons },
    });
  }
}

export interface AnalysisContextOptions {
  project: Project;
  search: ReferenceSearch;
  root: string;
  /** Project source files, root-relative POSIX. */
  files: readonly string[];
  config: LatencyConfig;
  /** Receives each finding once per rule and position. */
  findings: FindingInput[];
}

/** The evaluator's context over a project: globs compiled, clients of the model and the config, empty caches. */
export function createAnalysisContext({ project, search, root, files, config, findings }: AnalysisContextOptions): AnalysisContext {
  const sourceSet = new Set(files);
  const isComposition = compileGlobs(config.compositionRoot);
  const reported = new Set<string>();
  return {
    project,
    search,
    root,
    isPortFile: compileGlobs(config.ports),
    isSideEffectFile: compileGlobs(config.sideEffects),
    isSourceFile: (file) => sourceSet.has(file),
    compositionRoots: files.filter(isComposition).map((file) => project.getSourceFileOrThrow(path.join(root, file))),
    deadlineBudgetMs: Number.POSITIVE_INFINITY,
    report(finding) {
      const key = `${finding.ruleId}|${finding.file}|${finding.line}|${finding.column}`;
      if (reported.has(key)) return;
      reported.add(key);
      findings.push(finding);
    },
    functionCosts: new Map(),
    numbers: new Map(),
    parameterBindings: [],
    // The project's own entries first, so one of them can redefine a library the model knows.
    clients: [...(config.clients ?? []).filter((entry) => entry.io !== false).map((entry) => clientFromConfig(entry)), ...OUTBOUND_CLIENTS],
    // Entries that say their calls do no I/O: found as clients (module and calls), then counted as 0 ms in silence.
    quietClients: (config.clients ?? []).filter((entry) => entry.io === false).map((entry) => clientFromConfig(entry)),
    outboundMatches: new Map(),
    unknownCalls: new Map(),
  };
}

/**
 * Whether a bound over budget is so only through a timeout whose value is known at run time: without that call's
 * wait, what is left fits the budget. Then the verdict is undecided, not exceeded.
 */
function undecidedOver(cost: Cost, budget: number): boolean {
  return cost.undecided !== undefined && decidedMs(cost) <= budget;
}

/** A route the latency check finds in the sources, as its budgets name it, with the line that registers it. */
export interface StaticRoute {
  key: string;
  method: string;
  url: string;
  file: string;
  line: number;
}

/**
 * The routes the latency check finds in the sources (plugin prefixes and @fastify/autoload folders included),
 * keyed as `latency.budgets` names them: what `init` proposes budgets for, so the two never disagree.
 */
export function findStaticRoutes(root: string, files: readonly string[], tsconfig?: string): StaticRoute[] {
  const project = createProject(root, tsconfig, files);
  const search = createReferenceSearch(project);
  const sourceFiles = files.map((file) => project.getSourceFileOrThrow(path.join(root, file)));
  return findRoutes(sourceFiles, search).map((route) => ({
    key: route.key,
    method: route.method,
    url: route.url,
    file: path.relative(root, route.call.getSourceFile().getFilePath()).split(path.sep).join('/'),
    line: route.call.getStartLineNumber(),
  }));
}

/** extract routes → bound each handler's critical path → compare with budgets. */
export function analyzeLatency(options: AnalyzeLatencyOptions): LatencyAnalysis {
  return finishLatency(prepareLatency(options), options.routeTable);
}

/** The routes found in the sources with every handler's cost evaluated: all the analysis that does not need urls. */
export interface PreparedLatency {
  context: AnalysisContext;
  found: RouteRegistration[];
  /** The hooks of each route registration, by its call. */
  hooks: Map<CallExpression, RouteHooks>;
  findings: FindingInput[];
  config: LatencyConfig;
  files: number;
  /** Time spent preparing, ms (the analysis time reported excludes any wait between the two steps). */
  preparedMs: number;
}

/**
 * The costly part of the analysis (the program, the routes in the sources, the cost of each handler), which does
 * not depend on the urls: so the caller may learn the app's route table meanwhile and hand it to {@link finishLatency}.
 */
export function prepareLatency(options: Omit<AnalyzeLatencyOptions, 'routeTable'>): PreparedLatency {
  const started = performance.now();
  const { root, config } = options;
  const project = createProject(root, options.tsconfig, options.files);
  const findings: FindingInput[] = [];
  const search = createReferenceSearch(project, options.referenceSearch);
  const context = createAnalysisContext({ project, search, root, files: options.files, config, findings });
  context.deadlineBudgetMs = findDeadlineBudget(context);
  const sourceFiles = options.files.map((file) => project.getSourceFileOrThrow(path.join(root, file)));
  const found = findRoutes(sourceFiles, search);
  // Costs are memoized per function: the verdicts below read them again at no cost.
  for (const route of found) if (route.handler !== undefined) functionCost(context, route.handler);
  // Then the hooks, after the handlers: a call both reach is reported as a handler's.
  const hookIndex = findHooks(root, sourceFiles, search, autoloadFolders(sourceFiles));
  const hooks = new Map<CallExpression, RouteHooks>();
  for (const route of found) if (!hooks.has(route.call)) hooks.set(route.call, hookIndex.hooksOf(route));
  evaluateHooks(context, [...hooks.values()]);
  reportUnresolvedHooks(context, [...hookIndex.unresolved, ...[...hooks.values()].flatMap((routeHooks) => routeHooks.unresolved)]);
  return { context, found, hooks, findings, config, files: options.files.length, preparedMs: performance.now() - started };
}

/** Urls from the app's route table (when given), budgets checked, one verdict per route. */
export function finishLatency(prepared: PreparedLatency, routeTable?: RouteTable): LatencyAnalysis {
  const started = performance.now();
  const { context, found, findings, config } = prepared;
  const { routes, unmatched } = routeTable === undefined ? { routes: found, unmatched: [] } : withAppUrls(context, found, routeTable);

  const known = new Set(routes.map((route) => route.key));
  for (const budgeted of Object.keys(config.budgets)) {
    if (!known.has(budgeted)) {
      throw new NpvError(
        'NPV1202',
        `latency.budgets names ${JSON.stringify(budgeted)}, but the app registers no such route. Routes found: ${[...known].join(', ') || 'none'}.`,
        { route: budgeted, routes: [...known] },
      );
    }
  }

  const bounds: RouteBound[] = [];
  for (const route of routes) {
    const file = fileOf(context, route.call);
    const line = route.call.getStartLineNumber();
    const column = route.call.getStart() - route.call.getStartLinePos() + 1;
    const budget = config.budgets[route.key]?.p99Ms;
    if (route.handler === undefined) {
      context.report({
        ruleId: LATENCY_RULES.routeWithoutHandler,
        file, line, column,
        message: `The handler of ${route.key} could not be located, so its latency cannot be bounded.`,
        hint: 'Pass the handler as a function literal or a named function (app.post(url, options, handler) or app.route({ method, url, handler })).',
        fingerprintParts: [LATENCY_RULES.routeWithoutHandler, route.key],
      });
      bounds.push({ route: route.key, file, line, budgetMs: budget ?? null, staticBoundMs: null, headroomMs: null, criticalPath: [], verdict: 'no-handler' });
      continue;
    }
    const { cost, hooks } = routeCost(context, route.handler, prepared.hooks.get(route.call));
    const bound = cost.ms;
    const finite = Number.isFinite(bound);
    if (budget === undefined) {
      context.report({
        ruleId: LATENCY_RULES.routeWithoutBudget,
        file, line, column,
        message: `${route.key} has no latency budget (its static bound is ${formatMs(bound)}).`,
        hint: `Add latency.budgets[${JSON.stringify(route.key)}] = { p99Ms: <ms> } to the config.`,
        fingerprintParts: [LATENCY_RULES.routeWithoutBudget, route.key],
      });
    } else if (bound > budget && cost.undecided !== undefined && undecidedOver(cost, budget)) {
      const where = cost.undecided;
      context.report({
        ruleId: LATENCY_RULES.undecidedBound,
        file, line, column,
        message: `Whether ${route.key} fits its p99 budget of ${formatMs(budget)} cannot be decided statically: ${where.file}:${where.line} \`${where.call}\` waits a time known only at run time (a timeout set from a parameter or a config read, or on a client created where the analysis cannot follow it). Critical path:\n  ${formatPath(cost.path)}`,
        hint: 'Give the timeout a value the check can read (a constant, or a number in the config module) where the call or its client is made, or measure the route with `npvguard check --measure`.',
        fingerprintParts: [LATENCY_RULES.undecidedBound, route.key],
        data: { route: route.key, budgetMs: budget, undecidedAt: { file: where.file, line: where.line } },
      });
    } else if (bound > budget) {
      context.report({
        ruleId: LATENCY_RULES.staticBudgetExceeded,
        file, line, column,
        message: `${route.key} can take ${formatMs(bound)} in the worst case, over its p99 budget of ${formatMs(budget)}. Critical path:\n  ${formatPath(cost.path)}`,
        hint: 'Shorten the slowest link of the critical path: run independent calls in parallel, lower a timeout, or derive it from the request deadline.',
        fingerprintParts: [LATENCY_RULES.staticBudgetExceeded, route.key],
        data: { route: route.key, budgetMs: budget, staticBoundMs: finite ? bound : null, criticalPath: cost.path, ...(hooks.length === 0 ? {} : { hooks }) },
      });
    }
    bounds.push({
      route: route.key,
      file,
      line,
      budgetMs: budget ?? null,
      staticBoundMs: finite ? bound : null,
      headroomMs: budget === undefined || !finite ? null : Math.round((budget - bound) * 1000) / 1000,
      criticalPath: [...cost.path],
      verdict: budget === undefined ? 'no-budget' : bound > budget ? (undecidedOver(cost, budget) ? 'undecided' : 'exceeded') : 'within',
      ...(hooks.length === 0 ? {} : { hooks }),
    });
  }
  reportUnknownCalls(context);
  return {
    routes: bounds,
    routeOrigin: routeTable === undefined ? { origin: 'static' } : { origin: 'app', ...(unmatched.length === 0 ? {} : { unmatched }) },
    findings,
    deadlineBudgetMs: Number.isFinite(context.deadlineBudgetMs) ? context.deadlineBudgetMs : null,
    stats: { files: prepared.files, durationMs: Math.round(prepared.preparedMs + performance.now() - started) },
  };
}

/**
 * Registrations found in the sources, each joined to the route the booted app registered from the same call
 * (file and line of the method name, where the stack of `onRoute` points): the url is fastify's, every prefix
 * included (autoload folders, `register` options). One call may register several routes (a `prefixTrailingSlash`
 * `/`, constraints); a registration no route points at keeps its static url and is listed.
 */
function withAppUrls(context: AnalysisContext, found: readonly RouteRegistration[], table: RouteTable): { routes: RouteRegistration[]; unmatched: string[] } {
  const routes: RouteRegistration[] = [];
  const unmatched: string[] = [];
  const seen = new Set<string>();
  for (const registration of found) {
    const callee = registration.call.getExpression();
    const nameNode = Node.isPropertyAccessExpression(callee) ? callee.getNameNode() : callee;
    const file = fileOf(context, registration.call);
    const line = nameNode.getStartLineNumber();
    const matches = table.routes.filter((route) => route.auto === undefined && route.method === registration.method && route.source?.file === file && route.source.line === line);
    if (matches.length === 0) {
      unmatched.push(`${registration.key} (${file}:${line})`);
      routes.push(registration);
      continue;
    }
    for (const match of matches) {
      const key = `${match.method} ${match.url}`;
      const marker = `${key}|${file}|${line}`;
      if (seen.has(marker)) continue;
      seen.add(marker);
      routes.push({ ...registration, key, url: match.url });
    }
  }
  return { routes: routes.sort((a, b) => a.key.localeCompare(b.key)), unmatched };
}
