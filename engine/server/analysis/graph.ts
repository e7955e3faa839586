// Graph payloads of analysis answers: `Label:key` node ids mapped to element ids, edges fetched by id or among nodes.
import { InvalidInputError, isEngineError } from '../../errors.ts';
import { nodesByRef } from '../../graph/entities.ts';
import { type GraphPayload, PayloadBuilder } from '../../graph/payload.ts';
import type { Store } from '../../store/gateway.ts';
import type { PlainRelationship } from '../../store/plain.ts';

export interface AnswerGraph {
  graph: GraphPayload;
  /** `Label:key` → element id of every node found. */
  ids: Map<string, string>;
}

/**
 * The payload of the nodes named by `refs` (`Label:key`) and the relationships named by `edgeIds`; with
 * `among`, also every relationship of those types between the nodes (at most `cap`, `truncated` otherwise).
 */
export async function answerGraph(
  store: Store,
  refs: Iterable<string>,
  options: { edgeIds?: Iterable<string>; among?: readonly string[]; cap?: number } = {},
): Promise<AnswerGraph & { truncated: boolean }> {
  const nodes = await nodesByRef(store, [...refs]);
  const builder = new PayloadBuilder();
  const ids = new Map<string, string>();
  for (const [ref, node] of nodes) {
    builder.addNode(node);
    ids.set(ref, node.elementId);
  }
  const edgeIds = [...new Set(options.edgeIds ?? [])];
  if (edgeIds.length) {
    const rows = await store.read<{ r: PlainRelationship }>(
      'UNWIND $ids AS id MATCH ()-[r]->() WHERE elementId(r) = id RETURN r',
      { ids: edgeIds },
    );
    for (const row of rows) builder.addRelationship(row.r);
  }
  let truncated = false;
  if (options.among?.length && ids.size > 1) {
    const cap = options.cap ?? 5000;
    const elementIds = [...ids.values()];
    const rows = await store.read<{ r: PlainRelationship }>(
      `UNWIND $ids AS aid MATCH (a) WHERE elementId(a) = aid
       MATCH (a)-[r]->(b) WHERE type(r) IN $types AND elementId(b) IN $ids
       RETURN r LIMIT toInteger($cap) + 1`,
      { ids: elementIds, types: options.among, cap },
    );
    truncated = rows.length > cap;
    for (const row of rows.slice(0, cap)) builder.addRelationship(row.r);
  }
  return { graph: builder.build(), ids, truncated };
}

/** A deep copy where every `id` that is a known `Label:key` becomes its element id (edge ids stay as they are). */
export function withElementIds<T>(value: T, ids: ReadonlyMap<string, string>): T {
  if (Array.isArray(value)) return value.map((v) => withElementIds(v, ids)) as T;
  if (value && typeof value === 'object' && (value as object).constructor === Object) {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value as Record<string, unknown>))
      out[key] = key === 'id' && typeof v === 'string' ? (ids.get(v) ?? v) : withElementIds(v, ids);
    return out as T;
  }
  return value;
}

/** Every `{id, type, key}` entity reference inside an answer, as `Label:key` refs. */
export function refsIn(value: unknown, into: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) for (const v of value) refsIn(v, into);
  else if (value && typeof value === 'object') {
    const v = value as { id?: unknown; type?: unknown; key?: unknown };
    if (typeof v.id === 'string' && typeof v.type === 'string' && v.id === `${v.type}:${v.key}`)
      into.add(v.id);
    for (const item of Object.values(value)) refsIn(item, into);
  }
  return into;
}

/** Analysis errors naming an argument or limit get `field` = the query parameter, so clients can point at it. */
export async function withFieldNames<T>(
  work: () => Promise<T>,
  rename: Record<string, string> = {},
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (
      isEngineError(error) &&
      (error.id === 'analysis.badArgument' || error.id === 'analysis.limitExceeded')
    ) {
      const name = String(error.details.argument ?? error.details.limit ?? '');
      throw new InvalidInputError(error.id, error.message, {
        details: { ...error.details, field: `query.${rename[name] ?? name}` },
        cause: error,
      });
    }
    throw error;
  }
}
