import { createRequire } from 'node:module';

const resolve = createRequire(import.meta.url).resolve;

/**
 * An ESLint flat config for a temporary project: typescript-eslint's parser with type information from the
 * project's tsconfig.json, and eslint-plugin-npvguard's `require-timeout-type-checked`, whose verdict on a call
 * depends on the types of what the file imports. Both are imported by absolute path (the project has no node_modules).
 */
export const TYPE_AWARE_ESLINT_CONFIG = [
  `import parser from ${JSON.stringify(resolve('@typescript-eslint/parser'))};`,
  `import plugin from ${JSON.stringify(resolve('eslint-plugin-npvguard'))};`,
  "export default [{ files: ['**/*.ts'], languageOptions: { parser, parserOptions: { project: './tsconfig.json', tsconfigRootDir: import.meta.dirname } },",
  "  plugins: { npvguard: plugin }, rules: { 'npvguard/require-timeout-type-checked': 'error' } }];",
  '',
].join('\n');

/** The tsconfig.json beside it: DOM types for fetch, no @types. */
export const TYPE_AWARE_TSCONFIG = JSON.stringify({ compilerOptions: { target: 'ES2023', lib: ['ES2023', 'DOM'], module: 'NodeNext', strict: true, noEmit: true, types: [] }, include: ['src/**/*.ts'] });
