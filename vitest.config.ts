import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['packages/*', 'examples/*'],
    // Most of the suite's time is spent waiting on child processes (the CLI, git, npm) and booted apps, not on a
    // core: on a 2-core machine vitest's default (one worker per core but one) would run the files one at a time.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
