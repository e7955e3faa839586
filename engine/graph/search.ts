// Entity search: exact keys (ID number, account, credit code, phone) first, then names — exact, prefix, partial, full-text.
import { parsePhone } from '../../ingest/normalise/index.ts';
import { StoreError } from '../errors.ts';
import { ENTITY_TYPES, type EntityType, entityType } from '../schema/index.ts';
import type { Store } from '../store/gateway.ts';
import type { PlainNode } from '../store/plain.ts';
import { explorableLabels, labelOf } from './entities.ts';
import { type PayloadNode, payloadNode } from './payload.ts';

/** How an item matched: its key, a phone it has, or a name-like property (exact, prefix, part, full-text). */
export interface SearchMatch {
  kind: 'key' | 'phone' | 'name';
  /** The property that matched (`idNumber`, `accountNo`, `name`, `holderName`…; `phone` for phone owners). */
  field: string;
  how: 'exact' | 'prefix' | 'contains' | 'fulltext';
}

export interface SearchItem extends PayloadNode {
  match: SearchMatch;
  /** Ranking score: keys 1000, phone owners 950, names 900/800/700 (exact/prefix/part), full-text below 200. */
  score: number;
}

export interface SearchOptions {
  q: string;
  /** Labels to search (default every explorable label). */
  types?: readonly string[];
  limit?: number;
}

interface Row {
  n: PlainNode;
  kind: SearchMatch['kind'];
  field: string;
  how: SearchMatch['how'];
  score: number;
}

/** The name-like properties of a label: those the full-text index covers. */
function textProperties(label: string): string[] {
  return Object.entries(entityType(label).properties)
    .filter(([, spec]) => spec.fulltext)
    .map(([name]) => name);
}

/** The full-text arm (the `entity_search` index, CJK bigrams): finds names with the words in another order. */
const FULLTEXT_ARM = `CALL db.index.fulltext.queryNodes('entity_search', $text, {limit: toInteger($limit) * 2})
       YIELD node, score
       WHERE any(l IN labels(node) WHERE l IN $labels)
       RETURN node AS n, 'name' AS kind, '' AS field, 'fulltext' AS how,
         100.0 + CASE WHEN score > 99.0 THEN 99.0 ELSE score END AS score`;

/**
 * One query, one round trip: an index seek per label on its key, phone owners and a partial-name lookup per name
 * property (text indexes). The full-text index is asked apart, only when these leave the page short.
 */
function searchCypher(labels: string[], withPhone: boolean, withNames: boolean): string {
  const arms: string[] = [];
  for (const label of labels) {
    const key = entityType(label).key;
    arms.push(
      `MATCH (n:${label}) WHERE n.${key} IN $keys
       RETURN n, 'key' AS kind, '${key}' AS field, 'exact' AS how, 1000.0 AS score`,
    );
  }
  if (withPhone)
    arms.push(
      `MATCH (:Phone {number: $phone})<-[:HAS_PHONE]-(n) WHERE any(l IN labels(n) WHERE l IN $labels)
       RETURN n, 'phone' AS kind, 'phone' AS field, 'exact' AS how, 950.0 AS score`,
    );
  for (const label of withNames ? labels : [])
    for (const prop of textProperties(label))
      arms.push(
        `MATCH (n:${label}) WHERE n.${prop} CONTAINS $q
         WITH n, CASE WHEN n.${prop} = $q THEN 'exact' WHEN n.${prop} STARTS WITH $q THEN 'prefix'
           ELSE 'contains' END AS how
         WITH n, how, CASE how WHEN 'exact' THEN 900.0 WHEN 'prefix' THEN 800.0 ELSE 700.0 END
           - size(n.${prop}) / 1000.0 AS score
         RETURN n, 'name' AS kind, '${prop}' AS field, how, score
         ORDER BY score DESC LIMIT toInteger($limit)`,
      );
  return `CALL {\n${arms.join('\nUNION ALL\n')}\n} RETURN n, kind, field, how, score`;
}

const distinctNodes = (rows: Row[]) => new Set(rows.map((r) => r.n.elementId)).size;

/** The full-text arm's rows, each given the label's first name-like property as the field that matched. */
async function fulltextRows(store: Store, params: Record<string, unknown>): Promise<Row[]> {
  let rows: Row[];
  try {
    rows = await store.read<Row>(FULLTEXT_ARM, params);
  } catch (error) {
    // Text the Lucene parser still refuses finds nothing by full-text; the other matches still answer.
    if (!(error instanceof StoreError) || error.retriable) throw error;
    return [];
  }
  for (const row of rows) row.field = textProperties(labelOf(row.n))[0] ?? 'name';
  return rows;
}

/** Lucene query text from what a user typed: operators and special characters escaped. */
export function luceneText(q: string): string {
  return q
    .replace(/[+\-!(){}[\]^"~*?:\\/&|]/g, '\\$&')
    .replace(/\b(AND|OR|NOT|TO)\b/g, (word) => word.toLowerCase());
}

const LABEL_ORDER = new Map((ENTITY_TYPES as readonly EntityType[]).map((e, i) => [e.label, i]));

/** The best matches, each entity once (with its best reason), ranked by score, then type, then caption. */
export async function searchEntities(store: Store, options: SearchOptions): Promise<SearchItem[]> {
  const q = options.q.trim();
  const limit = options.limit ?? 20;
  const allowed = explorableLabels();
  const labels = options.types?.length ? allowed.filter((l) => options.types!.includes(l)) : allowed;
  if (!q || !labels.length) return [];
  const phone = parsePhone(q);
  const keys = [
    ...new Set([q, q.toUpperCase(), q.replace(/\s+/g, ''), ...(phone.ok ? [phone.value.phone] : [])]),
  ];
  // A number (ID, account, credit code, phone) is looked up as a key only: no name holds one.
  const keyLike = /\d{5,}/.test(q) && /^[0-9A-Za-z+\-\s()]+$/.test(q);
  const text = keyLike ? '' : luceneText(q);
  const params = { q, keys, phone: phone.ok ? phone.value.phone : null, labels, limit, text };
  const rows = await store.read<Row>(searchCypher(labels, phone.ok, !keyLike), params);
  // Full-text scores (100–199) rank below every key and name match (≥ 699), so when those already fill the page
  // the full-text arm cannot change the answer: it runs only when they do not (most short name fragments).
  if (text.trim() !== '' && distinctNodes(rows) < limit) rows.push(...(await fulltextRows(store, params)));
  const best = new Map<string, Row>();
  for (const row of rows) {
    const seen = best.get(row.n.elementId);
    if (!seen || row.score > seen.score) best.set(row.n.elementId, row);
  }
  const items = [...best.values()].map(
    (r): SearchItem => ({
      ...payloadNode(r.n),
      match: { kind: r.kind, field: r.field, how: r.how },
      score: Math.round(r.score * 1000) / 1000,
    }),
  );
  items.sort(
    (a, b) =>
      b.score - a.score ||
      (LABEL_ORDER.get(a.type) ?? 99) - (LABEL_ORDER.get(b.type) ?? 99) ||
      (a.label < b.label ? -1 : a.label > b.label ? 1 : 0) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  return items.slice(0, limit);
}
