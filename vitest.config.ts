import { defineConfig } from 'vitest/config';

// Tests split by runtime: pure unit tests, and integration tests on real SQLite files,
// real HTTP/SMTP servers on loopback. End-to-end tests run under Playwright (test/e2e).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node', // key generation in fixtures is CPU-bound: a loaded machine needs more than vitest's 5 s
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      // Many integration tests start the CLI or a host as a process (tsx compiles on start): 20 s is
      // normal on a loaded 2-core machine, so the limit catches hangs, not slow machines.
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 90_000,
          hookTimeout: 90_000,
        },
      },
    ],
  },
});
