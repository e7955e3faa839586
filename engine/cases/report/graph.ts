// The case graph image: from the latest saved view's positions, or subjects and neighbours laid out radially
// (a deterministic layout: subjects on a ring, each one's neighbours around it).
import { keyOf } from '../../detect/evidence.ts';
import { explorableLabels } from '../../graph/entities.ts';
import { ENTITY_TYPES, RELATION_TYPES } from '../../schema/index.ts';
import type { Store } from '../../store/gateway.ts';
import type { CaseSubject, CaseView } from '../model.ts';
import { captionOf } from './analysis.ts';
import { byText, entityCaption } from './format.ts';
import type { Lang, ReportGraph } from './model.ts';
import { type DrawEdge, type DrawNode, renderGraphSvg, safeColor } from './svg.ts';

/** Most nodes drawn from a view; neighbours shown per subject without a view, and in all. */
export const DRAW_LIMITS = { viewNodes: 1500, perSubject: 12, layoutNodes: 160 };

const ENTITY_COLOURS = new Map<string, string>(ENTITY_TYPES.map((e) => [e.label, e.color]));
const RELATION_COLOURS = new Map<string, string>(RELATION_TYPES.map((r) => [r.type, r.color]));
/** Relationship types drawn: the investigated graph's, not case or clue bookkeeping. */
const DRAWN_TYPES = RELATION_TYPES.map((r) => r.type as string).filter((t) => !/^(CASE|CLUE)_/.test(t));

interface NodeRow {
  id: string;
  type: string;
  key: string;
  p: Record<string, unknown>;
}

async function nodeRows(store: Store, ids: readonly string[]): Promise<Map<string, NodeRow>> {
  const rows = await store.read<NodeRow>(
    `UNWIND $ids AS id MATCH (n) WHERE elementId(n) = id AND any(l IN labels(n) WHERE l IN $labels)
     RETURN id, head(labels(n)) AS type, ${keyOf('n')} AS key, properties(n) AS p`,
    { ids: [...ids], labels: explorableLabels() },
  );
  return new Map(rows.map((r) => [r.id, r]));
}

/** Relationships among the drawn nodes, one line per pair and type (counted, amounts summed). */
async function edgeRows(store: Store, ids: readonly string[]) {
  return store.read<{ s: string; t: string; type: string; n: number; amount: number }>(
    `UNWIND $ids AS id MATCH (a) WHERE elementId(a) = id
     MATCH (a)-[r]->(b) WHERE type(r) IN $types AND elementId(b) IN $ids
     RETURN elementId(a) AS s, elementId(b) AS t, type(r) AS type, count(r) AS n,
            sum(coalesce(toFloat(r.amount), 0.0)) AS amount`,
    { ids: [...ids], types: DRAWN_TYPES },
  );
}

/** Up to `perSubject` neighbours of each subject, most-connected first, then by type and key. */
async function neighbourRows(store: Store, subjectIds: readonly string[]) {
  return store.read<{ subject: string; ids: string[] }>(
    `UNWIND $ids AS id MATCH (s) WHERE elementId(s) = id
     CALL (s) {
       MATCH (s)-[r]-(m) WHERE type(r) IN $types AND any(l IN labels(m) WHERE l IN $labels)
       WITH m, count(r) AS n ORDER BY n DESC, head(labels(m)), ${keyOf('m')} LIMIT toInteger($per)
       RETURN collect(elementId(m)) AS ids
     }
     RETURN elementId(s) AS subject, ids`,
    { ids: [...subjectIds], types: DRAWN_TYPES, labels: explorableLabels(), per: DRAW_LIMITS.perSubject },
  );
}

function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** Positions (and optional colours and sizes) a view states for its nodes; anything malformed is skipped. */
function viewPositions(view: CaseView) {
  const list = Array.isArray(view.state.nodes) ? (view.state.nodes as unknown[]) : [];
  const out = new Map<string, { x: number; y: number; color?: string; size?: number }>();
  for (const item of list) {
    const n = item as Record<string, unknown>;
    const x = num(n?.x);
    const y = num(n?.y);
    if (typeof n?.id !== 'string' || x === null || y === null || out.has(n.id)) continue;
    const size = num(n.size);
    out.set(n.id, {
      x,
      y,
      ...(typeof n.color === 'string' ? { color: n.color } : {}),
      ...(size !== null ? { size } : {}),
    });
    if (out.size >= DRAW_LIMITS.viewNodes) break;
  }
  return out;
}

export async function caseGraph(
  store: Store,
  subjects: readonly CaseSubject[],
  view: CaseView | null,
  lang: Lang,
): Promise<ReportGraph> {
  const subjectIds = new Set(subjects.map((s) => s.id));
  let positions: Map<string, { x: number; y: number; color?: string; size?: number }>;
  let yUp = true;
  const typeColours = (view?.state.colours ?? view?.state.colors ?? {}) as Record<string, unknown>;
  if (view) {
    positions = viewPositions(view);
    yUp = view.state.yAxis !== 'down';
  } else {
    const ordered = [...subjects]
      .sort((a, b) => byText(a.type, b.type) || byText(a.key, b.key))
      .map((s) => s.id);
    const found = await neighbourRows(store, ordered);
    const lists = new Map(found.map((r) => [r.subject, r.ids]));
    // Keep the drawing readable: neighbours are dropped, never subjects, past the node budget.
    let budget = Math.max(0, DRAW_LIMITS.layoutNodes - ordered.length);
    const trimmed = new Map<string, string[]>();
    const seen = new Set(ordered);
    for (const id of ordered) {
      const own = (lists.get(id) ?? []).filter((n) => !seen.has(n)).slice(0, budget);
      for (const n of own) seen.add(n);
      budget -= own.length;
      trimmed.set(id, [...own, ...(lists.get(id) ?? []).filter((n) => subjectIds.has(n))]);
    }
    positions = radialLayout(ordered, trimmed);
    yUp = false;
  }
  const ids = [...positions.keys()];
  const rows = await nodeRows(store, ids);
  const nodes: DrawNode[] = [];
  for (const [id, p] of positions) {
    const row = rows.get(id);
    if (!row) continue;
    const colour = safeColor(p.color ?? typeColours[row.type], ENTITY_COLOURS.get(row.type) ?? '#999999');
    nodes.push({
      id,
      x: p.x,
      y: p.y,
      label: captionOf(row.type, row.p, row.key),
      type: row.type,
      color: colour,
      subject: subjectIds.has(id),
      ...(p.size !== undefined ? { size: p.size } : {}),
    });
  }
  const drawn = nodes.map((n) => n.id);
  const edges: DrawEdge[] = (await edgeRows(store, drawn)).map((e) => ({
    source: e.s,
    target: e.t,
    type: e.type,
    color: RELATION_COLOURS.get(e.type) ?? '#999999',
    count: e.n,
    amount: e.amount,
  }));
  const types = [...new Set(nodes.map((n) => n.type))].sort(byText);
  const legend = types.map((t) => ({
    caption: entityCaption(t, lang),
    color: safeColor(typeColours[t], ENTITY_COLOURS.get(t) ?? '#999999'),
  }));
  return {
    svg: renderGraphSvg({ nodes, edges, legend, yUp }),
    source: view ? { kind: 'view', name: view.name, author: view.author, at: view.at } : { kind: 'layout' },
    nodes: nodes.length,
    edges: edges.length,
  };
}

export interface Point {
  x: number;
  y: number;
}

/**
 * Places `subjects` (in the given order) evenly on a circle and, around each, the neighbours listed for it that
 * no earlier subject already placed. Coordinates grow downward (page convention). Same input → same output.
 */
export function radialLayout(
  subjects: readonly string[],
  neighbours: ReadonlyMap<string, readonly string[]>,
) {
  const placed = new Map<string, Point>();
  const k = subjects.length;
  const ring = k <= 1 ? 0 : Math.max(260, (k * 200) / (2 * Math.PI));
  for (const [i, id] of subjects.entries()) {
    const angle = (2 * Math.PI * i) / Math.max(k, 1) - Math.PI / 2;
    // `+ 0` turns -0 into 0, so the same layout always prints the same.
    placed.set(id, { x: ring * Math.cos(angle) + 0, y: ring * Math.sin(angle) + 0 });
  }
  for (const [i, id] of subjects.entries()) {
    const centre = placed.get(id)!;
    const own = (neighbours.get(id) ?? []).filter((n) => !placed.has(n));
    // Outward from the ring's centre, so neighbour clusters of adjacent subjects do not overlap.
    const outward = k <= 1 ? 0 : (2 * Math.PI * i) / k - Math.PI / 2;
    const arc = k <= 1 ? 2 * Math.PI : Math.min(2 * Math.PI, Math.PI * 1.2);
    const radius = 90 + 4 * own.length;
    for (const [j, n] of own.entries()) {
      const t = own.length === 1 ? 0.5 : j / (k <= 1 ? own.length : own.length - 1);
      const angle = outward - arc / 2 + arc * t;
      placed.set(n, { x: centre.x + radius * Math.cos(angle), y: centre.y + radius * Math.sin(angle) });
    }
  }
  return placed;
}
