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

/**
 * Everything a write could change, as one string: counts, property totals, labels, types, property keys, indexes,
 * constraints. Audit entries are left out: refused queries are audited, which is no change by the query.
 */
export async function storeSnapshot(store: Store): Promise<string> {
  const [graph] = await store.read(
    `MATCH (n) WHERE NOT n:AuditEntry
     WITH count(n) AS nodes, sum(size(keys(n))) AS nodeProps, collect(n.name) AS names
     OPTIONAL MATCH ()-[r]->()
     RETURN nodes, nodeProps, names, count(r) AS rels, sum(size(keys(r))) AS relProps`,
  );
  const labels = await store.read(
    'CALL db.labels() YIELD label WHERE label <> "AuditEntry" RETURN collect(label) AS l',
  );
  const types = await store.read(
    'CALL db.relationshipTypes() YIELD relationshipType RETURN collect(relationshipType) AS t',
  );
  const keys = await store.read('CALL db.propertyKeys() YIELD propertyKey RETURN collect(propertyKey) AS k');
  const schema = await store.autoCommit('SHOW INDEXES YIELD name RETURN collect(name) AS indexes');
  const constraints = await store.autoCommit(
    'SHOW CONSTRAINTS YIELD name RETURN collect(name) AS constraints',
  );
  return JSON.stringify({ graph, labels, types, keys, schema, constraints });
}
