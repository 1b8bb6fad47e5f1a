import { defineConfig } from 'vitest/config';

// Tests split by runtime: pure unit tests, and integration tests on real SQLite files,
// real HTTP/SMTP servers on loopback. End-to-end tests run under Playwright (test/e2e).
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' } },
      { test: { name: 'integration', include: ['test/integration/**/*.test.ts'], environment: 'node', testTimeout: 30_000, hookTimeout: 30_000 } },
    ],
  },
});
