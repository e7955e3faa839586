// Typed whole-database queries: counts per label and type, and the reset that empties the graph.
import type { Store } from './gateway.ts';

export interface GraphStats {
  nodes: Record<string, number>;
  relationships: Record<string, number>;
}

/**
 * Counts from the count store (constant time per label/type), including labels and types
 * that exist in the database but currently have zero members.
 */
export async function graphStats(store: Store): Promise<GraphStats> {
  const labels = await store.read<{ label: string }>(
    'CALL db.labels() YIELD label RETURN label ORDER BY label',
  );
  const types = await store.read<{ relationshipType: string }>(
    'CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType ORDER BY relationshipType',
  );
  const nodes: Record<string, number> = {};
  for (const { label } of labels) {
    const [row] = await store.read<{ n: number }>(
      `MATCH (n:\`${label.replaceAll('`', '``')}\`) RETURN count(n) AS n`,
    );
    nodes[label] = row?.n ?? 0;
  }
  const relationships: Record<string, number> = {};
  for (const { relationshipType } of types) {
    const [row] = await store.read<{ n: number }>(
      `MATCH ()-[r:\`${relationshipType.replaceAll('`', '``')}\`]->() RETURN count(r) AS n`,
    );
    relationships[relationshipType] = row?.n ?? 0;
  }
  return { nodes, relationships };
}

/** Deletes every node and relationship in batches (constraints and indexes stay). Returns nodes deleted. */
export async function resetGraph(store: Store): Promise<number> {
  const [before] = await store.read<{ n: number }>('MATCH (n) RETURN count(n) AS n');
  // Relationships first, in small transactions: DETACH DELETE of a hub account would put all of its
  // relationships (hundreds of thousands) in one transaction and exceed the memory pool.
  await store.autoCommit('MATCH ()-[r]->() CALL { WITH r DELETE r } IN TRANSACTIONS OF 10000 ROWS');
  await store.autoCommit('MATCH (n) CALL { WITH n DELETE n } IN TRANSACTIONS OF 10000 ROWS');
  return before?.n ?? 0;
}
