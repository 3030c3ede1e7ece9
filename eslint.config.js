// ESLint flat config for the npvguard repository itself.
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import npvguard from 'eslint-plugin-npvguard';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '**/fixtures/**',
      '**/coverage/**',
      'examples/agent-changes/**',
      // Validators compiled from the OpenAPI schemas by packages/cli/scripts/generateOpenApiValidators.js.
      'packages/cli/generated/**',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  // The reference service has its own config (with type information); the parser must not guess which root is ours.
  { languageOptions: { parserOptions: { tsconfigRootDir: import.meta.dirname } } },
  // The repo holds itself to its own plugin's syntax-only rules (the reference service adds type information in its own config).
  { ...npvguard.configs.recommended, files: ['packages/*/src/**/*.{ts,mts,cts}', 'examples/*/src/**/*.{ts,mts,cts}'] },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
);
