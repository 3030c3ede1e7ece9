import { defineConfig } from 'npvguard';

/**
 * npvguard's own architecture: every tool package builds on core; core depends on none of them.
 * The reference service and model server have their own configs under examples/.
 */
export default defineConfig({
  include: ['packages/*/src/**/*.ts', 'packages/cli/package.json'],
  tsconfig: 'tsconfig.json',
  boundaries: {
    layers: {
      core: 'packages/core/src/**',
      // The CLI reads its own version from its package.json.
      cli: ['packages/cli/src/**', 'packages/cli/package.json'],
      'eslint-plugin': 'packages/eslint-plugin/src/**',
      harness: 'packages/harness/src/**',
    },
    allow: {
      core: [],
      // The lint check runs eslint-plugin-npvguard's rules as its fallback ESLint config; the contracts check runs
      // the harness's contract properties and schema generators.
      cli: ['core', 'eslint-plugin', 'harness'],
      'eslint-plugin': ['core'],
      harness: ['core'],
    },
    externals: {
      // The TypeScript compiler, ts-morph, commander and ESLint stay out of core (no I/O, no analysis engine).
      typescript: ['cli', 'eslint-plugin'],
      'ts-morph': ['cli'],
      commander: ['cli'],
      eslint: ['cli', 'eslint-plugin'],
      '@typescript-eslint/*': ['eslint-plugin', 'cli'],
      'node:fs': ['cli', 'harness', 'eslint-plugin'],
      'node:fs/promises': ['cli', 'harness', 'eslint-plugin'],
      'node:child_process': ['cli', 'harness'],
      'node:worker_threads': ['cli'],
    },
    cycles: 'runtime',
  },
});
