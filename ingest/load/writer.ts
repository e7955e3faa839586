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
import { SaturationMemory } from './saturation.ts';

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
}

/** Rows per transaction; a batch rarely holds more. */
const CHUNK = 10_000;

function absorb(target: Aggregate, props: Record<string, unknown>, source: string): void {
  for (const [k, v] of Object.entries(props)) if (!(k in target.p)) target.p[k] = v;
  if (target.src.length < MAX_SOURCES && !target.src.includes(source)) target.src.push(source);
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
      absorb(agg, propsOf(x), source);
    }
  }
  return byShape;
}

export class GraphWriter {
  private readonly store: Store;
  private readonly runId: string;
  private readonly saturation = new SaturationMemory();

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
      (n) => ({ key: n.key, p: {}, src: [] }),
      (n) => n.props,
    );
    for (const [label, group] of byLabel) {
      const rows = [...group.values()].filter((agg) => !this.saturation.isSaturated(label, agg.key, agg.p));
      await this.chunked(nodeMergeCypher(label), rows);
      for (const agg of rows) this.saturation.wrote(label, agg.key, agg.p, agg.src.length);
    }
  }

  /** Writes relationships; returns, per keyed type, the keys this batch created. */
  private async writeEdges(items: BatchItem[]): Promise<Map<string, Set<string>>> {
    const byShape = aggregate<EdgeUpsert>(
      items,
      (f) => f.edges,
      (e) => `${e.type}|${e.from.label}|${e.to.label}`,
      (e) => e.key ?? `${e.from.key}>${e.to.key}`,
      (e) => ({ key: e.key ?? '', from: e.from.key, to: e.to.key, p: {}, src: [] }),
      (e) => e.props,
    );
    const created = new Map<string, Set<string>>();
    for (const [shape, group] of byShape) {
      const [type, fromLabel, toLabel] = shape.split('|') as [string, string, string];
      const rows = [...group.values()];
      if (!relationType(type).key) {
        await this.chunked(edgeMergeCypher(type, fromLabel, toLabel), rows);
        continue;
      }
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

  /** Writes a batch and returns each row's disposition, in order. Safe to repeat: nothing is written twice. */
  async writeBatch(items: BatchItem[]): Promise<Disposition[]> {
    const before = await this.existing(items);
    await this.writeNodes(items);
    const created = await this.writeEdges(items);
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
