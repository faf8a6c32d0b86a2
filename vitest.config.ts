import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    globalSetup: ['test/setup/databases.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Much of a test's time is spent waiting on PostgreSQL or a child process: two workers even on two cores.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
