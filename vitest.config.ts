// Two projects: fast unit tests (no services) and integration tests against a real Neo4j started once.
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
    ],
  },
});
