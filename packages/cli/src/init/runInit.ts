import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync, appendFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { NpvError, type Check } from '@npvguard/core';
import type { CliIO } from '../io/io.js';
import { repositoryTop } from '../base/repository.js';
import { CONFIG_FILE_NAMES } from '../load/findConfig.js';
import { runContractsUpdate } from '../commands/contracts.js';
import { ESLINT_CONFIGS, inspectProject, resolvesFrom, type ProjectShape } from './inspectProject.js';
import { describeJustification, observeLayerImports } from './observedEdges.js';
import {
  AGENTS_MARKER,
  ESLINT_ENTRY,
  agentsSection,
  claudeSettingsTemplate,
  configTemplate,
  cursorHooksTemplate,
  eslintConfigTemplate,
  mcpServersTemplate,
  workflowTemplate,
  STARTING_P99_MS,
  type ContractsSetup,
  type InitEnv,
  type ObservedBound,
} from './templates.js';
import { parseDotenv } from '../checks/contracts/load/appEnv.js';
import { adoptExistingFindings, summarizeAccepted } from './adoptFindings.js';

export const INIT_AGENTS = ['claude', 'cursor'] as const;
type InitAgent = (typeof INIT_AGENTS)[number];

export interface InitOptions {
  cwd?: string;
  force: boolean;
  agents: string[];
  /** Run `npm i -D` for what the written files import, instead of printing the command. */
  install?: boolean;
  /** False: do not run the first check nor accept its findings into the baseline file. */
  baseline?: boolean;
}

/** What to run once the ESLint entry is in the project's config: the first check ran without the plugin's rules. */
const ACCEPT_AFTER_ENTRY = 'Then `npx npvguard baseline --update --allow-growth --reason "in the code when npvguard was adopted"` accepts what its rules find on the existing code, as init did for the other checks.';

/**
 * Env files projects commit beside the `.env` they keep out of git, in the order they are looked for: the one
 * their tests use first (values meant for a run without the real services), then the examples for development.
 */
const EXAMPLE_ENV_FILES = ['.env.test', '.env.example', '.env.sample', '.env.template', '.env.dist'] as const;

/** A value for a variable an example env file leaves empty (a secret to set), long enough for secret-length checks. */
const PLACEHOLDER = `npvguard-placeholder-${'0'.repeat(43)}`;

/**
 * The env init tries the app with: the example file as it is, then, when it leaves variables empty (secrets a
 * developer is to fill in), with placeholders for those. An unreadable file gives no attempt.
 */
function exampleEnvAttempts(root: string, file: string): InitEnv[] {
  let values: Record<string, string>;
  try {
    values = parseDotenv(readFileSync(path.join(root, file), 'utf8'), file);
  } catch {
    return [];
  }
  const empty = Object.keys(values).filter((name) => values[name] === '');
  const attempts: InitEnv[] = [{ file, placeholders: {} }];
  if (empty.length > 0) attempts.push({ file, placeholders: Object.fromEntries(empty.map((name) => [name, PLACEHOLDER])) });
  return attempts;
}

/** What the ESLint config init writes imports. */
const ESLINT_CONFIG_PACKAGES = ['typescript-eslint', 'eslint-plugin-npvguard'] as const;

interface EslintPlan {
  /** Write an ESLint config (eslint.config.js, or .mjs in a CommonJS package). */
  write: boolean;
  /** Packages to install for what init writes (empty when they resolve). */
  missing: string[];
  notes: string[];
}

/**
 * Whether init writes an ESLint config, and what it needs installed. A project without ESLint gets none: the lint
 * check then runs eslint-plugin-npvguard's recommended rules itself. A project with ESLint and no config gets one
 * only when what it imports resolves from the project (or --install installs it), so the first check never fails
 * on a config init wrote.
 */
function planEslint(shape: ProjectShape, repositoryRoot: string | undefined): EslintPlan {
  const above = eslintConfigAbove(shape.root, repositoryRoot);
  if (shape.eslintConfig === undefined && above !== undefined) {
    const missing = resolvesFrom(shape.root, 'eslint-plugin-npvguard') ? [] : ['eslint-plugin-npvguard'];
    return {
      write: false,
      missing,
      notes: [`${above} is the ESLint config of this folder (ESLint looks for it in parent folders); no config was written here, which would shadow it. Add eslint-plugin-npvguard to it:\n${ESLINT_ENTRY}\n${ACCEPT_AFTER_ENTRY}`],
    };
  }
  if (shape.eslintConfig !== undefined) {
    const missing = resolvesFrom(shape.root, 'eslint-plugin-npvguard') ? [] : ['eslint-plugin-npvguard'];
    return { write: false, missing, notes: [`${shape.eslintConfig} exists and was not changed; add eslint-plugin-npvguard to it:\n${ESLINT_ENTRY}\n${ACCEPT_AFTER_ENTRY}`] };
  }
  if (!shape.hasEslint) {
    return { write: false, missing: [], notes: ['the project has no ESLint: no ESLint config was written, and the lint check runs eslint-plugin-npvguard\'s recommended rules on its own. To lint with a config of yours, add eslint and run `npvguard init` again.'] };
  }
  return { write: true, missing: ESLINT_CONFIG_PACKAGES.filter((name) => !resolvesFrom(shape.root, name)), notes: [] };
}

/**
 * The ESLint flat config a folder inherits from a parent folder inside the same repository (ESLint walks up from
 * the linted file to the first eslint.config.*), relative to the folder; undefined when none or outside git.
 */
function eslintConfigAbove(root: string, repositoryRoot: string | undefined): string | undefined {
  if (repositoryRoot === undefined) return undefined;
  const top = realpathSync(repositoryRoot);
  const start = realpathSync(root);
  for (let dir = path.dirname(start); ; dir = path.dirname(dir)) {
    if (path.relative(top, dir).startsWith('..')) return undefined;
    const found = ESLINT_CONFIGS.find((name) => existsSync(path.join(dir, name)));
    if (found !== undefined) return path.relative(start, path.join(dir, found)).split(path.sep).join('/');
    if (dir === top || path.dirname(dir) === dir) return undefined;
  }
}

async function npmInstall(root: string, packages: readonly string[]): Promise<{ ok: true } | { ok: false; message: string }> {
  try {
    await promisify(execFile)(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['install', '--save-dev', ...packages], { cwd: root, maxBuffer: 16 * 1024 * 1024 });
    return { ok: true };
  } catch (error) {
    const failure = error as { stderr?: string; message: string };
    return { ok: false, message: (failure.stderr ?? '').trim().split('\n').slice(-3).join(' ') || failure.message };
  }
}

type Outcome = 'created' | 'overwritten' | 'unchanged' | 'kept';

/** Writes one file unless it exists: init never overwrites without --force, and a second run changes nothing. */
function writeOnce(file: string, content: string, force: boolean): Outcome {
  if (existsSync(file)) {
    if (readFileSync(file, 'utf8') === content) return 'unchanged';
    if (!force) return 'kept';
    writeFileSync(file, content);
    return 'overwritten';
  }
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
  return 'created';
}

function parseAgents(agents: readonly string[]): InitAgent[] {
  return agents.map((agent) => {
    if (!(INIT_AGENTS as readonly string[]).includes(agent)) {
      throw new NpvError('NPV2405', `Unknown agent "${agent}" for --agents: use ${INIT_AGENTS.join(', ')}.`, { agent });
    }
    return agent as InitAgent;
  });
}

/** Which app init chose and why, the others it saw, or why there is none. */
function appNotes(shape: ProjectShape): string[] {
  const describe = (candidate: ProjectShape['appCandidates'][number]) => `${candidate.file}:${candidate.line}${candidate.exportName === undefined ? '' : ` (${candidate.exportName})`} — ${candidate.kind}: ${candidate.reasons.join('; ')}`;
  if (shape.app === undefined) return [`contracts is left commented out: ${shape.noAppReason ?? 'no fastify app was found'}.`];
  const others = shape.appCandidates.filter((candidate) => candidate !== shape.app?.candidate).slice(0, 3);
  return [
    `the app: ${describe(shape.app.candidate)}${shape.app.factory === undefined ? '' : `; ${shape.app.factory.file} builds it without listening`}.`,
    ...(others.length === 0 ? [] : [`other ways the app is built, ranked lower:\n${others.map((candidate) => `  ${describe(candidate)}`).join('\n')}`]),
    `${shape.routes.length} route${shape.routes.length === 1 ? '' : 's'} found in the sources${shape.routes.length === 0 ? '' : ` (a starting budget for each in the latency section)`}.`,
  ];
}

/**
 * The contract snapshot of the app init found, written as \`npvguard contracts update\` writes it, so the first
 * \`npvguard check\` has a contract to hold the app to. An app that cannot be booted here (a database it needs, an
 * env var it reads) leaves contracts off, with the first line of why.
 */
async function writeFirstSnapshot(root: string, io: CliIO, checks: readonly Check[]): Promise<{ ok: true; note: string } | { ok: false; reason: string }> {
  let printed = '';
  const quiet: CliIO = { ...io, cwd: root, stdout: { write: (chunk: string) => (printed += chunk) }, stderr: { write: () => true } };
  try {
    await runContractsUpdate({ debug: false }, quiet, checks);
    return { ok: true, note: printed.trim().split('\n').map((line) => `contracts: ${line}`).join('\n') };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const code = error instanceof NpvError ? `${error.code} ` : '';
    return { ok: false, reason: `\`npvguard contracts update\` failed (${code}${message.split('\n')[0] ?? message})` };
  }
}

/**
 * The first check on the code as it is (see adoptExistingFindings): the config is written again with each route's
 * bound today, and what was accepted into the baseline file is said, by rule.
 */
async function adopt(
  root: string,
  checks: readonly Check[],
  config: { file: string; text: (bounds: Readonly<Record<string, ObservedBound>>) => string },
  created: (file: string) => void,
): Promise<string[]> {
  const reason = `in the code when npvguard was adopted (npvguard init, ${new Date().toISOString().slice(0, 10)}); fix it, then \`npvguard baseline --update\``;
  const outcome = await adoptExistingFindings(root, checks, reason);
  if (!outcome.ok) {
    return [`the first check did not complete, so no baseline was written and \`npvguard check\` reports every finding on the existing code: ${outcome.reason}.`];
  }
  const notes: string[] = [];
  if (Object.keys(outcome.bounds).length > 0) writeFileSync(config.file, config.text(outcome.bounds));
  if (outcome.raised.length > 0) {
    notes.push(`latency: the budget of ${outcome.raised.join(', ')} is the static bound the route has today (over the starting ${STARTING_P99_MS} ms): lower it as you shorten the path.`);
  }
  if (outcome.baselineFile === undefined) notes.push('the first check found nothing on the existing code: every check that ran passes.');
  else {
    created(outcome.baselineFile);
    notes.push(
      `the first check found ${summarizeAccepted(outcome.accepted)} on the existing code. They are accepted in ${outcome.baselineFile}, each with its reason, so \`npvguard check\` fails only on what a change adds. \`npvguard baseline\` shows where the code stands against it; after fixing some, \`npvguard baseline --update\` shrinks it. (\`npvguard init --no-baseline\` accepts nothing.)`,
    );
  }
  return notes;
}

/** `npvguard init`: inspects the project and writes a starting config, the ESLint entry, the CI workflow and agent files. */
export async function runInitCommand(options: InitOptions, io: CliIO, checks: readonly Check[]): Promise<number> {
  const agents = parseAgents(options.agents);
  const root = path.resolve(io.cwd, options.cwd ?? '.');
  const shape = inspectProject(root);
  const outcomes: [string, Outcome][] = [];
  const write = (file: string, content: string) => outcomes.push([path.relative(io.cwd, file) || file, writeOnce(file, content, options.force)]);
  const notes: string[] = [];
  const gitTop = await repositoryTop(root);
  /** The config init wrote this run, and how to write it again with the bounds the first check found. */
  let snapshotWritten = false;
  let writtenConfig: { file: string; text: (bounds: Readonly<Record<string, ObservedBound>>) => string } | undefined;

  const existingConfig = CONFIG_FILE_NAMES.find((name) => name !== 'npvguard.config.ts' && existsSync(path.join(root, name)));
  if (existingConfig !== undefined && !options.force) {
    notes.push(`${existingConfig} already configures npvguard; npvguard.config.ts was not written.`);
  } else {
    const configFile = path.join(root, 'npvguard.config.ts');
    // Inspecting imports takes a second; a config already in place is kept without it.
    if (existsSync(configFile) && !options.force) outcomes.push([path.relative(io.cwd, configFile), 'kept']);
    else {
      const observed = await observeLayerImports(shape, checks);
      shape.layers = observed.layers;
      let contractsSetup: ContractsSetup = { enabled: shape.app !== undefined };
      const configText = (bounds: Readonly<Record<string, ObservedBound>> = {}) => configTemplate(shape, observed, gitTop !== undefined, contractsSetup, bounds);
      write(configFile, configText());
      for (const split of observed.splits) notes.push(`${split.folder} is proposed as one layer per subfolder (${split.layers.join(', ')}), as they play different roles: ${split.why}.`);
      const justified = Object.values(observed.justification);
      if (justified.length > 0) notes.push(`each allow entry is a dependency the code has today:\n${justified.sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to)).map((entry) => `  ${describeJustification(entry)}`).join('\n')}`);
      if (observed.unavailable !== undefined) notes.push(`the boundaries check cannot run on this project yet (${observed.unavailable}); fix that before \`npvguard check\`.`);
      for (const finding of observed.otherFindings) notes.push(`boundaries will report ${finding.ruleId} at ${finding.file}:${finding.line}: ${finding.message}`);
      if (shape.app?.factory !== undefined) write(path.join(root, shape.app.factory.file), shape.app.factory.content);
      const written = outcomes.find(([file]) => file === (path.relative(io.cwd, configFile) || configFile))?.[1];
      if (shape.app !== undefined && (written === 'created' || written === 'overwritten')) {
        let snapshot = await writeFirstSnapshot(root, io, checks);
        // An app whose env plugin requires variables: the values of the project's example env file, as a developer would copy them.
        const exampleEnv = snapshot.ok ? undefined : EXAMPLE_ENV_FILES.find((name) => existsSync(path.join(root, name)));
        if (exampleEnv !== undefined && !snapshot.ok) {
          const first = snapshot.reason;
          const attempts = exampleEnvAttempts(root, exampleEnv);
          let last = '';
          for (const env of attempts) {
            contractsSetup = { enabled: true, env };
            writeFileSync(configFile, configText());
            const retried = await writeFirstSnapshot(root, io, checks);
            if (retried.ok) {
              const placeholders = Object.keys(env.placeholders);
              snapshot = { ok: true, note: `${retried.note} (with the variables of ${exampleEnv}${placeholders.length === 0 ? '' : `, and placeholders for ${placeholders.join(', ')}, empty there`})` };
              break;
            }
            last = retried.reason;
          }
          if (!snapshot.ok) {
            contractsSetup = { enabled: false };
            snapshot = { ok: false, reason: `${first}; with the variables of ${exampleEnv} set, ${last}` };
          }
        }
        if (snapshot.ok) {
          notes.push(snapshot.note);
          snapshotWritten = true;
        } else {
          contractsSetup = { enabled: false, reason: snapshot.reason };
          writeFileSync(configFile, configText());
          notes.push(`contracts is left commented out: ${snapshot.reason}.`);
        }
      }
      if (written === 'created' || written === 'overwritten') writtenConfig = { file: configFile, text: configText };
    }
  }
  notes.push(...appNotes(shape));

  const eslint = planEslint(shape, gitTop);
  const installed: string[] = [];
  if (eslint.missing.length > 0) {
    const command = `npm i -D ${eslint.missing.join(' ')}`;
    if (options.install === true) {
      io.stdout.write(`running  ${command}\n`);
      const result = await npmInstall(root, eslint.missing);
      if (result.ok) installed.push(...eslint.missing);
      else notes.push(`\`${command}\` failed: ${result.message}`);
    }
    const stillMissing = eslint.missing.filter((name) => !installed.includes(name));
    if (stillMissing.length > 0) {
      notes.push(
        eslint.write
          ? `the ESLint config init would write imports ${stillMissing.join(' and ')}, not installed: run \`npm i -D ${stillMissing.join(' ')}\`, then \`npvguard init\` again (or \`npvguard init --install\`).`
          : `${stillMissing.join(' and ')} is not installed: run \`npm i -D ${stillMissing.join(' ')}\` (or \`npvguard init --install\`) before adding it to ${shape.eslintConfig ?? 'your ESLint config'}.`,
      );
      if (eslint.write) eslint.write = false;
    }
  }
  // An ES module config: `.js` where package.json says "type": "module", `.mjs` in a CommonJS package.
  if (eslint.write) write(path.join(root, shape.esm ? 'eslint.config.js' : 'eslint.config.mjs'), eslintConfigTemplate());
  notes.push(...eslint.notes);

  if (writtenConfig !== undefined && options.baseline !== false) {
    notes.push(...(await adopt(root, checks, writtenConfig, (file) => outcomes.push([path.relative(io.cwd, path.join(root, file)) || file, 'created']))));
  }

  const top = gitTop ?? root;
  write(path.join(top, '.github', 'workflows', 'npvguard.yml'), workflowTemplate(path.relative(top, root).split(path.sep).join('/'), installed));

  if (agents.includes('claude')) {
    write(path.join(root, '.claude', 'settings.json'), claudeSettingsTemplate());
    write(path.join(root, '.mcp.json'), mcpServersTemplate());
  }
  if (agents.includes('cursor')) {
    write(path.join(root, '.cursor', 'hooks.json'), cursorHooksTemplate());
    write(path.join(root, '.cursor', 'mcp.json'), mcpServersTemplate());
  }
  if (agents.length > 0) {
    const agentsFile = path.join(root, 'AGENTS.md');
    const current = existsSync(agentsFile) ? readFileSync(agentsFile, 'utf8') : undefined;
    if (current === undefined) write(agentsFile, agentsSection());
    else if (current.includes(AGENTS_MARKER)) outcomes.push([path.relative(io.cwd, agentsFile), 'unchanged']);
    else {
      // A section of its own, marked, appended to the team's file: the rest of it stays as written.
      appendFileSync(agentsFile, `\n${agentsSection()}`);
      outcomes.push([path.relative(io.cwd, agentsFile), 'overwritten']);
    }
  }

  for (const [file, outcome] of outcomes) {
    const label = outcome === 'kept' ? 'kept (exists; --force overwrites)' : outcome === 'overwritten' ? 'updated' : outcome;
    io.stdout.write(`${label.padEnd(10)} ${file}\n`);
  }
  for (const note of notes) io.stdout.write(`note: ${note}\n`);
  io.stdout.write(`\nnext: commit these files (the integrity check compares the change with the last commit), run \`npx npvguard check\`${shape.app === undefined || snapshotWritten ? '' : `; once the app boots here, \`npx npvguard contracts update\` snapshots the API of ${shape.app.reference}`}.\n`);
  return 0;
}
