// A clue's evidence as a graph payload: its subjects and the stored evidence's nodes and relationships, by elementId.
import type { Evidence, EvidenceRelationship, NodeRef } from '../../detect/types.ts';
import { type GraphPayload, PayloadBuilder } from '../../graph/payload.ts';
import {
  entityType,
  investigatedEntityTypes,
  RELATION_TYPES,
  type RelationType,
} from '../../schema/index.ts';
import type { Store } from '../../store/gateway.ts';
import type { PlainNode, PlainRelationship } from '../../store/plain.ts';

export interface ClueGraph {
  graph: GraphPayload;
  /** Element ids of the clue's subjects (CLUE_SUBJECT), with their role in the clue. */
  subjects: { id: string; role: string }[];
  /** Evidence items the store no longer holds (deleted or re-keyed since the clue was raised). */
  missing: { nodes: number; relationships: number };
}

/** Labels whose nodes evidence can name: the investigated graph, not clues or application records. */
const LOOKUP_LABELS = new Set(
  investigatedEntityTypes()
    .map((e) => e.label)
    .filter((l) => l !== 'Clue'),
);

/** Identifying property of keyed relationship types (txKey, paymentKey…), from the schema. */
const RELATION_KEYS = new Map<string, string>(
  (RELATION_TYPES as readonly RelationType[]).flatMap((r) => (r.key ? [[r.type, r.key] as const] : [])),
);

const refId = (n: NodeRef) => `${n.type}\u0000${n.key}`;

/** Every node the evidence names, its relationships' ends included, grouped by label. */
function keysByLabel(evidence: Evidence): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const add = (n: NodeRef) => {
    if (!LOOKUP_LABELS.has(n.type) || !n.key) return;
    const keys = out.get(n.type) ?? new Set<string>();
    keys.add(n.key);
    out.set(n.type, keys);
  };
  for (const n of evidence.nodes) add(n);
  for (const r of evidence.relationships) {
    add(r.from);
    add(r.to);
  }
  return out;
}

/** One query for every label present: `CALL { … UNION … }` of key look-ups, each on its label's unique key. */
async function findNodes(store: Pick<Store, 'read'>, byLabel: Map<string, Set<string>>) {
  const labels = [...byLabel.keys()];
  if (!labels.length) return [];
  const arms = labels.map(
    (label, i) =>
      `UNWIND $keys${i} AS k MATCH (n:${label} {${entityType(label).key}: k}) RETURN n, '${label}' AS label, k AS key`,
  );
  const params = Object.fromEntries(labels.map((label, i) => [`keys${i}`, [...(byLabel.get(label) ?? [])]]));
  return store.read<{ n: PlainNode; label: string; key: string }>(
    `CALL { ${arms.join(' UNION ')} } RETURN n, label, key`,
    params,
  );
}

/** The stored relationship each evidence relationship names: by its key when keyed, else by type and ends. */
async function findRelationships(
  store: Pick<Store, 'read'>,
  rels: EvidenceRelationship[],
  ids: Map<string, string>,
) {
  const wanted = rels.flatMap((r, index) => {
    const a = ids.get(refId(r.from));
    const b = ids.get(refId(r.to));
    if (!a || !b) return [];
    const keyProp = r.key === undefined ? null : (RELATION_KEYS.get(r.type) ?? null);
    return [{ index, a, b, type: r.type, keyProp, key: r.key ?? null }];
  });
  if (!wanted.length) return { found: [], matched: new Set<number>() };
  const rows = await store.read<{ index: number; r: PlainRelationship }>(
    `UNWIND $wanted AS e
     MATCH (a) WHERE elementId(a) = e.a
     MATCH (b) WHERE elementId(b) = e.b
     MATCH (a)-[r]-(b)
     WHERE type(r) = e.type AND (e.keyProp IS NULL OR r[e.keyProp] = e.key)
     RETURN e.index AS index, r`,
    { wanted },
  );
  return { found: rows.map((row) => row.r), matched: new Set(rows.map((row) => row.index)) };
}

/**
 * The clue's subjects and its evidence, looked up in the store so that ids are Neo4j elementIds and properties
 * carry their provenance (`sources`: the `file#row` of each row that stated them).
 */
export async function clueGraph(
  store: Pick<Store, 'read'>,
  clueId: string,
  evidence: Evidence,
): Promise<ClueGraph> {
  const builder = new PayloadBuilder();
  const subjectRows = await store.read<{ n: PlainNode; role: string | null }>(
    'MATCH (:Clue {clueId: $clueId})-[s:CLUE_SUBJECT]->(n) RETURN n, s.role AS role',
    { clueId },
  );
  const subjects = subjectRows.map((row) => ({ id: builder.addNode(row.n).id, role: row.role ?? '' }));
  const ids = new Map<string, string>();
  for (const row of await findNodes(store, keysByLabel(evidence))) {
    ids.set(`${row.label}\u0000${row.key}`, builder.addNode(row.n).id);
  }
  const { found, matched } = await findRelationships(store, evidence.relationships, ids);
  for (const rel of found) builder.addRelationship(rel);
  const missingNodes = evidence.nodes.filter((n) => !ids.has(refId(n))).length;
  return {
    graph: builder.build(),
    subjects,
    missing: { nodes: missingNodes, relationships: evidence.relationships.length - matched.size },
  };
}
