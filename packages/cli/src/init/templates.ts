import type { ProjectShape } from './inspectProject.js';

function quoted(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function key(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : quoted(name);
}

function globs(list: readonly string[]): string {
  return list.length === 1 && list[0] !== undefined ? quoted(list[0]) : `[${list.map(quoted).join(', ')}]`;
}

/** Starting p99 budget written for each route found; a value to replace with the service's own. */
export const STARTING_P99_MS = 200;

/** Whether init enables contracts: it does when it found the app and wrote its snapshot; else why not. */
export type ContractsSetup = { enabled: true; env?: InitEnv } | { enabled: false; reason?: string };

/** `contracts.env` as init writes it: the example env file, then placeholders for the variables it leaves empty. */
export interface InitEnv {
  file: string;
  placeholders: Readonly<Record<string, string>>;
}

function envSource(env: InitEnv): string {
  const names = Object.keys(env.placeholders);
  if (names.length === 0) return quoted(env.file);
  return `[${quoted(env.file)}, { ${names.map((name) => `${key(name)}: ${quoted(env.placeholders[name] ?? '')}`).join(', ')} }]`;
}

function contractsLines(shape: ProjectShape, setup: ContractsSetup): string {
  if (shape.app === undefined) {
    return `  // contracts: not set up, because ${shape.noAppReason ?? 'no fastify app was found'}; then set
  // contracts: { app: './<module>.ts#<export>', snapshot: 'contracts/openapi.json' } (docs/checks/contracts.md).`;
  }
  const { candidate, factory } = shape.app;
  const why = `${candidate.file}${candidate.exportName === undefined ? '' : `#${candidate.exportName}`}: ${candidate.reasons.join('; ')}`;
  const about = `  // The app: ${why}.${factory === undefined ? '' : `\n  // ${factory.file} (written by init) builds it without listening.`}`;
  const initEnv = setup.enabled ? setup.env : undefined;
  const env = initEnv === undefined ? '' : ` env: ${envSource(initEnv)},`;
  const entry = `contracts: { app: ${quoted(shape.app.reference)},${env} snapshot: 'contracts/openapi.json' },`;
  const placeholders = Object.keys(initEnv?.placeholders ?? {});
  const envNote = initEnv === undefined
    ? ''
    : `\n  // \`env\`: the app requires variables to build; those of ${initEnv.file} are set where the environment has none${placeholders.length === 0 ? '.' : `,\n  // and placeholders for ${placeholders.join(', ')}, which it leaves empty (the app is only built and called in-process).`}`;
  if (setup.enabled) {
    return `  // API contract: the snapshot of the app's routes and schemas (contracts/openapi.json, written by init); a change
  // that breaks it fails. After an intended change: \`npvguard contracts update\`.
${about}${envNote}
  ${entry}`;
  }
  return `  // API contract: not enabled, because ${setup.reason ?? 'the snapshot was not written'}.
  // Fix that (an app whose routes need a database: docs/checks/contracts.md, "Apps that need a database"), run
  // \`npvguard contracts update\`, then uncomment.
${about}
  // ${entry}`;
}

/** What the first check found of a route's static bound: its budget is raised to it when it is over the starting value. */
export interface ObservedBound {
  /** The worst case of the route's slowest path today, or null when a call on it waits without limit. */
  boundMs: number | null;
}

/** The starting budget of a route: the starting value, or its bound today rounded up to 50 ms when that is higher. */
export function startingBudget(observed: ObservedBound | undefined): number {
  const bound = observed?.boundMs;
  if (bound === null || bound === undefined || bound <= STARTING_P99_MS) return STARTING_P99_MS;
  return Math.ceil(bound / 50) * 50;
}

function boundComment(observed: ObservedBound | undefined): string {
  if (observed === undefined) return '';
  if (observed.boundMs === null) return '; unbounded today (accepted in the baseline)';
  return `; static bound today ${observed.boundMs} ms`;
}

function latencyLines(shape: ProjectShape, bounds: Readonly<Record<string, ObservedBound>> = {}): string {
  if (shape.routes.length === 0) {
    return "  // latency: no routes were found in the sources; add budgets as { 'METHOD /path': { p99Ms } } (docs/checks/latency.md).";
  }
  const budgets = shape.routes.map((route) => {
    const name = `${route.method} ${route.url}`;
    return `      ${quoted(name)}: { p99Ms: ${startingBudget(bounds[name])} }, // ${route.file}:${route.line}${boundComment(bounds[name])}`;
  });
  const raised = Object.keys(bounds).length === 0 ? '' : ', or the static bound a route has today when that is higher';
  return `  // Latency budgets per route (p99, ms) for the routes found in the sources: the static bound of each route's
  // slowest path must fit. ${STARTING_P99_MS} ms is a starting value${raised}: set each route's own (docs/checks/latency.md).
  latency: {
    budgets: {
${budgets.join('\n')}
    },
  },`;
}

function ignoreLines(shape: ProjectShape): string {
  if (shape.testIgnore === undefined) return '';
  return `    // Tests exercise every layer and import test support: boundaries judges the service code, not them.
    ignore: [${shape.testIgnore.map(quoted).join(', ')}],
`;
}

/** The starting npvguard.config.ts: the layers of src/, today's imports allowed, drivers where they are used, lint on. */
export function configTemplate(
  shape: ProjectShape,
  observed: { allow: Record<string, readonly string[]>; externals: Record<string, readonly string[]> },
  inGit: boolean,
  contracts: ContractsSetup = { enabled: false },
  bounds: Readonly<Record<string, ObservedBound>> = {},
): string {
  const layers = Object.entries(shape.layers).map(([name, patterns]) => `      ${key(name)}: ${globs(patterns)},`);
  const allowed = Object.entries(observed.allow).map(([name, targets]) => `      ${key(name)}: [${targets.map(quoted).join(', ')}],`);
  const externals = Object.entries(observed.externals).map(([name, owners]) => `      ${key(name)}: [${owners.map(quoted).join(', ')}],`);
  const externalsBlock = externals.length === 0
    ? ''
    : `    // Database, cache and HTTP clients, allowed only in the layers that use them today.
    externals: {
${externals.join('\n')}
    },
`;
  return `import { defineConfig } from 'npvguard';

/**
 * Written by \`npvguard init\`. The layers are the folders of src/ (a folder whose subfolders play different roles:
 * one layer per subfolder), and each layer may import exactly the layers its code depends on today (imports and
 * fastify decorators): a new kind of dependency fails \`npvguard check\`.
 * Tighten \`allow\` to the architecture you want (docs/checks/boundaries.md), then enable the checks below one by one.
 */
export default defineConfig({
  boundaries: {
    layers: {
${layers.join('\n')}
    },
    allow: {
${allowed.join('\n')}
    },
${externalsBlock}${ignoreLines(shape)}  },
  // ESLint with the project's ESLint config, or eslint-plugin-npvguard's recommended rules when it has none.
  lint: {},
  // Guardrails the change must not weaken (suppressions, skipped tests, loosened configs).
${inGit ? '' : '  // Needs a git repository: the change is compared with --base (or HEAD).\n'}  ${inGit ? '' : '// '}integrity: {},
${contractsLines(shape, contracts)}
${latencyLines(shape, bounds)}
});
`;
}

/** An ESLint flat config with the plugin's recommended rules, for a project that has none. */
export function eslintConfigTemplate(): string {
  return `// Written by \`npvguard init\`: TypeScript rules and eslint-plugin-npvguard's recommended set for the service code.
import tseslint from 'typescript-eslint';
import npvguard from 'eslint-plugin-npvguard';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**'] },
  { languageOptions: { parserOptions: { tsconfigRootDir: import.meta.dirname } } },
  ...tseslint.configs.recommended,
  { ...npvguard.configs.recommended, files: ['src/**/*.ts'] },
);
`;
}

/** The lines to add to an existing ESLint config (init never edits it). */
export const ESLINT_ENTRY = `import npvguard from 'eslint-plugin-npvguard';
// in the exported array:
{ ...npvguard.configs.recommended, files: ['src/**/*.ts'] },`;

/** The GitHub Actions workflow: check against the PR's base, SARIF to code scanning, annotations, job summary. */
export function workflowTemplate(projectFolder: string, installed: readonly string[] = []): string {
  const inFolder = projectFolder === '' || projectFolder === '.' ? '' : `\n        working-directory: ${projectFolder}`;
  const sarif = projectFolder === '' || projectFolder === '.' ? 'npvguard.sarif' : `${projectFolder}/npvguard.sarif`;
  return `# Written by \`npvguard init\`: npvguard on every pull request. Findings already on the base branch do not fail it.
name: npvguard
on:
  pull_request:
  push:
    branches: [main]
permissions:
  contents: read
  security-events: write
jobs:
  npvguard:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
      - uses: actions/setup-node@v4
        with:
          node-version: 20
          cache: npm
      - run: npm ci${installed.length === 0 ? '' : `\n      # npm ci installs what \`npvguard init\` added to devDependencies: ${installed.join(', ')}`}
      - name: npvguard (annotations and job summary)
        run: npx npvguard check --format github \${{ github.event_name == 'pull_request' && format('--base origin/{0}', github.base_ref) || '' }}${inFolder}
      - name: npvguard (SARIF)
        if: always()
        run: npx npvguard check --format sarif --output npvguard.sarif \${{ github.event_name == 'pull_request' && format('--base origin/{0}', github.base_ref) || '' }} || true${inFolder}
      - uses: github/codeql-action/upload-sarif@v3
        if: always()
        with:
          sarif_file: ${sarif}
          category: npvguard
`;
}

/** Claude Code: the hooks (.claude/settings.json) and the MCP server (.mcp.json). */
export function claudeSettingsTemplate(): string {
  const command = (event: string) => ({ type: 'command', command: `npx --no-install npvguard hook claude --event ${event}`, timeout: event === 'stop' ? 150 : 30 });
  return `${JSON.stringify(
    {
      hooks: {
        PostToolUse: [{ matcher: 'Edit|Write|MultiEdit', hooks: [command('post-tool-use')] }],
        Stop: [{ hooks: [command('stop')] }],
      },
    },
    null,
    2,
  )}\n`;
}

export function mcpServersTemplate(): string {
  return `${JSON.stringify({ mcpServers: { npvguard: { command: 'npx', args: ['--no-install', 'npvguard', 'mcp'] } } }, null, 2)}\n`;
}

/** Cursor: .cursor/hooks.json (afterFileEdit after each edit, stop with a bounded follow-up loop). */
export function cursorHooksTemplate(): string {
  return `${JSON.stringify(
    {
      version: 1,
      hooks: {
        afterFileEdit: [{ command: 'npx --no-install npvguard hook cursor --event after-file-edit' }],
        stop: [{ command: 'npx --no-install npvguard hook cursor --event stop', loop_limit: 3 }],
      },
    },
    null,
    2,
  )}\n`;
}

export const AGENTS_MARKER = '<!-- npvguard -->';

export function agentsSection(): string {
  return `${AGENTS_MARKER}
## npvguard

This service is checked by npvguard (layer boundaries, API and model contracts, latency budgets, lint, guardrail
integrity). Before you finish a change:

- run \`npx npvguard check --base origin/main\` (one line per finding: \`path:line:col severity ruleId message (fix: hint)\`);
- fix each finding using its hint; \`npx npvguard explain <ruleId>\` prints the rule's doc with examples;
- never silence a finding (\`eslint-disable\`, \`as any\`, \`.skip\`, a lowered budget, a deleted test): the integrity
  check reports those too. If a finding is truly wrong, say so in the pull request.
`;
}
