/**
 * The adoption trial: npvguard tried as a new user would on a real fastify service it was not written for.
 *
 *   npx tsx scripts/adoption/trial.ts <target name or folder>... [--targets-dir <dir>] [--out <dir>] [--keep] [--reference]
 *
 * For each target (scripts/adoption/targets.ts; the folder holds the target's commit, extracted): copy it to a temp
 * dir, `git init` + commit, `npm install`, pack npvguard's four packages, `npm i -D` the tarballs, `npx npvguard init`,
 * the setup an engineer does after init (route budgets, the ESLint entry init prints), `npx npvguard check` on the
 * untouched code, then six planted changes, each a commit on its own branch, checked with
 * `npx npvguard check --base <setup commit> --format json`. Every step's exit code, time and first error line is
 * recorded; a failing step never stops the trial. Output: <out>/trial.md (the tables), <out>/trial.json (everything),
 * <out>/<target>/*.json (each npvguard result).
 *
 * Commands run through execFile with argument arrays, never a shell.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { TARGETS, type ChangeKind, type Edit, type Target } from './targets.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const PACKAGES = ['core', 'harness', 'eslint-plugin', 'cli'] as const;
/** Generous: a cold `npm install` of a monorepo on a shared machine takes minutes. */
const INSTALL_TIMEOUT_MS = 20 * 60_000;
const CHECK_TIMEOUT_MS = 10 * 60_000;

// ---------------------------------------------------------------------------------------------------------------------
// Running commands

interface StepResult {
  /** What a user would type, for the table. */
  command: string;
  cwd: string;
  exitCode: number | null;
  ms: number;
  /** The first line that says what went wrong (stderr first), when the exit code is not 0. */
  firstError?: string;
  stdoutTail?: string;
  stderrTail?: string;
  note?: string;
}

interface Raw {
  code: number | null;
  ms: number;
  stdout: string;
  stderr: string;
}

/** The environment of a human at a terminal: no AI-agent markers (they change npvguard's default format), no colour. */
function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...extra };
  for (const name of ['CLAUDECODE', 'CLAUDE_CODE_ENTRYPOINT', 'CURSOR_AGENT', 'AI_AGENT', 'CODEX_SANDBOX', 'GEMINI_CLI']) delete env[name];
  return env;
}

function exec(file: string, args: readonly string[], cwd: string, timeoutMs: number): Promise<Raw> {
  const started = performance.now();
  return new Promise((resolve) => {
    execFile(file, [...args], { cwd, env: userEnv(), timeout: timeoutMs, maxBuffer: 256 * 1024 * 1024, killSignal: 'SIGTERM' }, (error, stdout, stderr) => {
      const ms = Math.round(performance.now() - started);
      let code: number | null = 0;
      if (error !== null) {
        const status = (error as { code?: unknown }).code;
        code = typeof status === 'number' ? status : null;
        if (code === null) stderr = `${stderr}\n${error.message}`;
      }
      resolve({ code, ms, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

const ERROR_LINE = /(error|ERR!|ERESOLVE|NPV\d{4}|failed|cannot|not found|Exception)/i;

function firstErrorLine(raw: Raw): string | undefined {
  const lines = `${raw.stderr}\n${raw.stdout}`.split('\n').map((line) => line.trim()).filter((line) => line !== '');
  return lines.find((line) => ERROR_LINE.test(line)) ?? lines[0];
}

function tail(text: string, lines = 12): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

async function step(command: string, file: string, args: readonly string[], cwd: string, timeoutMs = CHECK_TIMEOUT_MS): Promise<StepResult & { raw: Raw }> {
  const raw = await exec(file, args, cwd, timeoutMs);
  const result: StepResult & { raw: Raw } = { command, cwd, exitCode: raw.code, ms: raw.ms, raw };
  if (raw.code !== 0) {
    const line = firstErrorLine(raw);
    if (line !== undefined) result.firstError = line;
    result.stderrTail = tail(raw.stderr);
  }
  result.stdoutTail = tail(raw.stdout);
  return result;
}

function plain(result: StepResult & { raw?: Raw }): StepResult {
  const { raw: _raw, ...rest } = result;
  return rest;
}

async function git(cwd: string, args: readonly string[]): Promise<Raw> {
  return exec('git', args, cwd, 60_000);
}

async function commitAll(cwd: string, message: string): Promise<string | undefined> {
  await git(cwd, ['add', '-A']);
  const commit = await git(cwd, ['commit', '-q', '--no-verify', '--allow-empty', '-m', message]);
  if (commit.code !== 0) return undefined;
  return (await git(cwd, ['rev-parse', 'HEAD'])).stdout.trim();
}

// ---------------------------------------------------------------------------------------------------------------------
// Edits

interface EditOutcome {
  file: string;
  kind: Edit['kind'];
  applied: boolean;
  reason?: string;
}

function nthIndex(text: string, anchor: string, occurrence: number): number {
  let index = -1;
  for (let seen = 0; seen < occurrence; seen++) {
    index = text.indexOf(anchor, index + 1);
    if (index < 0) return -1;
  }
  return index;
}

function applyEdit(repoTop: string, serviceDir: string, edit: Edit): EditOutcome {
  const file = path.join(edit.root === true ? repoTop : path.join(repoTop, serviceDir), edit.file);
  const outcome: EditOutcome = { file: edit.file, kind: edit.kind, applied: false };
  try {
    if (edit.kind === 'create') {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, edit.text);
    } else if (edit.kind === 'delete') {
      if (!existsSync(file)) return { ...outcome, reason: 'file not found' };
      rmSync(file);
    } else {
      if (!existsSync(file)) return { ...outcome, reason: 'file not found' };
      const text = readFileSync(file, 'utf8');
      if (edit.kind === 'prepend') writeFileSync(file, edit.text + text);
      else {
        const at = nthIndex(text, edit.anchor, edit.occurrence ?? 1);
        if (at < 0) return { ...outcome, reason: `anchor not found: ${JSON.stringify(edit.anchor)}` };
        const end = at + edit.anchor.length;
        const next =
          edit.kind === 'replace'
            ? text.slice(0, at) + edit.text + text.slice(end)
            : edit.kind === 'insert-before'
              ? text.slice(0, at) + edit.text + text.slice(at)
              : text.slice(0, end) + edit.text + text.slice(end);
        writeFileSync(file, next);
      }
    }
    return { ...outcome, applied: true };
  } catch (error) {
    return { ...outcome, reason: error instanceof Error ? error.message : String(error) };
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// npvguard results

interface FindingLike {
  ruleId: string;
  severity: string;
  file: string;
  line: number;
  column: number;
  message: string;
  baseline?: string;
}

interface ResultLike {
  status: string;
  summary: { errors: number; warnings: number; infos: number; baseline: number; filesChecked: number };
  checks: { id: string; status: string; durationMs: number; error?: { code: string; message: string } }[];
  findings: FindingLike[];
}

interface CheckSummary {
  /** The run's result, when npvguard wrote one. */
  status?: string;
  counts?: ResultLike['summary'];
  checks?: { id: string; status: string; ms: number; error?: string }[];
  /** New (non-baseline) findings by `ruleId (severity)`. */
  byRule: Record<string, number>;
  /** New error findings, one line each: `ruleId file:line message`. */
  errors: string[];
  /** New warnings and infos, the same way (first 40). */
  others: string[];
  resultFile?: string;
}

function readResult(file: string): ResultLike | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as ResultLike;
    return Array.isArray(parsed.findings) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function summarise(result: ResultLike | undefined, resultFile: string): CheckSummary {
  if (result === undefined) return { byRule: {}, errors: [], others: [] };
  const fresh = result.findings.filter((finding) => finding.baseline === undefined);
  const byRule: Record<string, number> = {};
  for (const finding of fresh) {
    const key = `${finding.ruleId} (${finding.severity})`;
    byRule[key] = (byRule[key] ?? 0) + 1;
  }
  const line = (finding: FindingLike) => `${finding.ruleId} ${finding.file}:${finding.line} ${finding.message.split('\n')[0] ?? ''}`;
  return {
    status: result.status,
    counts: result.summary,
    checks: result.checks.map((check) => ({
      id: check.id,
      status: check.status,
      ms: check.durationMs,
      ...(check.error === undefined ? {} : { error: `${check.error.code} ${check.error.message.split('\n')[0] ?? ''}` }),
    })),
    byRule,
    errors: fresh.filter((finding) => finding.severity === 'error').map(line),
    others: fresh.filter((finding) => finding.severity !== 'error').slice(0, 40).map(line),
    resultFile,
  };
}

// ---------------------------------------------------------------------------------------------------------------------
// Setup after init: what the engineer does next, as init's output and the docs say

const LATENCY_COMMENT = /^[ \t]*\/\/[ \t]*latency:.*$/m;
const CONTRACTS_COMMENT = /^([ \t]*)\/\/[ \t]*(contracts:.*)$/m;
const NO_APP = 'contracts: not set up, because';
/** What init writes when it found the app but could not write its first snapshot. */
const NOT_BOOTED = 'API contract: not enabled, because';

function insertSection(config: string, section: string): string {
  const end = config.lastIndexOf('});');
  return end < 0 ? config : `${config.slice(0, end)}  ${section}\n${config.slice(end)}`;
}

interface SetupOutcome {
  contracts: 'enabled' | 'not enabled: init found no app factory' | 'not enabled: init could not boot the app (the reason is in the config)' | 'not enabled: no contracts line in the config' | 'already enabled';
  latency: 'enabled' | 'already configured';
  notes: string[];
}

function configureAfterInit(configFile: string, target: Target): SetupOutcome {
  let config = readFileSync(configFile, 'utf8');
  const notes: string[] = [];
  let contracts: SetupOutcome['contracts'];
  if (/^[ \t]*contracts:/m.test(config)) contracts = 'already enabled';
  else if (config.includes(NO_APP)) contracts = 'not enabled: init found no app factory';
  // init found the app but could not boot it (an env var, a database it needs): it says why; a user fixes that first.
  else if (config.includes(NOT_BOOTED)) contracts = 'not enabled: init could not boot the app (the reason is in the config)';
  else {
    const match = CONTRACTS_COMMENT.exec(config);
    if (match === null) contracts = 'not enabled: no contracts line in the config';
    else {
      config = config.replace(CONTRACTS_COMMENT, '$1$2');
      contracts = 'enabled';
    }
  }
  const budgets = Object.entries(target.setup.budgets)
    .map(([route, ms]) => `      '${route}': { p99Ms: ${ms} },`)
    .join('\n');
  const section = `latency: {\n    budgets: {\n${budgets}\n    },\n  },`;
  let latency: SetupOutcome['latency'] = 'enabled';
  if (/^[ \t]*latency:/m.test(config)) {
    latency = 'already configured';
    notes.push('the config init wrote already has a latency section; the budgets were not added');
  } else if (LATENCY_COMMENT.test(config)) config = config.replace(LATENCY_COMMENT, `  ${section}`);
  else config = insertSection(config, section);
  writeFileSync(configFile, config);
  return { contracts, latency, notes };
}

// ---------------------------------------------------------------------------------------------------------------------
// The trial of one target

interface PlantedOutcome {
  kind: ChangeKind;
  title: string;
  branch: string;
  commit?: string;
  edits: EditOutcome[];
  check?: StepResult;
  summary?: CheckSummary;
  /** Exit 1 with at least one new error finding. */
  caught: boolean;
  /** New error findings whose rule id is one the change expects. */
  expectedIds: string[];
  /** New error findings with other rule ids (another check caught it, or noise of the change). */
  otherIds: string[];
}

interface TargetOutcome {
  name: string;
  repo: string;
  commit: string;
  shape: string;
  workDir: string;
  deviations: string[];
  steps: Record<string, StepResult>;
  packed: { mode: 'tarballs' | 'folders'; items: string[]; failures: string[] };
  init?: { written: string[]; notes: string[] };
  setup?: SetupOutcome & { edits: EditOutcome[] };
  baseCommit?: string;
  untouched?: CheckSummary;
  planted: PlantedOutcome[];
}

async function packNpvguard(into: string): Promise<TargetOutcome['packed'] & { steps: StepResult[] }> {
  const items: string[] = [];
  const failures: string[] = [];
  const steps: StepResult[] = [];
  for (const name of PACKAGES) {
    const folder = path.join(REPO_ROOT, 'packages', name);
    const result = await step(`npm pack --pack-destination <tmp> (packages/${name})`, 'npm', ['pack', '--silent', '--pack-destination', into], folder);
    steps.push(plain(result));
    const tarball = result.raw.stdout.trim().split('\n').pop()?.trim();
    if (result.exitCode === 0 && tarball !== undefined && tarball.endsWith('.tgz') && existsSync(path.join(into, tarball))) items.push(path.join(into, tarball));
    else failures.push(`packages/${name}: ${result.firstError ?? 'no tarball'}`);
  }
  if (failures.length === 0) return { mode: 'tarballs', items, failures, steps };
  return { mode: 'folders', items: PACKAGES.map((name) => path.join(REPO_ROOT, 'packages', name)), failures, steps };
}

function listWritten(stdout: string): { written: string[]; notes: string[] } {
  const written: string[] = [];
  const notes: string[] = [];
  for (const line of stdout.split('\n')) {
    const match = /^(created|updated|unchanged|kept[^ ]*(?: \([^)]*\))?)\s+(\S.*)$/.exec(line.trim());
    if (match?.[2] !== undefined) written.push(`${match[1]} ${match[2]}`);
    if (line.startsWith('note: ')) notes.push(line.slice(6));
  }
  return { written, notes };
}

/** The installed bin `name`, looked up from `dir` upwards to `top` as npm exec would, without ever asking the registry. */
function localBin(top: string, dir: string, name: string): string | undefined {
  for (let current = dir; ; current = path.dirname(current)) {
    const bin = path.join(current, 'node_modules', '.bin', name);
    if (existsSync(bin)) return bin;
    if (current === top || path.dirname(current) === current) return undefined;
  }
}

/** `npx <bin> ...` run from the locally installed bin; a missing bin is a failed step, not a download. */
async function npx(top: string, dir: string, bin: string, args: readonly string[], timeoutMs = CHECK_TIMEOUT_MS): Promise<StepResult & { raw: Raw }> {
  const command = `npx ${bin} ${args.filter((arg) => !arg.startsWith('/')).join(' ')}`.trim();
  const file = localBin(top, dir, bin);
  if (file === undefined) {
    const raw: Raw = { code: null, ms: 0, stdout: '', stderr: `${bin} is not installed (no node_modules/.bin/${bin} from ${dir} up)` };
    return { command, cwd: dir, exitCode: null, ms: 0, firstError: raw.stderr, raw };
  }
  return step(command, file, args, dir, timeoutMs);
}

function dropDependencies(top: string, files: readonly string[], names: readonly string[]): string[] {
  const changed: string[] = [];
  for (const file of files) {
    const full = path.join(top, file);
    if (!existsSync(full)) continue;
    const manifest = JSON.parse(readFileSync(full, 'utf8')) as Record<string, unknown>;
    let dropped = false;
    for (const field of ['dependencies', 'devDependencies', 'optionalDependencies']) {
      const deps = manifest[field] as Record<string, string> | undefined;
      for (const name of names) {
        if (deps?.[name] !== undefined) {
          delete deps[name];
          dropped = true;
        }
      }
    }
    if (dropped) {
      writeFileSync(full, `${JSON.stringify(manifest, null, 2)}\n`);
      changed.push(file);
    }
  }
  return changed;
}

function rewriteWorkspaceProtocol(top: string, files: readonly string[]): string[] {
  const changed: string[] = [];
  for (const file of files) {
    const full = path.join(top, file);
    if (!existsSync(full)) continue;
    const text = readFileSync(full, 'utf8');
    const next = text.replace(/"workspace:[^"]*"/g, '"*"');
    if (next !== text) {
      writeFileSync(full, next);
      changed.push(file);
    }
  }
  return changed;
}

async function runTarget(target: Target, folder: string, outDir: string, keep: boolean): Promise<TargetOutcome> {
  const work = mkdtempSync(path.join(tmpdir(), `npvguard-adoption-${target.name}-`));
  const top = path.join(work, 'repo');
  const service = path.join(top, target.serviceDir);
  const results = path.join(outDir, target.name);
  mkdirSync(results, { recursive: true });
  const outcome: TargetOutcome = {
    name: target.name,
    repo: target.repo,
    commit: target.commit,
    shape: target.shape,
    workDir: top,
    deviations: [],
    steps: {},
    packed: { mode: 'tarballs', items: [], failures: [] },
    planted: [],
  };
  const log = (text: string) => process.stderr.write(`[${target.name}] ${text}\n`);
  try {
    // 1. The service as cloned, in a repository of its own.
    cpSync(folder, top, { recursive: true, filter: (source) => !/[\\/](node_modules|\.git)([\\/]|$)/.test(path.relative(folder, source)) });
    if (target.prepare?.rewriteWorkspaceProtocol !== undefined) {
      const changed = rewriteWorkspaceProtocol(top, target.prepare.rewriteWorkspaceProtocol.files);
      if (changed.length > 0) outcome.deviations.push(`${changed.join(', ')}: ${target.prepare.rewriteWorkspaceProtocol.reason}`);
    }
    const drop = target.prepare?.dropDependencies;
    if (drop !== undefined) {
      const changed = dropDependencies(top, drop.files, drop.names);
      if (changed.length > 0) outcome.deviations.push(`${drop.names.join(', ')} removed from ${changed.join(', ')}: ${drop.reason}`);
    }
    await git(top, ['init', '-q', '-b', 'main']);
    await git(top, ['config', 'user.email', 'trial@example.invalid']);
    await git(top, ['config', 'user.name', 'adoption trial']);
    await git(top, ['config', 'commit.gpgsign', 'false']);
    // Installed and built files stay out of the history even where the service's .gitignore forgets them.
    appendFileSync(path.join(top, '.git', 'info', 'exclude'), '\nnode_modules/\ndist/\n*.tgz\n');
    await commitAll(top, `${target.repo} at ${target.commit}`);

    // 2. The service's own dependencies (lifecycle scripts off: they want a database or the network).
    log('npm install');
    outcome.steps.install = plain(await step('npm install --ignore-scripts', 'npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund'], top, INSTALL_TIMEOUT_MS));
    for (const [index, post] of (target.postInstall ?? []).entries()) {
      const result = plain(await npx(top, path.join(top, post.dir), post.bin, post.args, INSTALL_TIMEOUT_MS));
      outcome.steps[`postInstall${index}`] = { ...result, command: `${result.command} (in ${post.dir})`, note: post.reason };
      outcome.deviations.push(`\`${result.command}\` in ${post.dir}: ${post.reason}`);
    }

    // 3. npvguard from this repository: the four tarballs, installed as a user would.
    log('npm pack');
    const packDir = path.join(work, 'packs');
    mkdirSync(packDir);
    const packed = await packNpvguard(packDir);
    outcome.packed = { mode: packed.mode, items: packed.items.map((item) => path.relative(packed.mode === 'tarballs' ? work : REPO_ROOT, item)), failures: packed.failures };
    outcome.steps.pack = {
      command: 'npm pack (packages/core, harness, eslint-plugin, cli)',
      cwd: REPO_ROOT,
      exitCode: packed.failures.length === 0 ? 0 : 1,
      ms: packed.steps.reduce((sum, one) => sum + one.ms, 0),
      ...(packed.failures.length === 0 ? {} : { firstError: packed.failures[0], note: 'packing failed: installing the package folders instead' }),
    };
    if (packed.mode === 'folders') outcome.deviations.push('npm pack failed; npvguard installed from the package folders of this repository');
    log('npm i -D npvguard');
    const installArgs = ['install', '-D', '--ignore-scripts', '--no-audit', '--no-fund', ...packed.items];
    const shown = packed.mode === 'tarballs' ? 'npm i -D ./npvguard-core-*.tgz ./npvguard-harness-*.tgz ./eslint-plugin-npvguard-*.tgz ./npvguard-*.tgz' : 'npm i -D <repo>/packages/{core,harness,eslint-plugin,cli}';
    outcome.steps.installNpvguard = plain(await step(shown, 'npm', installArgs, service, INSTALL_TIMEOUT_MS));
    if (outcome.steps.installNpvguard.exitCode !== 0) {
      outcome.steps.installNpvguardRetry = plain(await step(`${shown} --legacy-peer-deps`, 'npm', [...installArgs, '--legacy-peer-deps'], service, INSTALL_TIMEOUT_MS));
      if (outcome.steps.installNpvguardRetry.exitCode === 0) outcome.deviations.push('plain `npm i -D` of npvguard failed; installed with --legacy-peer-deps');
    }
    await commitAll(top, 'add npvguard');

    // 4. init, and what init asks the engineer to do next.
    log('npvguard init');
    const init = await npx(top, service, 'npvguard', ['init']);
    outcome.steps.init = plain(init);
    outcome.init = listWritten(init.raw.stdout);
    const configFile = path.join(service, 'npvguard.config.ts');
    if (existsSync(configFile)) {
      const setup = configureAfterInit(configFile, target);
      const edits = (target.setup.edits ?? []).map((edit) => applyEdit(top, target.serviceDir, edit));
      outcome.setup = { ...setup, edits };
      if (edits.length > 0) {
        // As init's note says once the ESLint entry is in the project's own config.
        log('npvguard baseline --update');
        outcome.steps.baselineUpdate = plain(await npx(top, service, 'npvguard', ['baseline', '--update', '--allow-growth', '--reason', 'in the code when npvguard was adopted']));
      }
      if (setup.contracts === 'enabled') {
        log('npvguard contracts update');
        outcome.steps.contractsUpdate = plain(await npx(top, service, 'npvguard', ['contracts', 'update']));
      }
    }
    outcome.baseCommit = await commitAll(top, 'npvguard: init and setup');

    // 5. The untouched service.
    log('npvguard check');
    const untouchedFile = path.join(results, 'untouched.json');
    rmSync(untouchedFile, { force: true });
    outcome.steps.check = { ...plain(await npx(top, service, 'npvguard', ['check', '--format', 'json', '--output', untouchedFile])), command: 'npx npvguard check --format json' };
    outcome.untouched = summarise(readResult(untouchedFile), path.relative(outDir, untouchedFile));

    // 6. The planted changes, each on a branch from the setup commit, checked against it.
    for (const change of target.changes) {
      const branch = `planted/${change.kind}`;
      const planted: PlantedOutcome = { kind: change.kind, title: change.title, branch, edits: [], caught: false, expectedIds: [], otherIds: [] };
      outcome.planted.push(planted);
      if (outcome.baseCommit === undefined) continue;
      await git(top, ['checkout', '-q', '-f', '-B', branch, outcome.baseCommit]);
      planted.edits = change.edits.map((edit) => applyEdit(top, target.serviceDir, edit));
      const commit = await commitAll(top, `planted: ${change.title}`);
      if (commit !== undefined) planted.commit = commit;
      if (planted.edits.some((edit) => !edit.applied)) continue;
      log(`check --base (${change.kind})`);
      const file = path.join(results, `${change.kind}.json`);
      rmSync(file, { force: true });
      planted.check = {
        ...plain(await npx(top, service, 'npvguard', ['check', '--base', outcome.baseCommit, '--format', 'json', '--output', file])),
        command: `npx npvguard check --base ${outcome.baseCommit.slice(0, 12)} --format json`,
      };
      planted.summary = summarise(readResult(file), path.relative(outDir, file));
      const newErrors = planted.summary.errors.map((line) => line.split(' ')[0] ?? '');
      const expected = (id: string) => change.expect.some((pattern) => (pattern.endsWith('/') ? id.startsWith(pattern) : id === pattern));
      planted.expectedIds = [...new Set(newErrors.filter(expected))];
      planted.otherIds = [...new Set(newErrors.filter((id) => !expected(id)))];
      planted.caught = planted.check.exitCode === 1 && newErrors.length > 0;
    }
    await git(top, ['checkout', '-q', '-f', 'main']);
  } catch (error) {
    outcome.steps.trial = { command: 'trial', cwd: top, exitCode: null, ms: 0, firstError: error instanceof Error ? error.message : String(error) };
  } finally {
    if (!keep) rmSync(work, { recursive: true, force: true });
  }
  return outcome;
}

// ---------------------------------------------------------------------------------------------------------------------
// Report

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function exitCell(result: StepResult | undefined): string {
  if (result === undefined) return 'not run';
  return result.exitCode === null ? 'killed' : String(result.exitCode);
}

function byRuleText(summary: CheckSummary | undefined): string {
  if (summary === undefined) return 'no result';
  const entries = Object.entries(summary.byRule).sort((a, b) => b[1] - a[1]);
  if (entries.length === 0) return summary.status === undefined ? 'no result' : 'none';
  return entries.map(([rule, count]) => `${count}× ${rule}`).join(', ');
}

/** One evaluation case of the reference service, timed by bench/check with `--base HEAD~1` (wall seconds per run). */
interface ReferenceCase {
  id: string;
  runs: Array<{ exitCode: number; wallS: number; cpuS?: number }>;
}

function medianOf(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function markdown(outcomes: TargetOutcome[], meta: Record<string, string>, reference?: StepResult, referenceCases?: ReferenceCase[]): string {
  const out: string[] = [];
  out.push('# npvguard adoption trial', '');
  out.push(Object.entries(meta).map(([key, value]) => `${key}: ${value}`).join(' · '), '');
  out.push('## Steps', '');
  out.push('| service | commit | command | exit | time | first error / note |', '| --- | --- | --- | --- | --- | --- |');
  const order = ['install', 'postInstall0', 'postInstall1', 'pack', 'installNpvguard', 'installNpvguardRetry', 'init', 'baselineUpdate', 'contractsUpdate', 'check', 'trial'];
  for (const outcome of outcomes) {
    for (const key of order) {
      const result = outcome.steps[key];
      if (result === undefined) continue;
      const note = result.firstError ?? result.note ?? '';
      out.push(`| ${outcome.repo} | ${outcome.commit.slice(0, 7)} | \`${cell(result.command)}\` | ${exitCell(result)} | ${seconds(result.ms)} | ${cell(note.slice(0, 200))} |`);
    }
  }
  out.push('', '## Untouched code', '');
  out.push('| service | exit | time | errors / warnings / infos | checks that could not run | findings by rule |', '| --- | --- | --- | --- | --- | --- |');
  for (const outcome of outcomes) {
    const summary = outcome.untouched;
    const counts = summary?.counts === undefined ? '—' : `${summary.counts.errors} / ${summary.counts.warnings} / ${summary.counts.infos}`;
    const broken = (summary?.checks ?? []).filter((check) => check.status === 'error').map((check) => `${check.id}: ${check.error ?? 'error'}`).join('; ');
    out.push(`| ${outcome.repo} | ${exitCell(outcome.steps.check)} | ${outcome.steps.check === undefined ? '—' : seconds(outcome.steps.check.ms)} | ${counts} | ${cell(broken || '—')} | ${cell(byRuleText(summary))} |`);
  }
  for (const outcome of outcomes) {
    const errors = outcome.untouched?.errors ?? [];
    if (errors.length === 0) continue;
    out.push('', `Error findings on untouched ${outcome.repo}:`, '');
    for (const line of errors.slice(0, 30)) out.push(`- ${cell(line.slice(0, 240))}`);
    if (errors.length > 30) out.push(`- … and ${errors.length - 30} more (trial.json)`);
  }
  out.push('', '## Planted changes (`npx npvguard check --base <setup commit> --format json`)', '');
  out.push('| service | change | exit | time | caught | expected id | other new errors |', '| --- | --- | --- | --- | --- | --- | --- |');
  for (const outcome of outcomes) {
    for (const planted of outcome.planted) {
      const failedEdit = planted.edits.find((edit) => !edit.applied);
      const broken = (planted.summary?.checks ?? []).filter((check) => check.status === 'error').map((check) => `${check.id}: ${check.error ?? 'error'}`);
      const exit = failedEdit !== undefined ? `not applied (${failedEdit.file}: ${failedEdit.reason ?? ''})` : exitCell(planted.check);
      const others = [...planted.otherIds, ...broken.map((text) => `check error ${text}`)];
      if (planted.check?.exitCode === 2 && planted.check.firstError !== undefined && broken.length === 0) others.push(planted.check.firstError);
      out.push(
        `| ${outcome.repo} | ${planted.kind}: ${cell(planted.title)} | ${cell(exit)} | ${planted.check === undefined ? '—' : seconds(planted.check.ms)} | ${planted.caught ? 'yes' : 'no'} | ${planted.expectedIds.join(', ') || '—'} | ${cell(others.join('; ').slice(0, 300) || '—')} |`,
      );
    }
  }
  out.push('', '## Totals', '');
  for (const outcome of outcomes) {
    const caught = outcome.planted.filter((planted) => planted.caught).length;
    const expected = outcome.planted.filter((planted) => planted.expectedIds.length > 0).length;
    const plainInstall = outcome.steps.installNpvguard?.exitCode === 0;
    out.push(
      `- ${outcome.repo}: plain install ${plainInstall ? 'ok' : 'failed'}; first check exit ${exitCell(outcome.steps.check)}; planted changes caught ${caught}/${outcome.planted.length} (${expected} with the expected rule id)` +
        (outcome.deviations.length > 0 ? `; deviations: ${outcome.deviations.join('; ')}` : ''),
    );
  }
  if (reference !== undefined) {
    out.push('', '## Time to verdict', '');
    const demo = outcomes.find((outcome) => outcome.name === 'fastify-demo');
    const times = demo?.planted.map((planted) => planted.check?.ms).filter((ms): ms is number => ms !== undefined) ?? [];
    const demoMedian = times.length === 0 ? undefined : medianOf(times);
    if (demoMedian !== undefined) {
      out.push(`- fastify/demo, \`npx npvguard check --base <setup commit>\`: median ${seconds(demoMedian)} over ${times.length} planted changes (min ${seconds(Math.min(...times))}, max ${seconds(Math.max(...times))})`);
    }
    out.push(`- reference service, \`npm run check\` (right after, no base): ${seconds(reference.ms)}, exit ${exitCell(reference)}`);
    const referenceWalls = (referenceCases ?? []).flatMap((entry) => entry.runs.map((run) => run.wallS * 1000));
    for (const entry of referenceCases ?? []) {
      const walls = entry.runs.map((run) => run.wallS * 1000);
      out.push(`- reference service, \`npvguard check --base HEAD~1\` on its evaluation case \`${entry.id}\` (exit ${[...new Set(entry.runs.map((run) => run.exitCode))].join('/')}): median ${seconds(medianOf(walls))} over ${walls.length} runs (min ${seconds(Math.min(...walls))}, max ${seconds(Math.max(...walls))})`);
    }
    // Like for like: a planted change is a bad change (it fails, so checks with errors also run at the base), as is
    // the reference's case whose runs exit 1; a benign case has no base runs to pay for.
    const failingDemo = demo?.planted.filter((planted) => planted.check?.exitCode === 1).map((planted) => planted.check?.ms ?? 0) ?? [];
    const failingReference = (referenceCases ?? []).flatMap((entry) => entry.runs.filter((run) => run.exitCode === 1).map((run) => run.wallS * 1000));
    const ratioLine = (label: string, ours: readonly number[], theirs: readonly number[]): void => {
      if (ours.length === 0 || theirs.length === 0) return;
      const ratio = medianOf(ours) / medianOf(theirs);
      out.push(`- ${label}: ${seconds(medianOf(ours))} against ${seconds(medianOf(theirs))}, ${ratio.toFixed(2)}× (${ratio <= 1 ? 'no slower' : 'slower'})`);
    };
    ratioLine('fastify/demo\'s failing changes against the reference\'s failing case (like for like)', failingDemo, failingReference);
    ratioLine('fastify/demo\'s changes against every reference run, benign ones included', times, referenceWalls);
  }
  return `${out.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------------------------------
// Command line

const USAGE = `Usage: npx tsx scripts/adoption/trial.ts <target name or folder>... [options]

  <target>             a name from scripts/adoption/targets.ts (${TARGETS.map((target) => target.name).join(', ')}),
                       looked up in --targets-dir, or a folder whose name is one of them; "all" for every target
  --targets-dir <dir>  where the extracted targets are (default: $NPVGUARD_TARGETS_DIR or ../targets beside this repo)
  --out <dir>          where trial.md, trial.json and the results go (default: .npvguard-tmp/adoption)
  --keep               keep each target's temp repository (its path is in trial.json)
  --reference          afterwards, time \`npm run check\` (the reference service) on this machine for comparison
  --render <file>      only write trial.md again from a trial.json (after a change to this report)`;

function resolveTarget(arg: string, targetsDir: string): { target: Target; folder: string } {
  const byName = TARGETS.find((target) => target.name === arg);
  if (byName !== undefined) return { target: byName, folder: path.join(targetsDir, byName.name) };
  const folder = path.resolve(arg);
  const byFolder = TARGETS.find((target) => target.name === path.basename(folder));
  if (byFolder === undefined) throw new Error(`"${arg}" is neither a target name nor a folder named after one (${TARGETS.map((target) => target.name).join(', ')})`);
  return { target: byFolder, folder };
}

async function main(argv: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        'targets-dir': { type: 'string' },
        out: { type: 'string' },
        keep: { type: 'boolean' },
        reference: { type: 'boolean' },
        render: { type: 'string' },
        help: { type: 'boolean' },
      },
    });
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.render !== undefined) {
    const saved = JSON.parse(readFileSync(values.render, 'utf8')) as { meta: Record<string, string>; targets: TargetOutcome[]; reference?: StepResult; referenceCases?: ReferenceCase[] };
    const file = path.join(path.dirname(path.resolve(values.render)), 'trial.md');
    writeFileSync(file, markdown(saved.targets, saved.meta, saved.reference, saved.referenceCases));
    process.stdout.write(`${file}\n`);
    return 0;
  }
  if (values.help === true || positionals.length === 0) {
    process.stdout.write(`${USAGE}\n`);
    return values.help === true ? 0 : 2;
  }
  const targetsDir = path.resolve(values['targets-dir'] ?? process.env.NPVGUARD_TARGETS_DIR ?? path.join(REPO_ROOT, '..', 'targets'));
  const outDir = path.resolve(values.out ?? path.join(REPO_ROOT, '.npvguard-tmp', 'adoption'));
  let chosen: { target: Target; folder: string }[];
  try {
    chosen = (positionals.includes('all') ? TARGETS.map((target) => target.name) : positionals).map((arg) => resolveTarget(arg, targetsDir));
    for (const { folder } of chosen) if (!existsSync(path.join(folder, 'package.json'))) throw new Error(`${folder} has no package.json: extract the target's commit there first (docs/adoption.md)`);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  mkdirSync(outDir, { recursive: true });
  const meta = {
    npvguard: (await git(REPO_ROOT, ['rev-parse', '--short', 'HEAD'])).stdout.trim() || 'unknown',
    'packages/ last changed in': (await git(REPO_ROOT, ['log', '-1', '--format=%h', '--', 'packages'])).stdout.trim() || 'unknown',
    node: process.version,
    npm: (await exec('npm', ['--version'], REPO_ROOT, 60_000)).stdout.trim(),
    date: new Date().toISOString().slice(0, 16).replace('T', ' '),
  };
  const outcomes: TargetOutcome[] = [];
  for (const { target, folder } of chosen) outcomes.push(await runTarget(target, folder, outDir, values.keep === true));
  let reference: StepResult | undefined;
  let referenceCases: ReferenceCase[] | undefined;
  if (values.reference === true) {
    process.stderr.write('[reference] npm run check\n');
    reference = plain(await step('npm run check', 'npm', ['run', 'check', '--silent'], REPO_ROOT));
    // The same question on the reference service: a change committed, checked with --base (its evaluation cases).
    process.stderr.write('[reference] npm run bench:check -- --runs 3\n');
    const file = path.join(outDir, 'reference-check.json');
    const bench = await step('npm run bench:check -- --runs 3', 'npm', ['run', 'bench:check', '--silent', '--', '--runs', '3', '--json', file], REPO_ROOT);
    if (bench.exitCode === 0 && existsSync(file)) referenceCases = (JSON.parse(readFileSync(file, 'utf8')) as { cases: ReferenceCase[] }).cases;
    else process.stderr.write(`[reference] bench:check failed: ${bench.firstError ?? bench.exitCode}\n`);
  }
  writeFileSync(path.join(outDir, 'trial.json'), `${JSON.stringify({ meta, targets: outcomes, reference, referenceCases }, null, 2)}\n`);
  const report = markdown(outcomes, meta, reference, referenceCases);
  writeFileSync(path.join(outDir, 'trial.md'), report);
  process.stdout.write(report);
  process.stdout.write(`\n${path.relative(process.cwd(), path.join(outDir, 'trial.md'))}, trial.json and each result beside it\n`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
