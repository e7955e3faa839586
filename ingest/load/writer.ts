// Writes batches of row fragments to Neo4j: aggregated per node and relationship, idempotent MERGE,
// and tells for each row whether its main fact was new (loaded) or already there (merged).

import { StoreError } from '../../engine/errors.ts';
import { relationType } from '../../engine/schema/index.ts';
import type { Store } from '../../engine/store/gateway.ts';
import type { EdgeUpsert, Fragment, NodeUpsert } from '../types.ts';
import {
  edgeCreateCypher,
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

interface KeyedLookup {
  checked: Set<string>;
  existing: Set<string>;
}

interface Aggregate {
  key: string;
  from?: string;
  to?: string;
  p: Record<string, unknown>;
  src: string[];
}

function absorb(target: Aggregate, props: Record<string, unknown>, source: string): void {
  for (const [k, v] of Object.entries(props)) if (!(k in target.p)) target.p[k] = v;
  if (target.src.length < MAX_SOURCES && !target.src.includes(source)) target.src.push(source);
}

function primaryId(fragment: Fragment): { group: string; id: string } {
  const p = fragment.primary;
  if ('node' in p) return { group: `N|${p.node.label}|${p.prop ?? ''}`, id: p.node.key };
  const keyed = p.edge.keyed ? 'K' : 'P';
  return { group: `${keyed}|${p.edge.type}|${p.edge.from.label}|${p.edge.to.label}`, id: p.edge.key };
}

export class GraphWriter {
  private readonly store: Store;
  private readonly runId: string;
  private readonly saturation = new SaturationMemory();

  constructor(store: Store, runId: string) {
    this.store = store;
    this.runId = runId;
  }

  /** Which primary facts of the batch exist before it is written, grouped by shape. */
  private async existing(
    items: BatchItem[],
  ): Promise<{ found: Set<string>; keyed: Map<string, KeyedLookup> }> {
    const groups = new Map<string, Set<string>>();
    const pairs = new Map<string, { id: string; from: string; to: string }[]>();
    for (const { fragment } of items) {
      const { group, id } = primaryId(fragment);
      if (!groups.has(group)) groups.set(group, new Set());
      groups.get(group)!.add(id);
      const p = fragment.primary;
      if (group.startsWith('P|') && 'edge' in p) {
        const list = pairs.get(group) ?? [];
        list.push({ id, from: p.edge.from.key, to: p.edge.to.key });
        pairs.set(group, list);
      }
    }
    const found = new Set<string>();
    const keyed = new Map<string, KeyedLookup>();
    for (const [group, ids] of groups) {
      const [shape, a, b, c] = group.split('|') as [string, string, string, string];
      let rows: { k: string }[];
      if (shape === 'N')
        rows = await this.store.read(existingNodesCypher(a, b || undefined), { keys: [...ids] });
      else if (shape === 'K') rows = await this.store.read(existingKeyedEdgesCypher(a), { keys: [...ids] });
      else rows = await this.store.read(existingPairsCypher(a, b, c), { pairs: pairs.get(group) ?? [] });
      for (const row of rows) found.add(`${group}|${row.k}`);
      if (shape === 'K') {
        const lookup = keyed.get(a) ?? { checked: new Set<string>(), existing: new Set<string>() };
        for (const id of ids) lookup.checked.add(id);
        for (const row of rows) lookup.existing.add(row.k);
        keyed.set(a, lookup);
      }
    }
    return { found, keyed };
  }

  private async writeNodes(items: BatchItem[]): Promise<void> {
    const byLabel = new Map<string, Map<string, Aggregate>>();
    const add = (node: NodeUpsert, source: string) => {
      const group = byLabel.get(node.label) ?? new Map<string, Aggregate>();
      byLabel.set(node.label, group);
      const agg = group.get(node.key) ?? { key: node.key, p: {}, src: [] };
      group.set(node.key, agg);
      absorb(agg, node.props, source);
    };
    for (const { fragment, source } of items) for (const node of fragment.nodes) add(node, source);
    for (const [label, group] of byLabel) {
      const rows = [...group.values()].filter((agg) => !this.saturation.isSaturated(label, agg.key, agg.p));
      await this.store.writeBatches(nodeMergeCypher(label), rows as never, {
        batchSize: 10_000,
        params: { run: this.runId },
      });
      for (const agg of rows) this.saturation.wrote(label, agg.key, agg.p, agg.src.length);
    }
  }

  /** `known`: keyed relationships whose existence the batch's primary look-up already established. */
  private async writeEdges(items: BatchItem[], known: Map<string, KeyedLookup>): Promise<void> {
    const byShape = new Map<string, Map<string, Aggregate>>();
    const add = (edge: EdgeUpsert, source: string) => {
      const shape = `${edge.type}|${edge.from.label}|${edge.to.label}`;
      const group = byShape.get(shape) ?? new Map<string, Aggregate>();
      byShape.set(shape, group);
      const id = edge.key ?? `${edge.from.key}>${edge.to.key}`;
      const agg = group.get(id) ?? {
        key: edge.key ?? '',
        from: edge.from.key,
        to: edge.to.key,
        p: {},
        src: [],
      };
      group.set(id, agg);
      absorb(agg, edge.props, source);
    };
    for (const { fragment, source } of items) for (const edge of fragment.edges) add(edge, source);
    for (const [shape, group] of byShape) {
      const [type, fromLabel, toLabel] = shape.split('|') as [string, string, string];
      const rows = [...group.values()];
      const params = { run: this.runId };
      if (!relationType(type).key) {
        await this.store.writeBatches(edgeMergeCypher(type, fromLabel, toLabel), rows as never, {
          batchSize: 10_000,
          params,
        });
        continue;
      }
      const lookup = known.get(type);
      const unchecked = rows.filter((r) => !lookup?.checked.has(r.key)).map((r) => r.key);
      const found = unchecked.length
        ? await this.store.read<{ k: string }>(existingKeyedEdgesCypher(type), { keys: unchecked })
        : [];
      const existing = new Set([...found.map((r) => r.k), ...(lookup?.existing ?? [])]);
      const fresh = rows.filter((r) => !existing.has(r.key));
      const present = rows.filter((r) => existing.has(r.key));
      try {
        await this.store.writeBatches(edgeCreateCypher(type, fromLabel, toLabel), fresh as never, {
          batchSize: 10_000,
          params,
        });
      } catch (error) {
        // Another writer created some of them meanwhile: the constraint refused the batch; MERGE is always right.
        if (!(error instanceof StoreError) || error.id !== 'store.constraint') throw error;
        await this.store.writeBatches(edgeMergeCypher(type, fromLabel, toLabel), fresh as never, {
          batchSize: 10_000,
          params,
        });
      }
      await this.store.writeBatches(edgeUpdateCypher(type), present as never, { batchSize: 10_000, params });
    }
  }

  /** Writes a batch and returns each row's disposition, in order. Safe to repeat: everything is MERGE. */
  async writeBatch(items: BatchItem[]): Promise<Disposition[]> {
    const { found: before, keyed } = await this.existing(items);
    const seen = new Set<string>();
    const dispositions = items.map(({ fragment }) => {
      const { group, id } = primaryId(fragment);
      const full = `${group}|${id}`;
      const merged = before.has(full) || seen.has(full);
      seen.add(full);
      return merged ? 'merged' : 'loaded';
    });
    await this.writeNodes(items);
    await this.writeEdges(items, keyed);
    return dispositions;
  }
}
