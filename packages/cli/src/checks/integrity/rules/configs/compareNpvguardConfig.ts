import { DEFAULT_MIN_SUNSET_DAYS, STABILITY_LEVELS, type RuleMeta } from '@npvguard/core';

/** One way a config got looser: where (a key path) and what happened, in words. */
export interface Loosening {
  path: string[];
  what: string;
}

type Plain = Record<string, unknown>;

const SECTIONS = ['boundaries', 'contracts', 'latency', 'lint', 'integrity'] as const;
const SEVERITY_RANK: Record<string, number> = { off: 0, info: 1, warning: 2, error: 3 };
const ESLINT_RANK: Record<string, number> = { off: 0, '0': 0, warn: 1, '1': 1, error: 2, '2': 2 };
const CYCLES_RANK: Record<string, number> = { off: 0, runtime: 1, all: 2 };
/** The contract check's property runs when the config sets none. */
const DEFAULT_PROPERTY_RUNS = 100;
/** Keys whose lists let more through as they grow. */
const WIDENING_LIST = /^(allow|allowTypes|ignore|exclude|accept|acknowledge|skip)/i;

function isPlain(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function record(value: unknown): Plain {
  return isPlain(value) ? value : {};
}

function list(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.map((item) => (typeof item === 'string' ? item : JSON.stringify(item))) : [];
}

function added(base: unknown, head: unknown): string[] {
  const before = new Set(list(base));
  return list(head).filter((item) => !before.has(item));
}

function ruleLoosenings(base: Plain, head: Plain, knownRules: readonly RuleMeta[]): Loosening[] {
  const found: Loosening[] = [];
  const baseRules = record(base.rules);
  const headRules = record(head.rules);
  for (const ruleId of new Set([...Object.keys(baseRules), ...Object.keys(headRules)])) {
    const fallback = knownRules.find((rule) => rule.id === ruleId)?.defaultSeverity ?? 'error';
    const before = String(baseRules[ruleId] ?? fallback);
    const after = String(headRules[ruleId] ?? fallback);
    if ((SEVERITY_RANK[after] ?? 3) < (SEVERITY_RANK[before] ?? 3)) {
      found.push({ path: ['rules', ruleId], what: `rule ${ruleId} is now ${after}, was ${before}` });
    }
  }
  return found;
}

function boundariesLoosenings(baseValue: unknown, headValue: unknown): Loosening[] {
  if (!isPlain(baseValue) || !isPlain(headValue)) return [];
  const found: Loosening[] = [];
  const baseLayers = Object.keys(record(baseValue.layers));
  for (const key of ['allow', 'allowTypes'] as const) {
    const before = record(baseValue[key]);
    for (const [layer, entries] of Object.entries(record(headValue[key]))) {
      // A layer new in this change starts with whatever it is given; only existing layers can be widened.
      if (!baseLayers.includes(layer)) continue;
      for (const entry of added(before[layer], entries)) found.push({ path: ['boundaries', key, layer, entry], what: `boundaries.${key}.${layer} now also allows ${entry}` });
    }
  }
  const baseExternals = record(baseValue.externals);
  const headExternals = record(headValue.externals);
  for (const [name, layers] of Object.entries(baseExternals)) {
    if (!(name in headExternals)) found.push({ path: ['boundaries', 'externals'], what: `boundaries.externals no longer restricts ${name}, so every layer may import it` });
    else for (const layer of added(layers, headExternals[name])) found.push({ path: ['boundaries', 'externals', name, layer], what: `boundaries.externals lets ${layer} import ${name} as well` });
  }
  for (const layer of Object.keys(record(baseValue.entryPoints))) {
    if (!(layer in record(headValue.entryPoints))) found.push({ path: ['boundaries', 'entryPoints'], what: `boundaries.entryPoints no longer limits imports of ${layer} to its entry points` });
  }
  for (const glob of added(baseValue.ignore, headValue.ignore)) found.push({ path: ['boundaries', 'ignore', glob], what: `boundaries.ignore now skips ${glob}` });
  const cyclesBefore = String(baseValue.cycles ?? 'runtime');
  const cyclesAfter = String(headValue.cycles ?? 'runtime');
  if ((CYCLES_RANK[cyclesAfter] ?? 1) < (CYCLES_RANK[cyclesBefore] ?? 1)) found.push({ path: ['boundaries', 'cycles'], what: `boundaries.cycles is now ${cyclesAfter}, was ${cyclesBefore}` });
  if ((headValue.typeOnly ?? 'same-rules') === 'allowed' && (baseValue.typeOnly ?? 'same-rules') !== 'allowed') {
    found.push({ path: ['boundaries', 'typeOnly'], what: 'boundaries.typeOnly is now "allowed": type-only imports are never forbidden' });
  }
  return found;
}

/** Budgets: any number under `budgets`, or under a key ending in `Ms`, that went up; any budget removed. */
function budgetLoosenings(base: unknown, head: unknown, path: string[]): Loosening[] {
  const found: Loosening[] = [];
  const inBudgets = path.includes('budgets');
  if (typeof base === 'number' && typeof head === 'number') {
    const key = path.at(-1) ?? '';
    if ((inBudgets || /Ms$/.test(key)) && head > base) found.push({ path, what: `${path.join('.')} raised from ${base} to ${head}` });
    return found;
  }
  if (!isPlain(base)) return found;
  const headRecord = record(head);
  for (const [key, value] of Object.entries(base)) {
    if (path.at(-1) === 'budgets' && !(key in headRecord)) {
      found.push({ path: [...path, key], what: `the budget of ${key} was removed` });
      continue;
    }
    found.push(...budgetLoosenings(value, headRecord[key], [...path, key]));
  }
  return found;
}

/** The contract check's property runs (100 when unset), lowered: fewer generated requests, fewer breaks found. */
function propertyRunLoosenings(baseValue: unknown, headValue: unknown): Loosening[] {
  if (!isPlain(baseValue) || !isPlain(headValue)) return [];
  const runs = (section: Plain): unknown => record(section.properties).runs ?? DEFAULT_PROPERTY_RUNS;
  const before = runs(baseValue);
  const after = runs(headValue);
  if (typeof before !== 'number' || typeof after !== 'number' || after >= before) return [];
  return [{ path: ['contracts', 'properties', 'runs'], what: `contracts.properties.runs lowered from ${before} to ${after}` }];
}

/** `contracts.closedSchemas` from `strict` to `tolerant` (or unset, the default): answers with new properties pass. */
function closedSchemaLoosenings(baseValue: unknown, headValue: unknown): Loosening[] {
  const policy = (section: unknown): unknown => record(section).closedSchemas ?? 'tolerant';
  if (policy(baseValue) !== 'strict' || policy(headValue) === 'strict') return [];
  return [{ path: ['contracts', 'closedSchemas'], what: `contracts.closedSchemas changed from strict to ${String(policy(headValue))}: properties added to closed answer schemas no longer fail` }];
}

/** `contracts.lifecycle.minSunsetDays` lowered for a stability level: deprecations may give clients less time. */
function sunsetPeriodLoosenings(baseValue: unknown, headValue: unknown): Loosening[] {
  const days = (section: unknown, level: (typeof STABILITY_LEVELS)[number]): unknown => record(record(record(section).lifecycle).minSunsetDays)[level] ?? DEFAULT_MIN_SUNSET_DAYS[level];
  return STABILITY_LEVELS.flatMap((level) => {
    const [before, after] = [days(baseValue, level), days(headValue, level)];
    if (typeof before !== 'number' || typeof after !== 'number' || after >= before) return [];
    return [{ path: ['contracts', 'lifecycle', 'minSunsetDays', level], what: `contracts.lifecycle.minSunsetDays.${level} lowered from ${before} to ${after}: deprecations of ${level} operations may give clients less time` }];
  });
}

function eslintRank(setting: unknown): number {
  const severity = Array.isArray(setting) ? setting[0] : setting;
  return ESLINT_RANK[String(severity)] ?? 2;
}

function lintLoosenings(baseValue: unknown, headValue: unknown): Loosening[] {
  const baseRules = record(record(baseValue).rules);
  const headRules = record(record(headValue).rules);
  const found: Loosening[] = [];
  for (const [ruleId, setting] of Object.entries(baseRules)) {
    const before = eslintRank(setting);
    const after = ruleId in headRules ? eslintRank(headRules[ruleId]) : undefined;
    if (after === undefined && before > 0) found.push({ path: ['lint', 'rules'], what: `lint.rules no longer turns on ${ruleId}` });
    else if (after !== undefined && after < before) found.push({ path: ['lint', 'rules', ruleId], what: `lint.rules lowers ${ruleId}` });
  }
  return found;
}

/** Lists under allow/ignore/exclude-like keys anywhere in a section, that gained entries. */
function wideningLists(base: unknown, head: unknown, path: string[]): Loosening[] {
  if (!isPlain(base) || !isPlain(head)) return [];
  const found: Loosening[] = [];
  for (const [key, value] of Object.entries(head)) {
    if (WIDENING_LIST.test(key) && (Array.isArray(value) || typeof value === 'string')) {
      for (const entry of added(base[key], value)) found.push({ path: [...path, key, entry], what: `${[...path, key].join('.')} now also lets ${entry} through` });
    } else {
      found.push(...wideningLists(base[key], value, [...path, key]));
    }
  }
  return found;
}

/**
 * How the head npvguard config is looser than the base one, compared as values (not text): a check section
 * removed, a rule turned off or down, an allow-list widened, files excluded, a budget raised or removed, the
 * contract property runs lowered, closed answer schemas judged tolerantly where they were judged strictly, shorter
 * sunset periods for deprecations.
 */
export function compareNpvguardConfigs(baseValue: unknown, headValue: unknown, knownRules: readonly RuleMeta[]): Loosening[] {
  const base = record(baseValue);
  const head = record(headValue);
  const found: Loosening[] = [];
  for (const section of SECTIONS) {
    if (base[section] !== undefined && head[section] === undefined) found.push({ path: [section], what: `the ${section} section was removed, so the ${section} check no longer runs` });
  }
  found.push(...ruleLoosenings(base, head, knownRules));
  for (const glob of added(base.exclude, head.exclude)) found.push({ path: ['exclude', glob], what: `exclude now leaves out ${glob}` });
  const droppedInclude = list(base.include).filter((glob) => head.include !== undefined && !list(head.include).includes(glob));
  for (const glob of droppedInclude) found.push({ path: ['include'], what: `include no longer covers ${glob}` });
  found.push(...boundariesLoosenings(base.boundaries, head.boundaries));
  found.push(...budgetLoosenings(base.latency, head.latency, ['latency']));
  found.push(...lintLoosenings(base.lint, head.lint));
  found.push(...wideningLists(base.contracts, head.contracts, ['contracts']));
  found.push(...propertyRunLoosenings(base.contracts, head.contracts));
  found.push(...closedSchemaLoosenings(base.contracts, head.contracts));
  found.push(...sunsetPeriodLoosenings(base.contracts, head.contracts));
  found.push(...wideningLists(base.integrity, head.integrity, ['integrity']));
  // Side-effect globs say which calls must never be awaited on the request path: fewer globs, fewer calls held to it.
  const droppedSideEffects = list(record(base.latency).sideEffects).filter((glob) => !list(record(head.latency).sideEffects).includes(glob));
  for (const glob of droppedSideEffects) {
    found.push({ path: ['latency', 'sideEffects'], what: `latency.sideEffects no longer covers ${glob}, so awaiting its calls on the request path is no longer reported` });
  }
  // Route code globs extend what may explain a snapshot change: more globs, more changes that do.
  for (const glob of added(record(base.integrity).routes, record(head.integrity).routes)) {
    found.push({ path: ['integrity', 'routes', glob], what: `integrity.routes now also counts ${glob} as route code, so a contract snapshot may change with any change there` });
  }
  return found;
}
