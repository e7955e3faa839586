// Three projects: fast unit tests (no services), integration tests against a real Neo4j started once, and
// end-to-end tests of the viewer in real headless Chromium over the same kind of Neo4j.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts', 'engine/server/**/*.test.ts'],
          globalSetup: ['test/setup/neo4j-global.ts'],
          // One database for all files: files run one after another, each clearing what it uses.
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 300_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/setup/neo4j-global.ts'],
          // After the integration tests (which clean the same database), never alongside them.
          sequence: { groupOrder: 1 },
          fileParallelism: false,
          testTimeout: 300_000,
          hookTimeout: 900_000,
        },
      },
    ],
  },
});
