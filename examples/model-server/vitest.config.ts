import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'model-server',
    include: ['tests/**/*.test.ts'],
    // Sized for a shared, loaded 2-core machine: a type-aware test may build a TypeScript program first.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
