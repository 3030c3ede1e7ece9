import { defineConfig } from 'npvguard';

/**
 * npvguard's own architecture: every tool package builds on core; core depends on none of them. Inside the CLI,
 * the pipeline shows in its floors: the command line on top (commands, MCP server, hooks), then the runner, then the
 * checks; reporters render the result and know only core; git lives in one base module that only the runner and the
 * command line reach. The reference service and model server have their own configs under examples/.
 */
export default defineConfig({
  include: ['packages/*/src/**/*.ts', 'packages/cli/package.json', 'packages/cli/generated/**/*.d.ts'],
  tsconfig: 'tsconfig.json',
  boundaries: {
    layers: {
      core: 'packages/core/src/**',
      // The front door: parses the command line and serves agents; nothing below imports it.
      cli: [
        'packages/cli/src/main.ts',
        'packages/cli/src/index.ts',
        'packages/cli/src/app.ts',
        'packages/cli/src/cli/**',
        'packages/cli/src/commands/**',
        'packages/cli/src/mcp/**',
        'packages/cli/src/hooks/**',
        'packages/cli/src/init/**',
        'packages/cli/src/explain/**',
      ],
      // load → check → compare → one result: the project, the runner, worker threads, baselines.
      run: ['packages/cli/src/run/**', 'packages/cli/src/load/**', 'packages/cli/src/baseline/**'],
      // The only module that runs git: the base tree, the change, files at a revision.
      base: 'packages/cli/src/base/**',
      checks: 'packages/cli/src/checks/**',
      report: 'packages/cli/src/report/**',
      // Process-facing types; module loading with caches (TypeScript, jiti, configs); small shared helpers.
      io: 'packages/cli/src/io/**',
      modules: 'packages/cli/src/modules/**',
      // The CLI reads its own version from its package.json.
      shared: ['packages/cli/src/shared/**', 'packages/cli/package.json'],
      'eslint-plugin': 'packages/eslint-plugin/src/**',
      harness: 'packages/harness/src/**',
      // The OpenAPI validators compiled ahead of time (packages/cli/scripts/generateOpenApiValidators.js).
      generated: 'packages/cli/generated/**',
    },
    allow: {
      core: [],
      cli: ['run', 'base', 'checks', 'report', 'io', 'modules', 'shared', 'core', 'eslint-plugin', 'harness'],
      run: ['base', 'io', 'modules', 'shared', 'core'],
      // Checks get the change from the runner (never git), and report findings as data (never render).
      checks: ['modules', 'shared', 'core', 'eslint-plugin', 'harness', 'generated'],
      report: ['core'],
      base: ['core'],
      io: [],
      modules: ['core'],
      shared: [],
      'eslint-plugin': ['core'],
      harness: ['core'],
      generated: [],
    },
    externals: {
      // The TypeScript compiler, ts-morph, commander and ESLint stay out of core (no I/O, no analysis engine).
      typescript: ['checks', 'modules', 'eslint-plugin'],
      // cli: init reads the project's sources to find its app and routes.
      'ts-morph': ['checks', 'cli'],
      commander: ['cli'],
      // Only the harness: a project may resolve another major version for the harness (its peer) than for the CLI,
      // and arbitraries of one version cannot run under the other; the CLI composes them with the harness's `fc`.
      'fast-check': ['harness'],
      eslint: ['checks', 'eslint-plugin'],
      '@typescript-eslint/*': ['eslint-plugin', 'checks'],
      'node:fs': ['cli', 'run', 'base', 'checks', 'modules', 'harness', 'eslint-plugin'],
      'node:fs/promises': ['cli', 'run', 'checks', 'harness', 'eslint-plugin'],
      // cli: `init --install` runs npm (git stays in base).
      'node:child_process': ['base', 'checks', 'harness', 'cli'],
      'node:worker_threads': ['run', 'checks', 'modules'],
    },
    cycles: 'all',
  },
});
