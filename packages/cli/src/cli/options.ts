import { InvalidArgumentError } from 'commander';
import { CLOSED_SCHEMAS_POLICIES, STABILITY_LEVELS, type ClosedSchemasPolicy, type StabilityLevel } from '@npvguard/core';
import { parseDay } from '../shared/calendarDay.js';
import { REPORT_FORMATS, type ReportFormat } from '../report/formats.js';

/** Options shared by every command that loads a project. */
export interface ProjectOptions {
  cwd?: string;
  config?: string;
  debug: boolean;
}

export interface CheckOptions extends ProjectOptions {
  /** Not given: stylish, or compact when an AI agent runs npvguard (see detectAgent). */
  format?: ReportFormat;
  output?: string;
  base?: string;
  only: string[];
  quiet: boolean;
  maxWarnings?: number;
  measure: boolean;
  /** The day the contract diff is made for (YYYY-MM-DD); default today, UTC. */
  date?: string;
}

export type BoundariesOptions = Omit<CheckOptions, 'only' | 'measure' | 'date'>;

export type LatencyOptions = Omit<CheckOptions, 'only' | 'date'>;

export interface BaselineOptions extends ProjectOptions {
  update: boolean;
  allowGrowth: boolean;
  reason?: string;
  only: string[];
}

/** One definition per option drives parsing, `--help` and the docs test (docs/cli.md lists every `flags`). */
export interface OptionSpec {
  flags: string;
  description: string;
  choices?: readonly string[];
  defaultValue?: string | boolean | string[];
  parse?: (value: string, previous: unknown) => unknown;
}

export type OptionTable<T> = { [K in keyof T]-?: OptionSpec };

function nonNegativeInteger(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a non-negative integer.');
  return Number(value);
}

/** `--date 2025-06-30`: a real calendar day, kept as written. */
function calendarDay(value: string): string {
  if (parseDay(value) === undefined) throw new InvalidArgumentError('expected a calendar day as YYYY-MM-DD, e.g. 2025-06-30.');
  return value;
}

/** `--min-sunset-days beta=14 --min-sunset-days stable=90` → `{ beta: 14, stable: 90 }`. */
function collectSunsetDays(value: string, previous: unknown): Partial<Record<StabilityLevel, number>> {
  const match = /^(\w+)=(\d+)$/.exec(value.trim());
  const level = STABILITY_LEVELS.find((candidate) => candidate === match?.[1]);
  if (match === null || level === undefined) throw new InvalidArgumentError(`expected <level>=<days> with a level among ${STABILITY_LEVELS.join(', ')}, e.g. stable=90.`);
  return { ...(typeof previous === 'object' && previous !== null ? previous : {}), [level]: Number(match[2]) };
}

/** `--only a,b --only c` → `['a', 'b', 'c']`. */
function collectList(value: string, previous: unknown): string[] {
  const earlier = Array.isArray(previous) ? previous.filter((item): item is string => typeof item === 'string') : [];
  const items = value.split(',').map((item) => item.trim());
  if (items.some((item) => item === '')) throw new InvalidArgumentError('expected a check id or a comma-separated list of check ids.');
  return [...earlier, ...items];
}

export const PROJECT_OPTIONS: OptionTable<ProjectOptions> = {
  cwd: { flags: '--cwd <dir>', description: 'run as if started in <dir> (config discovery and relative paths start here)' },
  config: { flags: '-c, --config <file>', description: 'use this config file instead of discovering npvguard.config.{ts,mts,js,mjs,json}' },
  debug: { flags: '--debug', description: 'print stack traces of internal errors (same as NPVGUARD_DEBUG=1)', defaultValue: false },
};

export const CHECK_OPTIONS: OptionTable<CheckOptions> = {
  ...PROJECT_OPTIONS,
  format: { flags: '-f, --format <format>', description: 'report format (default: stylish, or compact when an AI coding agent runs npvguard: CLAUDECODE, CURSOR_AGENT, AI_AGENT...)', choices: REPORT_FORMATS },
  output: { flags: '-o, --output <file>', description: 'write the report to <file> instead of stdout' },
  base: { flags: '--base <ref>', description: 'only fail on findings the change adds: findings already present at git <ref> are marked baseline' },
  only: { flags: '--only <check>', description: 'run only this check (repeatable, or comma-separated)', parse: collectList, defaultValue: [] },
  quiet: { flags: '-q, --quiet', description: 'report errors only (warnings and infos still count for --max-warnings)', defaultValue: false },
  maxWarnings: { flags: '--max-warnings <n>', description: 'fail (exit 1) when more than <n> new warnings are found', parse: nonNegativeInteger },
  measure: { flags: '--measure', description: 'also run the slow, measured parts of checks: the latency load test under fake dependencies and, with --base, the paired base comparison', defaultValue: false },
  date: { flags: '--date <day>', description: 'judge sunset dates in the contract diff (--base) as on this day, YYYY-MM-DD (default: today, UTC), so a run can be repeated', parse: calendarDay },
};

const { only: _only, measure: _measure, date: _date, ...boundariesOptions } = CHECK_OPTIONS;
export const BOUNDARIES_OPTIONS: OptionTable<BoundariesOptions> = boundariesOptions;

const { only: _latencyOnly, date: _latencyDate, ...latencyOptions } = CHECK_OPTIONS;
export const LATENCY_OPTIONS: OptionTable<LatencyOptions> = latencyOptions;

export interface ContractsUpdateOptions extends ProjectOptions {
  modelUrl?: string;
}

export interface ContractsDiffOptions {
  cwd?: string;
  format?: ReportFormat;
  closedSchemas: ClosedSchemasPolicy;
  /** The day the diff is made for (YYYY-MM-DD); default today, UTC. */
  date?: string;
  /** Minimum sunset periods by stability level, over the defaults (as `contracts.lifecycle.minSunsetDays`). */
  minSunsetDays?: Partial<Record<StabilityLevel, number>>;
  /** Judge info.version against the changes. */
  versionPolicy: boolean;
  debug: boolean;
}

export const CONTRACTS_UPDATE_OPTIONS: OptionTable<ContractsUpdateOptions> = {
  ...PROJECT_OPTIONS,
  modelUrl: { flags: '--model-url <url>', description: 'also write each configured model\'s metadata snapshot, fetched from this OIP v2 server (GET <url>/v2/models/<name>)' },
};

export const CONTRACTS_DIFF_OPTIONS: OptionTable<ContractsDiffOptions> = {
  cwd: PROJECT_OPTIONS.cwd,
  format: CHECK_OPTIONS.format,
  closedSchemas: {
    flags: '--closed-schemas <policy>',
    description: 'how clients read an answer object whose schema refuses properties it does not list: tolerant (they ignore unknown properties, so adding one is safe) or strict (adding one breaks them)',
    choices: CLOSED_SCHEMAS_POLICIES,
    defaultValue: 'tolerant',
  },
  date: { flags: '--date <day>', description: 'judge sunset dates as on this day, YYYY-MM-DD (default: today, UTC), so a run can be repeated', parse: calendarDay },
  minSunsetDays: {
    flags: '--min-sunset-days <level=days>',
    description: 'the fewest days a deprecation must leave before its sunset, for operations of a stability level (repeatable; default draft=0 alpha=0 beta=31 stable=180), as contracts.lifecycle.minSunsetDays does for check',
    parse: collectSunsetDays,
  },
  versionPolicy: {
    flags: '--version-policy',
    description: 'also judge info.version against the changes: a version that went down (api-version-decreased), breaking changes under the same version (api-version-not-bumped) or the same major version (api-major-version-not-bumped)',
    defaultValue: false,
  },
  debug: PROJECT_OPTIONS.debug,
};

export const BASELINE_OPTIONS: OptionTable<BaselineOptions> = {
  ...PROJECT_OPTIONS,
  update: { flags: '--update', description: 'rewrite the baseline file to accept exactly the current findings', defaultValue: false },
  allowGrowth: { flags: '--allow-growth', description: 'let --update add findings that are not yet accepted', defaultValue: false },
  reason: { flags: '--reason <text>', description: 'why the added findings are accepted (required when the baseline grows)' },
  only: CHECK_OPTIONS.only,
};

export interface McpCommandOptions {
  cwd?: string;
  debug: boolean;
}

export const MCP_OPTIONS: OptionTable<McpCommandOptions> = {
  cwd: { flags: '--cwd <dir>', description: 'the project the server checks (default: the directory it starts in); tool paths must stay inside it' },
  debug: PROJECT_OPTIONS.debug,
};

export interface HookCommandOptions {
  event: 'post-tool-use' | 'after-file-edit' | 'stop';
  timeout?: number;
  maxLoops?: number;
  debug: boolean;
}

function positiveNumber(value: string): number {
  const parsed = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || parsed <= 0) throw new InvalidArgumentError('expected a positive number of seconds.');
  return parsed;
}

export const HOOK_OPTIONS: OptionTable<HookCommandOptions> = {
  event: { flags: '--event <event>', description: 'the agent event: post-tool-use or stop (claude), after-file-edit or stop (cursor)', choices: ['post-tool-use', 'after-file-edit', 'stop'] },
  timeout: { flags: '--timeout <seconds>', description: 'give up (without blocking) after this long; default 20 after an edit, 120 at stop', parse: positiveNumber },
  maxLoops: { flags: '--max-loops <n>', description: 'cursor stop: ask for fixes at most this many times in a row (default 3)', parse: nonNegativeInteger },
  debug: PROJECT_OPTIONS.debug,
};

export interface RulesCommandOptions {
  json: boolean;
}

export const RULES_OPTIONS: OptionTable<RulesCommandOptions> = {
  json: { flags: '--json', description: 'print the rules as JSON (id, check, description, defaultSeverity, docs)', defaultValue: false },
};

export interface InitCommandOptions {
  cwd?: string;
  force: boolean;
  agents: string[];
  install: boolean;
  /** False with --no-baseline: findings already in the code are not accepted into the baseline file. */
  baseline: boolean;
  debug: boolean;
}

export const INIT_OPTIONS: OptionTable<InitCommandOptions> = {
  cwd: { flags: '--cwd <dir>', description: 'the project to set up (default: the current directory)' },
  force: { flags: '--force', description: 'overwrite files init wrote before or that already exist', defaultValue: false },
  agents: { flags: '--agents <agents>', description: 'also write hook, MCP and AGENTS.md files for these agents: claude, cursor (comma-separated)', parse: collectList, defaultValue: [] },
  install: { flags: '--install', description: 'run `npm i -D` for the packages the files init writes import (otherwise init prints the command)', defaultValue: false },
  baseline: {
    flags: '--no-baseline',
    description: 'do not run the first check; by default its findings on the existing code are accepted into the baseline file, so `check` fails only on new ones',
    defaultValue: true,
  },
  debug: PROJECT_OPTIONS.debug,
};
