import { execFile, execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { BIN, CLI_ROOT, REPO_ROOT } from '../support/cli.js';

/**
 * End-to-end adoption runs: a fixture service copied out of the repository, made a git repository, set up with
 * `npvguard init` as a new user would, then changed on branches and checked with `--base`.
 */

export const ADOPTION_FIXTURES = path.join(CLI_ROOT, 'tests', 'fixtures', 'adoption');

/** Generous: every run may build TypeScript programs, boot the app and check out the base on a loaded 2-core machine. */
export const STEP_TIMEOUT = 600_000;

export interface Run {
  args: readonly string[];
  cwd: string;
  code: number;
  stdout: string;
  stderr: string;
}

export interface Finding {
  ruleId: string;
  severity: 'error' | 'warning' | 'info';
  file: string;
  line: number;
  message: string;
  baseline?: 'base' | 'file';
}

export interface CheckRun {
  id: string;
  status: 'pass' | 'fail' | 'error' | 'skipped';
  error?: { code: string; message: string };
}

export interface Verdict extends Run {
  /** The JSON result, when the run printed one. */
  result?: { status: string; checks: CheckRun[]; findings: Finding[] };
  /** Error findings the change adds (not at the base, not in the baseline file), sorted and unique. */
  newErrors: string[];
  /** Warnings the change adds. */
  newWarnings: string[];
  /** One line saying what happened, for assertion messages. */
  summary: string;
}

/** The environment a user's shell would give: nothing from the test runner (autoload would read VITEST as TS support). */
function userEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    if (/^(VITEST|NODE_OPTIONS|TS_NODE|FASTIFY_AUTOLOAD|NPVGUARD|FORCE_COLOR|NO_COLOR|GITHUB_)/.test(key)) continue;
    if (/^(CLAUDECODE|CURSOR_AGENT|AI_AGENT|CODEX|GEMINI_CLI)$/.test(key)) continue;
    env[key] = value;
  }
  env.NO_COLOR = '1';
  return { ...env, ...extra };
}

export function npvguard(args: readonly string[], cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env: userEnv(), maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ args, cwd, code, stdout, stderr });
    });
  });
}

function firstLine(text: string): string {
  return text.split('\n').find((line) => line.trim() !== '')?.trim() ?? '';
}

export function toVerdict(run: Run): Verdict {
  let result: Verdict['result'];
  try {
    result = JSON.parse(run.stdout) as Verdict['result'];
  } catch {
    result = undefined;
  }
  const fresh = (severity: Finding['severity']) =>
    [...new Set((result?.findings ?? []).filter((f) => f.severity === severity && f.baseline === undefined).map((f) => f.ruleId))].sort();
  const newErrors = fresh('error');
  const newWarnings = fresh('warning');
  const failed = (result?.checks ?? []).filter((check) => check.status === 'error').map((check) => `${check.id}: ${check.error?.code ?? '?'} ${check.error?.message ?? ''}`);
  const firstError = (result?.findings ?? []).find((f) => f.severity === 'error' && f.baseline === undefined);
  const summary = [
    `exit ${run.code}`,
    `new errors [${newErrors.join(', ')}]`,
    newWarnings.length > 0 ? `new warnings [${newWarnings.join(', ')}]` : '',
    failed.length > 0 ? `checks that could not run: ${failed.join(' | ')}` : '',
    firstError ? `first error: ${firstError.ruleId} ${firstError.file}:${firstError.line} ${firstLine(firstError.message)}` : '',
    result === undefined ? `stdout: ${firstLine(run.stdout)} stderr: ${firstLine(run.stderr)}` : '',
  ]
    .filter((part) => part !== '')
    .join('; ');
  return { ...run, ...(result === undefined ? {} : { result }), newErrors, newWarnings, summary };
}

/** Appends one outcome to the file named by ADOPTION_LOG (a table for people reading a run); nothing otherwise. */
export function logOutcome(app: string, step: string, expected: string, verdict: Verdict | Run): void {
  const file = process.env.ADOPTION_LOG;
  if (file === undefined || file === '') return;
  const summary = 'summary' in verdict ? verdict.summary : `exit ${verdict.code}; ${firstLine(verdict.stderr) || firstLine(verdict.stdout)}`;
  appendFileSync(file, `${JSON.stringify({ app, step, expected, summary })}\n`);
}

const GIT_IDENTITY = ['-c', 'user.email=dev@example.com', '-c', 'user.name=dev', '-c', 'commit.gpgsign=false', '-c', 'core.hooksPath=/dev/null'];

export interface Adoption {
  /** The repository root of the copy. */
  repo: string;
  /** The commit the planted changes branch from: the service with npvguard set up. */
  main: string;
  git(...args: string[]): string;
  remove(): void;
}

/** Links every package of the repository's node_modules into `<root>/node_modules`, plus the given workspace packages. */
function linkNodeModules(root: string, workspaces: Record<string, string>): void {
  const source = path.join(REPO_ROOT, 'node_modules');
  if (Object.keys(workspaces).length === 0) {
    symlinkSync(source, path.join(root, 'node_modules'), 'dir');
    return;
  }
  // A workspace root: npm would link its own packages next to the installed ones.
  const target = path.join(root, 'node_modules');
  mkdirSync(target);
  const scopes = new Set(Object.keys(workspaces).filter((name) => name.startsWith('@')).map((name) => name.split('/')[0] as string));
  for (const entry of readdirSync(source)) {
    if (entry === '.cache' || scopes.has(entry)) continue;
    symlinkSync(path.join(source, entry), path.join(target, entry), 'dir');
  }
  for (const scope of scopes) {
    mkdirSync(path.join(target, scope));
    if (existsSync(path.join(source, scope))) {
      for (const entry of readdirSync(path.join(source, scope))) symlinkSync(path.join(source, scope, entry), path.join(target, scope, entry), 'dir');
    }
  }
  for (const [name, folder] of Object.entries(workspaces)) symlinkSync(path.join(root, folder), path.join(target, name), 'dir');
}

/** Copies a fixture to a temp folder, links node_modules and commits it on `main`. */
export function copyAsRepository(name: string, workspaces: Record<string, string> = {}): Adoption {
  const folder = mkdtempSync(path.join(tmpdir(), `npvguard-adoption-${name}-`));
  const repo = path.join(folder, name);
  cpSync(path.join(ADOPTION_FIXTURES, name), repo, { recursive: true });
  linkNodeModules(repo, workspaces);
  const git = (...args: string[]) => execFileSync('git', [...GIT_IDENTITY, ...args], { cwd: repo, encoding: 'utf8' }).trim();
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'service');
  return { repo, main: git('rev-parse', 'HEAD'), git, remove: () => rmSync(folder, { recursive: true, force: true }) };
}

/** Commits whatever init and `contracts update` wrote, as the init output tells the user to. */
export function commitSetup(adoption: Adoption): void {
  adoption.git('add', '-A');
  adoption.git('commit', '-q', '--allow-empty', '-m', 'npvguard');
  adoption.main = adoption.git('rev-parse', 'HEAD');
}

export interface Editor {
  /** Replaces text in a file; throws when the text is not there (the fixture changed under the test). */
  replace(file: string, from: string | RegExp, to: string | ((match: string, ...groups: string[]) => string)): void;
  write(file: string, text: string): void;
  read(file: string): string;
  remove(file: string): void;
  /** Runs npvguard in a folder of the copy, as the author of the change would (e.g. `contracts update`); throws unless it exits 0. */
  npvguard(args: readonly string[], folder?: string): Promise<Run>;
}

function editor(root: string): Editor {
  const full = (file: string) => path.join(root, file);
  return {
    replace(file, from, to) {
      const before = readFileSync(full(file), 'utf8');
      const found = typeof from === 'string' ? before.includes(from) : from.test(before);
      if (!found) throw new Error(`${file} has no ${String(from)} to change`);
      const after = typeof to === 'string' ? before.replace(from, () => to) : before.replace(from, to as (match: string, ...groups: string[]) => string);
      writeFileSync(full(file), after);
    },
    write(file, text) {
      mkdirSync(path.dirname(full(file)), { recursive: true });
      writeFileSync(full(file), text);
    },
    read(file) {
      return readFileSync(full(file), 'utf8');
    },
    remove(file) {
      rmSync(full(file));
    },
    async npvguard(args, folder = '.') {
      const run = await npvguard(args, full(folder));
      if (run.code !== 0) throw new Error(`npvguard ${args.join(' ')} exited ${run.code}: ${firstLine(run.stderr) || firstLine(run.stdout)}`);
      return run;
    },
  };
}

/**
 * A change on its own branch from `main`, committed, then `npvguard check --base <main> --format json` in `project`
 * (relative to the repository). Back on `main` afterwards, so changes never see each other.
 */
export async function plant(adoption: Adoption, branch: string, change: (edit: Editor) => void | Promise<void>, project = '.'): Promise<Verdict> {
  adoption.git('checkout', '-q', '-B', branch, adoption.main);
  try {
    try {
      await change(editor(adoption.repo));
    } catch (error) {
      const message = `the change could not be made: ${error instanceof Error ? error.message : String(error)}`;
      return { args: [], cwd: adoption.repo, code: -1, stdout: '', stderr: message, newErrors: [], newWarnings: [], summary: message };
    }
    adoption.git('add', '-A');
    adoption.git('commit', '-q', '-m', branch);
    return toVerdict(await npvguard(['check', '--base', adoption.main, '--format', 'json'], path.join(adoption.repo, project)));
  } finally {
    adoption.git('checkout', '-q', '-f', 'main');
    adoption.git('clean', '-q', '-fd', '-e', 'node_modules');
  }
}

/** The checks a run ran (pass or fail), in result order. */
export function checksRun(verdict: Verdict): string[] {
  return (verdict.result?.checks ?? []).filter((check) => check.status === 'pass' || check.status === 'fail').map((check) => check.id);
}

/** Raises the first latency budget of an npvguard config written by init: the loosening a change could make. */
export function loosenFirstBudget(edit: Editor, configFile: string): void {
  // Only a budget in code: init may also write commented examples.
  edit.replace(configFile, /^(?!\s*\/\/)(.*?p99Ms:\s*)(\d+)/m, (_match, head, value) => `${head}${Number(value) * 4}`);
}

/** A planted bad change: exit 1, and every expected rule id among the errors the change adds. */
export function expectCaught(app: string, step: string, verdict: Verdict, expected: readonly string[]): void {
  logOutcome(app, step, `exit 1 with ${expected.join(', ')}`, verdict);
  expect(verdict.code, verdict.summary).toBe(1);
  expect(verdict.newErrors, verdict.summary).toEqual(expect.arrayContaining([...expected]));
}

/** A benign change: exit 0, no new error, no check that could not run. */
export function expectPassed(app: string, step: string, verdict: Verdict): void {
  logOutcome(app, step, 'exit 0, no new error', verdict);
  expect(verdict.code, verdict.summary).toBe(0);
  expect(verdict.newErrors, verdict.summary).toEqual([]);
}

/**
 * What `npvguard init` accepted into the baseline file as already in the code (`ruleId file`, sorted), or [] when
 * it wrote none: each fixture names its own, so a finding init starts hiding is a failing test.
 */
export function acceptedAtInit(folder: string): string[] {
  const file = path.join(folder, 'npvguard.baseline.json');
  if (!existsSync(file)) return [];
  const baseline = JSON.parse(readFileSync(file, 'utf8')) as { findings: { ruleId: string; file: string; reason: string }[] };
  for (const entry of baseline.findings) expect(entry.reason).toMatch(/^in the code when npvguard was adopted \(npvguard init, /);
  return baseline.findings.map((entry) => `${entry.ruleId} ${entry.file}`).sort();
}

/** A service set up as a new user does: `npvguard init`, then `npvguard contracts update` (init wrote the snapshot). */
export interface ServiceSetup {
  init: Run;
  update: Run;
}

export async function initService(folder: string): Promise<ServiceSetup> {
  const init = await npvguard(['init'], folder);
  const update = await npvguard(['contracts', 'update'], folder);
  return { init, update };
}

/** The first `npvguard check` on the committed, untouched service, each step logged (`label` names the service). */
export async function cleanCheck(app: string, folder: string, setup: ServiceSetup, label = ''): Promise<Verdict> {
  const clean = toVerdict(await npvguard(['check', '--format', 'json'], folder));
  const prefix = label === '' ? '' : `${label} `;
  logOutcome(app, `${prefix}init`, 'exit 0', setup.init);
  logOutcome(app, `${prefix}contracts update`, 'exit 0, snapshot written', setup.update);
  logOutcome(app, `${prefix}clean check`, 'exit 0, all five checks run', clean);
  return clean;
}
