// Cypher for ingest writes, derived from the schema: one MERGE statement per label and per relationship shape.
import { entityType, type PropertySpec, relationType } from '../../engine/schema/index.ts';

/** Most provenance entries kept per node or relationship; a hub account would otherwise carry thousands. */
export const MAX_SOURCES = 20;

function valueExpr(spec: PropertySpec, ref: string): string {
  switch (spec.type) {
    case 'date':
      return `date(${ref})`;
    case 'datetime':
      return `localdatetime(${ref})`;
    case 'integer':
      return `toInteger(${ref})`;
    default:
      return ref;
  }
}

/** First value wins: a later source never overwrites what an earlier one said (provenance keeps both). */
function setProperties(variable: string, properties: Record<string, PropertySpec>, skip: string): string[] {
  return Object.entries(properties)
    .filter(([name]) => name !== skip)
    .map(
      ([name, spec]) =>
        `${variable}.${name} = coalesce(${variable}.${name}, ${valueExpr(spec, `row.p.${name}`)})`,
    );
}

/**
 * Keyed relationships (a transfer, a payment) keep every row that states them, so both statements of one
 * transfer are cited. Nodes and pair relationships keep one row per source file (`row.f` = `file#`), the first
 * that names them: a hub account named by every row of its statement would otherwise be rewritten per batch.
 */
function mergeSources(variable: string, perFile: boolean): string {
  const known = perFile
    ? `any(s IN ${variable}.sources WHERE s STARTS WITH row.f)`
    : `all(s IN row.src WHERE s IN ${variable}.sources)`;
  const added = perFile ? 'row.src' : `[s IN row.src WHERE NOT s IN ${variable}.sources]`;
  return `${variable}.sources = CASE
      WHEN ${variable}.sources IS NULL THEN row.src[..${MAX_SOURCES}]
      WHEN size(${variable}.sources) >= ${MAX_SOURCES} OR ${known} THEN ${variable}.sources
      ELSE ${variable}.sources + ${added}[..(${MAX_SOURCES} - size(${variable}.sources))]
    END`;
}

/** True when a matched node or pair relationship would gain nothing from this row: no write, no lock. */
function needsWrite(variable: string): string {
  return `${variable}.sources IS NULL
   OR any(k IN keys(row.p) WHERE ${variable}[k] IS NULL)
   OR (size(${variable}.sources) < ${MAX_SOURCES} AND none(s IN ${variable}.sources WHERE s STARTS WITH row.f))`;
}

/**
 * `UNWIND $rows AS row` with row = {key, p: props, src: [source], f: file}. A matched node is written only when
 * it lacks an offered value or a source from this file: a SET that changes nothing still locks the node.
 */
export function nodeMergeCypher(label: string): string {
  const entity = entityType(label);
  const created = Object.entries(entity.properties)
    .filter(([name]) => name !== entity.key)
    .map(([name, spec]) => `n.${name} = ${valueExpr(spec, `row.p.${name}`)}`);
  const sets = [...setProperties('n', entity.properties, entity.key), mergeSources('n', true)];
  return `UNWIND $rows AS row
MERGE (n:${label} {${entity.key}: row.key})
ON CREATE SET ${[...created, 'n.firstRun = $run', `n.sources = row.src[..${MAX_SOURCES}]`].join(', ')}
WITH n, row
WHERE ${needsWrite('n')}
SET ${sets.join(',\n    ')}`;
}

/**
 * `UNWIND $rows AS row` with row = {from, to, key?, p, src, f}; both ends must already exist. A matched pair
 * relationship is written only when this row adds something (as for nodes).
 */
export function edgeMergeCypher(type: string, fromLabel: string, toLabel: string): string {
  const relation = relationType(type);
  const from = entityType(fromLabel);
  const to = entityType(toLabel);
  const keyed = relation.key !== undefined;
  const identity = keyed ? ` {${relation.key}: row.key}` : '';
  const sets = [...setProperties('r', relation.properties, relation.key ?? ''), mergeSources('r', !keyed)];
  const filter = keyed ? '' : `WITH r, row\nWHERE ${needsWrite('r')}\n`;
  return `UNWIND $rows AS row
MATCH (a:${fromLabel} {${from.key}: row.from})
MATCH (b:${toLabel} {${to.key}: row.to})
MERGE (a)-[r:${type}${identity}]->(b)
ON CREATE SET r.firstRun = $run
${filter}SET ${sets.join(',\n    ')}`;
}

/**
 * Keyed relationships: one statement looks each key up through its uniqueness index and CREATEs the missing
 * ones (a single property map per record), returning the keys it created. The batch holds each key once.
 */
export function edgeCreateMissingCypher(type: string, fromLabel: string, toLabel: string): string {
  const relation = relationType(type);
  if (!relation.key) throw new Error(`${type} has no key; use edgeMergeCypher`);
  const from = entityType(fromLabel);
  const to = entityType(toLabel);
  const props = Object.entries(relation.properties)
    .filter(([name]) => name !== relation.key)
    .map(([name, spec]) => `${name}: ${valueExpr(spec, `row.p.${name}`)}`);
  const map = [`${relation.key}: row.key`, ...props, 'firstRun: $run', 'sources: row.src'].join(', ');
  return `UNWIND $rows AS row
OPTIONAL MATCH ()-[e:${type} {${relation.key}: row.key}]->()
WITH row WHERE e IS NULL
MATCH (a:${fromLabel} {${from.key}: row.from})
MATCH (b:${toLabel} {${to.key}: row.to})
CREATE (a)-[r:${type} {${map}}]->(b)
RETURN row.key AS k`;
}

/** For keyed relationships that exist: found through the key's index, provenance and missing values added. */
export function edgeUpdateCypher(type: string): string {
  const relation = relationType(type);
  if (!relation.key) throw new Error(`${type} has no key`);
  const sets = [...setProperties('r', relation.properties, relation.key), mergeSources('r', false)];
  return `UNWIND $rows AS row
MATCH ()-[r:${type} {${relation.key}: row.key}]->()
SET ${sets.join(',\n    ')}`;
}

/** Which of `$keys` already exist (optionally only with `prop` set). */
export function existingNodesCypher(label: string, prop?: string): string {
  const entity = entityType(label);
  if (prop && !(prop in entity.properties)) throw new Error(`${label} has no property ${prop}`);
  const where = prop ? ` WHERE n.${prop} IS NOT NULL` : '';
  return `UNWIND $keys AS k MATCH (n:${label} {${entity.key}: k})${where} RETURN DISTINCT k`;
}

export function existingKeyedEdgesCypher(type: string): string {
  const relation = relationType(type);
  return `UNWIND $keys AS k MATCH ()-[r:${type} {${relation.key}: k}]->() RETURN DISTINCT k`;
}

/** `$pairs` = [{id, from, to}] for relationship types with one relationship per pair. */
export function existingPairsCypher(type: string, fromLabel: string, toLabel: string): string {
  const from = entityType(fromLabel);
  const to = entityType(toLabel);
  return `UNWIND $pairs AS p
MATCH (a:${fromLabel} {${from.key}: p.from})-[:${type}]->(b:${toLabel} {${to.key}: p.to})
RETURN DISTINCT p.id AS k`;
}
