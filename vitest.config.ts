import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['test/integration/global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Integration tests own pseudo-terminals and SQLite files; two workers suit two cores.
    maxWorkers: 2,
  },
});
