import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'model-server',
    include: ['tests/**/*.test.ts'],
  },
});
