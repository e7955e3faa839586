// Writes batches of row fragments to Neo4j: aggregated per node and relationship, idempotent,
// and tells for each row whether its main fact was new (loaded) or already there (merged).
import { StoreError } from '../../engine/errors.ts';
import { relationType } from '../../engine/schema/index.ts';
import type { Store, TxRun } from '../../engine/store/gateway.ts';
import type { EdgeUpsert, Fragment, NodeUpsert } from '../types.ts';
import {
  edgeCreateMissingCypher,
  edgeMergeCypher,
  edgeUpdateCypher,
  existingKeyedEdgesCypher,
  existingNodesCypher,
  existingPairsCypher,
  MAX_SOURCES,
  nodeMergeCypher,
} from './cypher.ts';
import { fileOfSource, SaturationMemory } from './saturation.ts';

export interface BatchItem {
  fragment: Fragment;
  /** `file#row` provenance attached to everything the row contributes. */
  source: string;
  /** Not a row of the file (the facts above a table): written, but not counted as loaded or merged. */
  uncounted?: boolean;
}

export type Disposition = 'loaded' | 'merged';

interface Aggregate {
  key: string;
  from?: string;
  to?: string;
  p: Record<string, unknown>;
  src: string[];
  /** The file part of the sources (`file#`): one batch comes from one file. */
  f: string;
}

/** Deadlocks between two overlapping batches are retried at once this many times before the driver's back-off. */
const QUICK = { quickRetries: 4 };

/** Rows per statement; a batch rarely holds more. */
const CHUNK = 10_000;

/** Adds a row's values (first value wins) and provenance; `perRow` false keeps only the file's first row. */
function absorb(target: Aggregate, props: Record<string, unknown>, source: string, perRow: boolean): void {
  for (const [k, v] of Object.entries(props)) if (!(k in target.p)) target.p[k] = v;
  if (target.src.length === 0) {
    target.src.push(source);
    target.f = fileOfSource(source);
  } else if (perRow && target.src.length < MAX_SOURCES && !target.src.includes(source)) {
    target.src.push(source);
  }
}

/** The identity of a row's main fact: shape (N node, K keyed edge, P pair edge) and id. */
function primaryId(fragment: Fragment): { group: string; id: string } {
  const p = fragment.primary;
  if ('node' in p) return { group: `N|${p.node.label}|${p.prop ?? ''}`, id: p.node.key };
  const keyed = p.edge.keyed ? 'K' : 'P';
  return { group: `${keyed}|${p.edge.type}|${p.edge.from.label}|${p.edge.to.label}`, id: p.edge.key };
}

function aggregate<T>(
  items: BatchItem[],
  pick: (f: Fragment) => T[],
  shapeOf: (x: T) => string,
  idOf: (x: T) => string,
  init: (x: T) => Aggregate,
  propsOf: (x: T) => Record<string, unknown>,
  perRow: (x: T) => boolean,
) {
  const byShape = new Map<string, Map<string, Aggregate>>();
  for (const { fragment, source } of items) {
    for (const x of pick(fragment)) {
      const shape = shapeOf(x);
      const group = byShape.get(shape) ?? new Map<string, Aggregate>();
      byShape.set(shape, group);
      const id = idOf(x);
      const agg = group.get(id) ?? init(x);
      group.set(id, agg);
      absorb(agg, propsOf(x), source, perRow(x));
    }
  }
  return byShape;
}

interface Shape {
  type: string;
  fromLabel: string;
  toLabel: string;
  rows: Aggregate[];
}

/** What one batch will write, worked out before any transaction (so a retried transaction redoes the same). */
interface BatchPlan {
  checks: { group: string; cypher: string; params: Record<string, unknown> }[];
  nodes: { label: string; rows: Aggregate[] }[];
  pairs: Shape[];
  keyed: Shape[];
}

/** Runs `cypher` over `rows` in chunks inside one transaction; returns the rows the statements returned. */
async function chunked(
  run: TxRun,
  cypher: string,
  rows: Aggregate[],
  runId: string,
): Promise<{ k: string }[]> {
  const returned: { k: string }[] = [];
  for (let start = 0; start < rows.length; start += CHUNK) {
    returned.push(
      ...(await run<{ k: string }>(cypher, { rows: rows.slice(start, start + CHUNK), run: runId })),
    );
  }
  return returned;
}

export class GraphWriter {
  private readonly store: Store;
  private readonly runId: string;
  private readonly saturation = new SaturationMemory();
  /** Node and pair-relationship facts of batches still being written (see writeBatch). */
  private readonly pending = new Set<string>();
  /** Settles when the relationships of the latest batch are committed (or failed). */
  private lastEdges: Promise<unknown> = Promise.resolve();

  constructor(store: Store, runId: string) {
    this.store = store;
    this.runId = runId;
  }

  /** Queries telling which node and pair-edge primaries exist before the batch (keyed edges report themselves). */
  private existenceChecks(items: BatchItem[]): BatchPlan['checks'] {
    const groups = new Map<string, Map<string, { id: string; from: string; to: string }>>();
    for (const { fragment } of items) {
      const { group, id } = primaryId(fragment);
      if (group.startsWith('K|')) continue;
      const members = groups.get(group) ?? new Map();
      groups.set(group, members);
      const p = fragment.primary;
      members.set(
        id,
        'edge' in p ? { id, from: p.edge.from.key, to: p.edge.to.key } : { id, from: '', to: '' },
      );
    }
    return [...groups].map(([group, members]) => {
      const [shape, a, b, c] = group.split('|') as [string, string, string, string];
      return shape === 'N'
        ? { group, cypher: existingNodesCypher(a, b || undefined), params: { keys: [...members.keys()] } }
        : { group, cypher: existingPairsCypher(a, b, c), params: { pairs: [...members.values()] } };
    });
  }

  private plan(items: BatchItem[]): BatchPlan {
    const byLabel = aggregate<NodeUpsert>(
      items,
      (f) => f.nodes,
      (n) => n.label,
      (n) => n.key,
      (n) => ({ key: n.key, p: {}, src: [], f: '' }),
      (n) => n.props,
      () => false,
    );
    const nodes = [...byLabel].map(([label, group]) => ({
      label,
      rows: [...group.values()].filter(
        (agg) => !this.saturation.isSaturated('N', label, agg.key, agg.p, agg.f),
      ),
    }));
    const byShape = aggregate<EdgeUpsert>(
      items,
      (f) => f.edges,
      (e) => `${e.type}|${e.from.label}|${e.to.label}`,
      (e) => e.key ?? `${e.from.key}>${e.to.key}`,
      (e) => ({ key: e.key ?? '', from: e.from.key, to: e.to.key, p: {}, src: [], f: '' }),
      (e) => e.props,
      (e) => e.key !== undefined,
    );
    const pairs: Shape[] = [];
    const keyed: Shape[] = [];
    for (const [shape, group] of byShape) {
      const [type, fromLabel, toLabel] = shape.split('|') as [string, string, string];
      const rows = [...group.values()];
      if (relationType(type).key) keyed.push({ type, fromLabel, toLabel, rows });
      else {
        const fresh = rows.filter(
          (r) => !this.saturation.isSaturated('E', type, `${r.from}>${r.to}`, r.p, r.f),
        );
        pairs.push({ type, fromLabel, toLabel, rows: fresh });
      }
    }
    return { checks: this.existenceChecks(items), nodes, pairs, keyed };
  }

  /**
   * Writes the relationships in one transaction; returns, per keyed type, the keys it created. When a
   * concurrent writer created some keyed ones meanwhile (the constraint refuses the transaction), the whole
   * transaction is redone with MERGE, and what already existed is looked up first.
   */
  private async writeEdges(plan: BatchPlan): Promise<Map<string, Set<string>>> {
    const pairs = async (run: TxRun) => {
      for (const s of plan.pairs)
        await chunked(run, edgeMergeCypher(s.type, s.fromLabel, s.toLabel), s.rows, this.runId);
    };
    try {
      // A deadlock with the next batch's nodes is retried at once: that batch has been aborted or waits for us.
      return await this.store.transaction(async (run) => {
        const created = new Map<string, Set<string>>();
        await pairs(run);
        for (const s of plan.keyed) {
          const made = created.get(s.type) ?? new Set<string>();
          created.set(s.type, made);
          const cypher = edgeCreateMissingCypher(s.type, s.fromLabel, s.toLabel);
          for (const row of await chunked(run, cypher, s.rows, this.runId)) made.add(row.k);
          const present = s.rows.filter((r) => !made.has(r.key));
          if (present.length) await chunked(run, edgeUpdateCypher(s.type), present, this.runId);
        }
        return created;
      }, QUICK);
    } catch (error) {
      if (!(error instanceof StoreError) || error.id !== 'store.constraint') throw error;
      return await this.store.transaction(async (run) => {
        const created = new Map<string, Set<string>>();
        await pairs(run);
        for (const s of plan.keyed) {
          const found = await run<{ k: string }>(existingKeyedEdgesCypher(s.type), {
            keys: s.rows.map((r) => r.key),
          });
          const there = new Set(found.map((r) => r.k));
          await chunked(run, edgeMergeCypher(s.type, s.fromLabel, s.toLabel), s.rows, this.runId);
          const made = created.get(s.type) ?? new Set<string>();
          created.set(s.type, made);
          for (const row of s.rows) if (!there.has(row.key)) made.add(row.key);
        }
        return created;
      });
    }
  }

  /**
   * Writes a batch and returns each row's disposition, in order. Safe to repeat: nothing is written twice.
   * Two transactions: the nodes (with the existence checks), then the relationships. `onNodesWritten` fires
   * once the first commits: the next batch of the file may then start (its nodes and relationships do not
   * depend on this batch's relationships), so two batches overlap and the server's second core is used. A row
   * whose fact is being written by an overlapping batch counts as merged.
   */
  async writeBatch(items: BatchItem[], onNodesWritten?: () => void): Promise<Disposition[]> {
    const plan = this.plan(items);
    const previous = this.lastEdges;
    const mine = new Set<string>();
    let before: Set<string>;
    try {
      before = await this.store.transaction(
        async (run) => {
          const found = new Set<string>();
          for (const check of plan.checks)
            for (const row of await run<{ k: string }>(check.cypher, check.params))
              found.add(`${check.group}|${row.k}`);
          for (const { label, rows } of plan.nodes)
            await chunked(run, nodeMergeCypher(label), rows, this.runId);
          return found;
          // A deadlock with the previous batch's relationships: wait until they are committed, then go again.
        },
        { ...QUICK, beforeRetry: () => previous.then(() => undefined) },
      );
      for (const { label, rows } of plan.nodes)
        for (const agg of rows) this.saturation.wrote('N', label, agg.key, agg.p, agg.f);
      for (const { fragment } of items) {
        const { group, id } = primaryId(fragment);
        const full = `${group}|${id}`;
        if (group.startsWith('K|') || mine.has(full)) continue;
        if (this.pending.has(full)) before.add(full);
        else mine.add(full);
      }
      for (const full of mine) this.pending.add(full);
    } finally {
      onNodesWritten?.();
    }
    let created: Map<string, Set<string>>;
    try {
      const edges = this.writeEdges(plan);
      this.lastEdges = edges.catch(() => undefined);
      created = await edges;
    } finally {
      for (const full of mine) this.pending.delete(full);
    }
    for (const s of plan.pairs)
      for (const r of s.rows) this.saturation.wrote('E', s.type, `${r.from}>${r.to}`, r.p, r.f);
    const seen = new Set<string>();
    return items.map(({ fragment }) => {
      const { group, id } = primaryId(fragment);
      const full = `${group}|${id}`;
      const p = fragment.primary;
      const isNew =
        'edge' in p && p.edge.keyed ? (created.get(p.edge.type)?.has(id) ?? false) : !before.has(full);
      const merged = !isNew || seen.has(full);
      seen.add(full);
      return merged ? 'merged' : 'loaded';
    });
  }
}
