import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'agent-changes',
    include: ['tests/**/*.test.ts'],
  },
});
