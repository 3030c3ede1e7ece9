import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'npv-ranking-service',
    include: ['tests/**/*.test.ts'],
  },
});
