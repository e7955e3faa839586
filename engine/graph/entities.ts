// Entity references and look-ups shared by the API, viewer and reports: resolve what a user names, fetch by key.
import { resolveEntity } from '../analysis/store/resolve.ts';
import { EngineError, InvalidInputError, NotFoundError } from '../errors.ts';
import { ENTITY_TYPES, entityType, isEntityLabel } from '../schema/index.ts';
import type { Store } from '../store/gateway.ts';
import type { PlainNode } from '../store/plain.ts';

/** A resolved entity: its element id (what payloads hand out), its label and business key. */
export interface EntityHandle {
  elementId: string;
  label: string;
  key: string;
  /** `Label:key`, the analysis engine's node id. */
  ref: string;
  node: PlainNode;
}

/** Neo4j 5 element ids: `<kind>:<database uuid>:<number>`. */
const ELEMENT_ID = /^\d+:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}:\d+$/i;

export function isElementId(text: string): boolean {
  return ELEMENT_ID.test(text);
}

/** Labels of the investigated graph that users explore: not clues, cases, users, templates, audit or runs. */
export function explorableLabels(): string[] {
  return ENTITY_TYPES.filter((e) => !('internal' in e && e.internal) && e.label !== 'Clue').map(
    (e) => e.label,
  );
}

/** The schema key of a node, given its labels. */
export function labelOf(node: PlainNode): string {
  return node.labels.find(isEntityLabel) ?? node.labels[0] ?? '';
}

function keyOf(node: PlainNode, label: string): string {
  return isEntityLabel(label) ? String(node.properties[entityType(label).key] ?? '') : '';
}

function handleOf(node: PlainNode): EntityHandle {
  const label = labelOf(node);
  const key = keyOf(node, label);
  return { elementId: node.elementId, label, key, ref: `${label}:${key}`, node };
}

/** `entity.notFound` (404), naming the request field at fault. */
export function entityNotFound(text: string, field: string): NotFoundError {
  return new NotFoundError('entity.notFound', `没有此实体：${text} / No such entity: ${text}`, {
    details: { field, entity: text },
  });
}

/** Nodes of the explorable labels by element id; absent ids are left out. */
export async function nodesByElementId(store: Store, ids: readonly string[]): Promise<PlainNode[]> {
  if (!ids.length) return [];
  const rows = await store.read<{ n: PlainNode }>(
    `UNWIND $ids AS id MATCH (n) WHERE elementId(n) = id AND any(l IN labels(n) WHERE l IN $labels)
     RETURN n`,
    { ids: [...new Set(ids)], labels: explorableLabels() },
  );
  return rows.map((r) => r.n);
}

/** Per-label `UNWIND … MATCH` arms over `Label:key` refs (an index seek per label), as one query. */
function byRefQuery(
  refs: readonly string[],
  returns: string,
): { cypher: string; params: Record<string, unknown> } {
  const byLabel = new Map<string, string[]>();
  for (const ref of new Set(refs)) {
    const at = ref.indexOf(':');
    const label = at > 0 ? ref.slice(0, at) : '';
    if (!isEntityLabel(label)) continue;
    const keys = byLabel.get(label) ?? [];
    byLabel.set(label, keys);
    keys.push(ref.slice(at + 1));
  }
  const labels = [...byLabel.keys()];
  const arms = labels.map(
    (label, i) =>
      `UNWIND $k${i} AS k MATCH (n:${label} {${entityType(label).key}: k}) RETURN '${label}:' + k AS ref, ${returns} AS n`,
  );
  const params = Object.fromEntries(labels.map((label, i) => [`k${i}`, byLabel.get(label)]));
  return { cypher: arms.length ? `CALL {\n${arms.join('\nUNION ALL\n')}\n} RETURN ref, n` : '', params };
}

/**
 * Nodes by `Label:key`, in one query: the map from each found ref to its node.
 * Refs of unknown labels or absent keys are simply missing from the map.
 */
export async function nodesByRef(store: Store, refs: readonly string[]): Promise<Map<string, PlainNode>> {
  const { cypher, params } = byRefQuery(refs, 'n');
  if (!cypher) return new Map();
  const rows = await store.read<{ ref: string; n: PlainNode }>(cypher, params);
  return new Map(rows.map((r) => [r.ref, r.n]));
}

/** Element ids by `Label:key` (only the ids: for long member lists), absent refs left out. */
export async function elementIdsByRef(store: Store, refs: readonly string[]): Promise<Map<string, string>> {
  const { cypher, params } = byRefQuery(refs, 'elementId(n)');
  if (!cypher) return new Map();
  const rows = await store.read<{ ref: string; n: string }>(cypher, params);
  return new Map(rows.map((r) => [r.ref, r.n]));
}

/**
 * Resolves what a caller names — an element id from a payload, `Label:key`, or a bare key (ID number, account
 * number, credit code, phone…) — to one entity of `labels` (default: every explorable label).
 * Unknown → `entity.notFound` (404); a bare key of several entities → `entity.ambiguous` (400); both name `field`.
 */
export async function resolveEntityRef(
  store: Store,
  text: string,
  options: { field: string; labels?: readonly string[] },
): Promise<EntityHandle> {
  const raw = (text ?? '').trim();
  const labels = options.labels ?? explorableLabels();
  if (!raw)
    throw new InvalidInputError('entity.badReference', '未指定实体 / No entity given', {
      details: { field: options.field },
    });
  let node: PlainNode | undefined;
  if (isElementId(raw)) {
    [node] = await nodesByElementId(store, [raw]);
  } else {
    let ref: string;
    try {
      ref = await resolveEntity(store, raw, labels);
    } catch (error) {
      if (error instanceof EngineError && error.id === 'analysis.ambiguousEntity')
        throw new InvalidInputError('entity.ambiguous', error.message, {
          details: { field: options.field, entity: raw, candidates: error.details.candidates },
        });
      if (error instanceof EngineError && error.status === 404) throw entityNotFound(raw, options.field);
      throw error;
    }
    node = (await nodesByRef(store, [ref])).get(ref);
  }
  // Users, templates, cases and clues are never entities here, whatever their key.
  if (!node || !explorableLabels().includes(labelOf(node))) throw entityNotFound(raw, options.field);
  const handle = handleOf(node);
  if (!labels.includes(handle.label))
    throw new InvalidInputError(
      'entity.wrongType',
      `实体 ${raw} 的类型 ${handle.label} 不适用，应为 ${labels.join('、')} / Entity ${raw} is a ${handle.label}; expected ${labels.join(', ')}`,
      { details: { field: options.field, entity: raw, type: handle.label, expected: [...labels] } },
    );
  return handle;
}
