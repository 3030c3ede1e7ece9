// ESLint flat config of the reference service: the checks of eslint-plugin-npvguard with type information,
// and the layer boundaries of npvguard.config.ts, so the editor shows what `npvguard check` reports.
import tseslint from 'typescript-eslint';
import npvguard from 'eslint-plugin-npvguard';
import { createJiti } from 'jiti';

// The npvguard config is TypeScript; jiti loads it without a build step, as npvguard itself does.
const npvguardConfig = await createJiti(import.meta.url).import('./npvguard.config.ts', { default: true });

const SERVICE_CODE = ['src/**/*.ts'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'var/**'] },
  ...tseslint.configs.recommended,
  // This folder is the root of the service's tsconfigs, whichever folder ESLint runs from.
  { languageOptions: { parserOptions: { tsconfigRootDir: import.meta.dirname } } },
  {
    // Service code is typed by the service's own tsconfig: a smaller program than one that adds the tests'
    // dependencies (vitest and its types), so the type-aware rules start sooner.
    files: SERVICE_CODE,
    languageOptions: { parserOptions: { project: './tsconfig.json' } },
  },
  {
    // tsconfig.check.json adds tests and scripts; the few config files at the top are linted without types.
    files: ['tests/**/*.ts', 'scripts/**/*.ts'],
    languageOptions: { parserOptions: { project: './tsconfig.check.json' } },
  },
  { ...npvguard.configs['recommended-type-checked'], files: SERVICE_CODE },
  {
    files: SERVICE_CODE,
    rules: { 'npvguard/boundaries': 'error' },
    settings: {
      npvguard: {
        boundaries: npvguardConfig.boundaries,
        root: import.meta.dirname,
        // Every layer on the ranking path takes time and randomness from injected ports: the pipeline, the runner
        // and the core it is built on decide what is ranked and in which order as much as the components do.
        deterministicPath: ['**/src/experiments/**', '**/src/components/**', '**/src/pipeline/**', '**/src/core/**'],
      },
    },
  },
  {
    files: SERVICE_CODE,
    // genReqId makes every request id a fresh random UUID: an order derived from requestId is not reproducible.
    rules: { 'npvguard/deterministic-ranking': ['error', { perRequest: ['requestId'] }] },
  },
  {
    rules: { '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }] },
  },
);
