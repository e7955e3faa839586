// Neighbourhood expansion, capped by neighbour: one page of an entity's neighbours with their edges and per-pair totals.
import { InvalidInputError } from '../errors.ts';
import { isRelationName, RELATION_TYPES } from '../schema/index.ts';
import type { Store } from '../store/gateway.ts';
import type { PlainNode, PlainRelationship } from '../store/plain.ts';
import { type EntityHandle, explorableLabels } from './entities.ts';
import { type GraphPayload, PayloadBuilder } from './payload.ts';

export type Direction = 'out' | 'in' | 'both';

export interface NeighbourOptions {
  /** Relationship types to follow (default every type). */
  types?: readonly string[];
  direction?: Direction;
  /** Neighbours per page (the cap) and where the page starts. */
  limit?: number;
  offset?: number;
  /** Edges returned per neighbour (the largest amounts first); totals always count them all. */
  edgesPerNeighbour?: number;
}

/** What joins the entity to one neighbour, per relationship type and direction (seen from the entity). */
export interface PairRelation {
  type: string;
  direction: 'out' | 'in';
  edges: number;
  amount: number;
}

export interface NeighbourSummary {
  /** The neighbour's element id (a node of `graph`). */
  id: string;
  edges: number;
  amount: number;
  relations: PairRelation[];
  /** Edges of this pair present in `graph` (fewer than `edges` when capped by edgesPerNeighbour). */
  shown: number;
}

export interface Neighbourhood {
  center: string;
  graph: GraphPayload;
  neighbours: NeighbourSummary[];
  /** Distinct neighbours matching the filters; `more` = total − offset − returned. */
  total: number;
  offset: number;
  returned: number;
  more: number;
}

/** Relationship types in schema order: neighbours are ordered by the first type that joins them. */
const TYPE_RANK = Object.fromEntries(RELATION_TYPES.map((r, i) => [r.type, i]));

const PATTERN: Record<Direction, string> = {
  out: '(n)-[r]->(m)',
  in: '(n)<-[r]-(m)',
  both: '(n)-[r]-(m)',
};

function checkTypes(types: readonly string[] | undefined): string[] {
  const all = RELATION_TYPES.map((r) => r.type as string);
  if (!types?.length) return all;
  for (const type of types)
    if (!isRelationName(type))
      throw new InvalidInputError(
        'entity.unknownType',
        `未知的关系类型：${type} / Unknown relationship type: ${type}`,
        { details: { field: 'query.types', type } },
      );
  return [...types];
}

/**
 * One page of neighbours of `handle`, ordered by relationship type (schema order), then total amount, then edge
 * count. The ranking reads only the entity's own relationships (never its neighbours'); the page's edges are
 * then fetched pair by pair, each pair capped.
 */
export async function neighbourhood(
  store: Store,
  handle: EntityHandle,
  options: NeighbourOptions = {},
): Promise<Neighbourhood> {
  const types = checkTypes(options.types);
  const direction = options.direction ?? 'both';
  const limit = options.limit ?? 50;
  const offset = options.offset ?? 0;
  const params = {
    id: handle.elementId,
    types,
    labels: explorableLabels(),
    rank: TYPE_RANK,
    offset,
    limit,
    perPair: options.edgesPerNeighbour ?? 100,
  };
  // One query, one round trip. The ranking reads only the entity's own relationships and carries node references
  // and numbers, never nested maps, so a hub account with thousands of counterparties is ranked in one pass; then
  // only the page's pairs are read: what joins each pair by type and direction, and its edges (capped).
  const rows = await store.read<{
    total: number;
    m: PlainNode | null;
    edges: number | null;
    amount: number | null;
    rels: PlainRelationship[];
    relations: PairRelation[];
  }>(
    `MATCH (n) WHERE elementId(n) = $id
     CALL (n) {
       MATCH ${PATTERN[direction]}
       WHERE type(r) IN $types AND m <> n AND any(l IN labels(m) WHERE l IN $labels)
       WITH m, min($rank[type(r)]) AS rank, count(r) AS edges, sum(coalesce(r.amount, 0.0)) AS amount
       ORDER BY rank, amount DESC, edges DESC, elementId(m)
       WITH collect([m, edges, amount]) AS ranked
       RETURN size(ranked) AS total, ranked[toInteger($offset)..toInteger($offset) + toInteger($limit)] AS page
     }
     UNWIND CASE WHEN size(page) = 0 THEN [[null, null, null]] ELSE page END AS entry
     WITH n, total, entry[0] AS m, entry[1] AS edges, entry[2] AS amount
     CALL (n, m) {
       OPTIONAL MATCH ${PATTERN[direction]} WHERE type(r) IN $types
       WITH type(r) AS type, CASE WHEN startNode(r) = n THEN 'out' ELSE 'in' END AS direction,
         count(r) AS edges, sum(coalesce(r.amount, 0.0)) AS amount
       RETURN [x IN collect({type: type, direction: direction, edges: edges, amount: amount}) WHERE x.type IS NOT NULL]
         AS relations
     }
     CALL (n, m) {
       OPTIONAL MATCH ${PATTERN[direction]} WHERE type(r) IN $types
       WITH r ORDER BY coalesce(r.amount, 0.0) DESC, elementId(r) LIMIT toInteger($perPair)
       RETURN collect(r) AS rels
     }
     RETURN total, m, edges, amount, rels, relations`,
    params,
  );
  const total = rows[0]?.total ?? 0;
  const builder = new PayloadBuilder();
  builder.addNode(handle.node);
  const neighbours: NeighbourSummary[] = [];
  for (const row of rows) {
    if (!row.m) continue;
    builder.addNode(row.m);
    for (const rel of row.rels) builder.addRelationship(rel);
    neighbours.push({
      id: row.m.elementId,
      edges: row.edges ?? 0,
      amount: row.amount ?? 0,
      relations: [...row.relations].sort(
        (a, b) =>
          (TYPE_RANK[a.type] ?? 0) - (TYPE_RANK[b.type] ?? 0) || a.direction.localeCompare(b.direction),
      ),
      shown: row.rels.length,
    });
  }
  return {
    center: handle.elementId,
    graph: builder.build(),
    neighbours,
    total,
    offset,
    returned: neighbours.length,
    more: Math.max(0, total - offset - neighbours.length),
  };
}
