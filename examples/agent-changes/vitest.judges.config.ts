import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * The contract judges' agreement test: every contract-touching case of the catalogue through the real bin, about
 * twenty runs of `npvguard check --only contracts --base` (minutes on a loaded 2-core machine). Too slow for
 * `npm test`; `npm run test:contract-judges` runs it, and so does CI (.ci/run).
 */
export default defineConfig({
  test: {
    name: 'agent-changes-judges',
    root: fileURLToPath(new URL('.', import.meta.url)),
    include: ['judges/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 1_200_000,
  },
});
