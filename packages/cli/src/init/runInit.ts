import { existsSync, mkdirSync, readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import path from 'node:path';
import { NpvError, type Check } from '@npvguard/core';
import type { CliIO } from '../io/io.js';
import { repositoryTop } from '../base/repository.js';
import { CONFIG_FILE_NAMES } from '../load/findConfig.js';
import { inspectProject } from './inspectProject.js';
import { observeLayerImports } from './observedEdges.js';
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
} from './templates.js';

export const INIT_AGENTS = ['claude', 'cursor'] as const;
type InitAgent = (typeof INIT_AGENTS)[number];

export interface InitOptions {
  cwd?: string;
  force: boolean;
  agents: string[];
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

/** `npvguard init`: inspects the project and writes a starting config, the ESLint entry, the CI workflow and agent files. */
export async function runInitCommand(options: InitOptions, io: CliIO, checks: readonly Check[]): Promise<number> {
  const agents = parseAgents(options.agents);
  const root = path.resolve(io.cwd, options.cwd ?? '.');
  const shape = inspectProject(root);
  const outcomes: [string, Outcome][] = [];
  const write = (file: string, content: string) => outcomes.push([path.relative(io.cwd, file) || file, writeOnce(file, content, options.force)]);
  const notes: string[] = [];
  const gitTop = await repositoryTop(root);

  const existingConfig = CONFIG_FILE_NAMES.find((name) => name !== 'npvguard.config.ts' && existsSync(path.join(root, name)));
  if (existingConfig !== undefined && !options.force) {
    notes.push(`${existingConfig} already configures npvguard; npvguard.config.ts was not written.`);
  } else {
    const configFile = path.join(root, 'npvguard.config.ts');
    // Inspecting imports takes a second; a config already in place is kept without it.
    if (existsSync(configFile) && !options.force) outcomes.push([path.relative(io.cwd, configFile), 'kept']);
    else {
      const observed = await observeLayerImports(shape, checks);
      write(configFile, configTemplate(shape, observed.allow, gitTop !== undefined));
      for (const finding of observed.otherFindings) notes.push(`boundaries will report ${finding.ruleId} at ${finding.file}:${finding.line}: ${finding.message}`);
    }
  }
  if (shape.eslintConfig === undefined) write(path.join(root, 'eslint.config.js'), eslintConfigTemplate());
  else notes.push(`${shape.eslintConfig} exists and was not changed; add eslint-plugin-npvguard to it:\n${ESLINT_ENTRY}`);

  const top = gitTop ?? root;
  write(path.join(top, '.github', 'workflows', 'npvguard.yml'), workflowTemplate(path.relative(top, root).split(path.sep).join('/')));

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
  io.stdout.write(`\nnext: commit these files (the integrity check compares the change with the last commit), run \`npx npvguard check\`${shape.appExport === undefined ? '' : `, then \`npx npvguard contracts update\` to snapshot the API of ${shape.appExport}`}.\n`);
  return 0;
}
