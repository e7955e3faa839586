// Test helpers for the integration project: the shared test store and a clean graph per file.
import { inject } from 'vitest';
import { resetGraph } from '../../engine/store/admin.ts';
import type { ConnectionInfo } from '../../engine/store/connection.ts';
import { getStore, type Store } from '../../engine/store/gateway.ts';

export function testConnection(): ConnectionInfo {
  return inject('neo4j');
}

export function testStore(): Store {
  return getStore(testConnection());
}

/** Empties the graph (constraints stay); integration files call it in beforeAll/beforeEach. */
export async function cleanGraph(): Promise<Store> {
  const store = testStore();
  await resetGraph(store);
  return store;
}

/** Environment for a CLI child process that should talk to the test server. */
export function testServerEnv(): NodeJS.ProcessEnv {
  const c = testConnection();
  return { ...process.env, NEO4J_URI: c.uri, NEO4J_USER: c.user, NEO4J_PASSWORD: c.password };
}
