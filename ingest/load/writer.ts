// Writes batches of row fragments to Neo4j: aggregated per node and relationship, idempotent,
// and tells for each row whether its main fact was new (loaded) or already there (merged).
import { StoreError } from '../../engine/errors.ts';
import { relationType } from '../../engine/schema/index.ts';
import type { Store } from '../../engine/store/gateway.ts';
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

/** Rows per transaction; a batch rarely holds more. */
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

export class GraphWriter {
  private readonly store: Store;
  private readonly runId: string;
  private readonly saturation = new SaturationMemory();
  /** Node and pair-relationship facts of batches still being written (see writeBatch). */
  private readonly pending = new Set<string>();

  constructor(store: Store, runId: string) {
    this.store = store;
    this.runId = runId;
  }

  private async chunked(cypher: string, rows: Aggregate[]): Promise<{ k: string }[]> {
    if (!rows.length) return [];
    const result = await this.store.writeBatches<{ k: string }>(cypher, rows, {
      batchSize: CHUNK,
      params: { run: this.runId },
    });
    return result.rows;
  }

  /** Which node and pair-edge primaries exist before the batch is written (keyed edges report themselves). */
  private async existing(items: BatchItem[]): Promise<Set<string>> {
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
    const found = new Set<string>();
    for (const [group, members] of groups) {
      const [shape, a, b, c] = group.split('|') as [string, string, string, string];
      const rows =
        shape === 'N'
          ? await this.store.read<{ k: string }>(existingNodesCypher(a, b || undefined), {
              keys: [...members.keys()],
            })
          : await this.store.read<{ k: string }>(existingPairsCypher(a, b, c), {
              pairs: [...members.values()],
            });
      for (const row of rows) found.add(`${group}|${row.k}`);
    }
    return found;
  }

  private async writeNodes(items: BatchItem[]): Promise<void> {
    const byLabel = aggregate<NodeUpsert>(
      items,
      (f) => f.nodes,
      (n) => n.label,
      (n) => n.key,
      (n) => ({ key: n.key, p: {}, src: [], f: '' }),
      (n) => n.props,
      () => false,
    );
    for (const [label, group] of byLabel) {
      const rows = this.unsaturated('N', label, [...group.values()]);
      await this.chunked(nodeMergeCypher(label), rows);
    }
  }

  /** The aggregates worth sending (see SaturationMemory), remembered as sent. */
  private unsaturated(shape: 'N' | 'E', name: string, aggregates: Aggregate[]): Aggregate[] {
    const id = (agg: Aggregate) => (shape === 'N' ? agg.key : `${agg.from}>${agg.to}`);
    const rows = aggregates.filter((agg) => !this.saturation.isSaturated(shape, name, id(agg), agg.p, agg.f));
    for (const agg of rows) this.saturation.wrote(shape, name, id(agg), agg.p, agg.f);
    return rows;
  }

  /** Writes relationships; returns, per keyed type, the keys this batch created. */
  private async writeEdges(items: BatchItem[]): Promise<Map<string, Set<string>>> {
    const byShape = aggregate<EdgeUpsert>(
      items,
      (f) => f.edges,
      (e) => `${e.type}|${e.from.label}|${e.to.label}`,
      (e) => e.key ?? `${e.from.key}>${e.to.key}`,
      (e) => ({ key: e.key ?? '', from: e.from.key, to: e.to.key, p: {}, src: [], f: '' }),
      (e) => e.props,
      (e) => e.key !== undefined,
    );
    const created = new Map<string, Set<string>>();
    for (const [shape, group] of byShape) {
      const [type, fromLabel, toLabel] = shape.split('|') as [string, string, string];
      const all = [...group.values()];
      if (!relationType(type).key) {
        await this.chunked(edgeMergeCypher(type, fromLabel, toLabel), this.unsaturated('E', type, all));
        continue;
      }
      const rows = all;
      const made = created.get(type) ?? new Set<string>();
      created.set(type, made);
      try {
        for (const row of await this.chunked(edgeCreateMissingCypher(type, fromLabel, toLabel), rows))
          made.add(row.k);
      } catch (error) {
        // A concurrent writer created some of them meanwhile (the constraint refused the batch): look, then MERGE.
        if (!(error instanceof StoreError) || error.id !== 'store.constraint') throw error;
        const found = await this.store.read<{ k: string }>(existingKeyedEdgesCypher(type), {
          keys: rows.map((r) => r.key),
        });
        const there = new Set(found.map((r) => r.k));
        await this.chunked(edgeMergeCypher(type, fromLabel, toLabel), rows);
        for (const row of rows) if (!there.has(row.key)) made.add(row.key);
      }
      const present = rows.filter((r) => !made.has(r.key));
      if (present.length) await this.chunked(edgeUpdateCypher(type), present);
    }
    return created;
  }

  /**
   * Writes a batch and returns each row's disposition, in order. Safe to repeat: nothing is written twice.
   * `onNodesWritten` fires once the batch's nodes are committed: the next batch of the file may then start
   * (its own nodes and relationships do not depend on this batch's relationships), so two batches overlap and
   * the server's second core is used. A row whose fact is being written by an overlapping batch counts as merged.
   */
  async writeBatch(items: BatchItem[], onNodesWritten?: () => void): Promise<Disposition[]> {
    const mine = new Set<string>();
    let before: Set<string>;
    let created: Map<string, Set<string>>;
    try {
      before = await this.existing(items);
      for (const { fragment } of items) {
        const { group, id } = primaryId(fragment);
        const full = `${group}|${id}`;
        if (group.startsWith('K|') || mine.has(full)) continue;
        if (this.pending.has(full)) before.add(full);
        else mine.add(full);
      }
      for (const full of mine) this.pending.add(full);
      await this.writeNodes(items);
    } finally {
      onNodesWritten?.();
    }
    try {
      created = await this.writeEdges(items);
    } finally {
      for (const full of mine) this.pending.delete(full);
    }
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
