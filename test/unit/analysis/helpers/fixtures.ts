// Test helpers: assert engine errors by id, build small graphs tersely, generate planted test graphs.
import { MultiDirectedGraph } from 'graphology';
import { expect } from 'vitest';
import { seededRng } from '../../../../engine/analysis/common.ts';
import {
  type AnalysisGraph,
  buildGraph,
  type EdgeAttrs,
  type NodeAttrs,
  type PlainEdge,
} from '../../../../engine/analysis/graph.ts';
import type { EngineError } from '../../../../engine/errors.ts';

/** Asserts that `call` throws an instance of `kind` whose id is `id`. */
export function expectEngineError(
  call: () => unknown,
  kind: abstract new (...args: never[]) => EngineError,
  id: string,
): void {
  let thrown: unknown;
  try {
    call();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, 'expected an error').toBeInstanceOf(kind);
  expect((thrown as EngineError).id).toBe(id);
}

/**
 * A graph from "type:key" node ids and [source, target, type, extra] edge rows; nodes are created from the
 * edge ends (type before the colon), plus any listed in `isolated`.
 */
export function graphOf(
  edges: Array<[string, string, string, Omit<PlainEdge, 'source' | 'target' | 'type'>?]>,
  isolated: string[] = [],
  extra: Record<string, { label?: string; cadre?: boolean }> = {},
): AnalysisGraph {
  const ids = new Set<string>();
  for (const [s, t] of edges) ids.add(s).add(t);
  for (const id of isolated) ids.add(id);
  const nodes = [...ids].map((id) => {
    const at = id.indexOf(':');
    return { type: id.slice(0, at), key: id.slice(at + 1), ...(extra[id] ?? {}) };
  });
  return buildGraph({
    nodes,
    edges: edges.map(([source, target, type, rest], i) => ({
      id: `e${i}`,
      source,
      target,
      type,
      ...(rest ?? {}),
    })),
  });
}

/**
 * A planted partition: `blocks` × `size` people, each adding `inside` KNOWS edges to random members of its own
 * block and `outside` to anyone. Returns the graph and the true block of every node.
 */
export function plantedPartition(
  blocks: number,
  size: number,
  options: { inside?: number; outside?: number; seed?: number } = {},
): { graph: AnalysisGraph; truth: Record<string, number> } {
  const rng = seededRng(options.seed ?? 7);
  const inside = options.inside ?? 6;
  const outside = options.outside ?? 2;
  const n = blocks * size;
  const graph: AnalysisGraph = new MultiDirectedGraph<NodeAttrs, EdgeAttrs>();
  const truth: Record<string, number> = {};
  for (let i = 0; i < n; i++) {
    graph.addNode(`Person:${i}`, { type: 'Person', key: String(i), label: String(i) });
    truth[`Person:${i}`] = Math.floor(i / size);
  }
  for (let i = 0; i < n; i++) {
    const block = Math.floor(i / size);
    for (let k = 0; k < inside + outside; k++) {
      const j = k < inside ? block * size + Math.floor(rng() * size) : Math.floor(rng() * n);
      if (j !== i) graph.addEdge(`Person:${i}`, `Person:${j}`, { type: 'KNOWS' });
    }
  }
  return { graph, truth };
}

/** `transfers` random TRANSFER edges `n${i}` among `accounts` accounts, amounts up to `maxAmount`, over a year. */
export function randomTransfers(
  accounts: number,
  transfers: number,
  seed = 9,
  maxAmount = 20_000,
): AnalysisGraph {
  const rng = seededRng(seed);
  const year = 365 * 86_400_000;
  const graph: AnalysisGraph = new MultiDirectedGraph<NodeAttrs, EdgeAttrs>();
  for (let i = 0; i < accounts; i++)
    graph.addNode(`Account:${i}`, { type: 'Account', key: String(i), label: String(i) });
  for (let e = 0; e < transfers; e++) {
    const s = Math.floor(rng() * accounts);
    const t = Math.floor(rng() * accounts);
    if (s === t) continue;
    graph.addEdgeWithKey(`n${e}`, `Account:${s}`, `Account:${t}`, {
      type: 'TRANSFER',
      amount: Math.round(rng() * maxAmount),
      time: Math.floor(rng() * year),
    });
  }
  return graph;
}
