// Cypher for projecting the store into analysis graphs, derived from the schema; each query with its row type.
import {
  entityType,
  investigatedEntityTypes,
  RELATION_TYPES,
  type RelationType,
  relationType,
} from '../../schema/index.ts';

/** One relationship as the projection reads it; `time` in epoch milliseconds (UTC reading of local times). */
export interface EdgeRow {
  id: string;
  type: string;
  sl: string;
  sk: string;
  tl: string;
  tk: string;
  amount: number | null;
  time: number | null;
  ratio: number | null;
}

/** One node's caption and cadre flag. */
export interface NodeRow {
  key: string;
  label: string | null;
  cadre: boolean;
}

/** A neighbour reached in a hop, with the relationship that reached it (see `neighbourhoodCypher`). */
export interface HopRow extends EdgeRow {
  /** Element id and label/key/caption of the node at the far end. */
  mid: string;
  ml: string;
  mk: string;
  mc: string | null;
  cadre: boolean;
}

/** Filters shared by both projections; dates as `YYYY-MM-DD` or full local date-times. */
export interface EdgeFilter {
  from?: string;
  to?: string;
  minAmount?: number;
}

/** Labels the analyses see: the investigated entities, not clues (which are about them). */
export function projectableLabels(): string[] {
  return investigatedEntityTypes()
    .map((e) => e.label)
    .filter((label) => label !== 'Clue');
}

/** Relationship types the analyses may traverse: everything between projectable entities. */
export function analysableRelationTypes(): RelationType[] {
  const investigated = new Set(projectableLabels());
  return RELATION_TYPES.filter(
    (r) => r.from.some((l) => investigated.has(l)) && r.to.every((l) => investigated.has(l)),
  );
}

/** The relationship's time as a local date-time expression, or null when the type has none. */
function temporal(relation: RelationType, r: string): string | null {
  for (const [name, spec] of Object.entries(relation.properties)) {
    if (spec.type === 'datetime') return `${r}.${name}`;
    if (spec.type === 'date') return `localdatetime({date: ${r}.${name}})`;
  }
  return null;
}

/** A CASE over `type(r)` giving the time of any analysable relationship (null for timeless ones). */
function anyTemporal(types: RelationType[], r: string): string {
  const arms = types.flatMap((t) => {
    const expr = temporal(t, r);
    return expr ? [`WHEN '${t.type}' THEN ${expr}`] : [];
  });
  return arms.length ? `CASE type(${r}) ${arms.join(' ')} END` : 'null';
}

function filterClause(time: string, r: string): string {
  return `($from IS NULL OR ${time} IS NULL OR ${time} >= localdatetime($from))
  AND ($to IS NULL OR ${time} IS NULL OR ${time} <= localdatetime($to))
  AND ($minAmount IS NULL OR ${r}.amount IS NULL OR ${r}.amount >= $minAmount)`;
}

const epoch = (time: string) =>
  `CASE WHEN ${time} IS NULL THEN null ELSE datetime({datetime: ${time}, timezone: 'UTC'}).epochMillis END`;

/** Every relationship of one type between two labels, for a whole-graph projection. */
export function edgesOfTypeCypher(type: string, fromLabel: string, toLabel: string): string {
  const relation = relationType(type);
  const from = entityType(fromLabel);
  const to = entityType(toLabel);
  const time = temporal(relation, 'r') ?? 'null';
  const has = (prop: string) => (prop in relation.properties ? `r.${prop}` : 'null');
  return `MATCH (a:${fromLabel})-[r:${type}]->(b:${toLabel})
WHERE ${filterClause(time, 'r')}
RETURN elementId(r) AS id, '${type}' AS type, '${fromLabel}' AS sl, a.${from.key} AS sk,
  '${toLabel}' AS tl, b.${to.key} AS tk, ${has('amount')} AS amount, ${epoch(time)} AS time,
  ${has('ratio')} AS ratio`;
}

/** Captions (and for persons the cadre flag: holds a post) of the nodes of one label among `$keys`. */
export function nodesOfLabelCypher(label: string): string {
  const entity = entityType(label);
  const cadre = label === 'Person' ? 'EXISTS { (n)-[:HOLDS_POST]->() }' : 'false';
  return `UNWIND $keys AS k
MATCH (n:${label} {${entity.key}: k})
RETURN k AS key, n.${entity.caption} AS label, ${cadre} AS cadre`;
}

/** Element ids of the seed nodes given as `$seeds` = [{label, key}]. */
export function seedsCypher(labels: string[]): string {
  const arms = labels.map((l) => `WHEN '${l}' THEN n.${entityType(l).key}`).join(' ');
  return `UNWIND $seeds AS s
MATCH (n) WHERE s.label IN labels(n) AND (CASE s.label ${arms} END) = s.key
RETURN elementId(n) AS id, s.label AS label, s.key AS key`;
}

/** Which way a hop follows relationships from the frontier. */
export type HopDirection = 'out' | 'in' | 'both';

/** One breadth-first hop from `$frontier` (element ids) over `$types`, with the nodes at the far end. */
export function neighbourhoodCypher(
  types: RelationType[],
  labels: string[],
  direction: HopDirection = 'both',
): string {
  const pattern = { out: '(n)-[r]->(m)', in: '(n)<-[r]-(m)', both: '(n)-[r]-(m)' }[direction];
  const time = anyTemporal(types, 'r');
  const keyOf = (v: string) =>
    `CASE labels(${v})[0] ${labels.map((l) => `WHEN '${l}' THEN ${v}.${entityType(l).key}`).join(' ')} END`;
  const captionOf = (v: string) =>
    `CASE labels(${v})[0] ${labels.map((l) => `WHEN '${l}' THEN ${v}.${entityType(l).caption}`).join(' ')} END`;
  return `UNWIND $frontier AS f
MATCH (n) WHERE elementId(n) = f
MATCH ${pattern}
WHERE type(r) IN $types AND labels(m)[0] IN $labels AND ${filterClause(time, 'r')}
WITH r, m, startNode(r) AS a, endNode(r) AS b
RETURN elementId(r) AS id, type(r) AS type,
  labels(a)[0] AS sl, ${keyOf('a')} AS sk, labels(b)[0] AS tl, ${keyOf('b')} AS tk,
  r.amount AS amount, ${epoch(time)} AS time, r.ratio AS ratio,
  elementId(m) AS mid, labels(m)[0] AS ml, ${keyOf('m')} AS mk, ${captionOf('m')} AS mc,
  labels(m)[0] = 'Person' AND EXISTS { (m)-[:HOLDS_POST]->() } AS cadre`;
}
