// Collapses any engine graph into a compact undirected weighted graph (CSR arrays) for partition algorithms.
import type { AbstractGraph, Attributes } from 'graphology-types';
import { badArgument, checkGraph, checkTypes, edgeWeigher, type WeightOption } from './common.ts';

/**
 * An undirected simple weighted graph in compressed sparse row form. Parallel edges and both directions of a
 * pair are summed into one weight; a self-loop of weight w is kept in `loops` (it adds 2w to the strength,
 * as in igraph and networkx).
 */
export interface CompactGraph {
  /** Node ids, in the input graph's order. */
  ids: string[];
  index: Map<string, number>;
  /** Neighbours of node i are `targets[offsets[i]..offsets[i+1])`, weights alongside; no self entries. */
  offsets: Int32Array;
  targets: Int32Array;
  weights: Float64Array;
  /** Self-loop weight per node. */
  loops: Float64Array;
  /** Weighted degree per node (a self-loop counts twice). */
  strength: Float64Array;
  /** Total edge weight m (each undirected edge once). */
  total: number;
}

export interface CollapseOptions {
  /** Only these edge types (default: all). */
  edgeTypes?: readonly string[];
  /** How each original edge counts (default 'count': its count/weight, else 1). */
  weight?: WeightOption;
}

/** Builds the CompactGraph of `graph` (every node kept, isolated ones included). */
export function collapseUndirected(
  graph: AbstractGraph<Attributes, Attributes>,
  options: CollapseOptions = {},
): CompactGraph {
  checkGraph(graph);
  if (options === null || typeof options !== 'object') throw badArgument('options', 'expected an object');
  const types = checkTypes('edgeTypes', options.edgeTypes);
  const weigh = edgeWeigher('weight', options.weight);
  const ids: string[] = graph.nodes();
  const n = ids.length;
  const index = new Map<string, number>();
  for (let i = 0; i < n; i++) index.set(ids[i]!, i);

  // Sum weights per unordered pair first (pairs keyed by the smaller index * n + larger index).
  const pairWeights = new Map<number, number>();
  const loops = new Float64Array(n);
  graph.forEachEdge((_edge, attrs, source, target) => {
    if (types && !types.has(attrs.type as string)) return;
    const w = weigh(attrs);
    if (w === 0) return;
    const s = index.get(source)!;
    const t = index.get(target)!;
    if (s === t) {
      loops[s]! += w;
      return;
    }
    const key = s < t ? s * n + t : t * n + s;
    pairWeights.set(key, (pairWeights.get(key) ?? 0) + w);
  });

  const degreeCount = new Int32Array(n);
  for (const key of pairWeights.keys()) {
    degreeCount[Math.floor(key / n)]! += 1;
    degreeCount[key % n]! += 1;
  }
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) offsets[i + 1] = offsets[i]! + degreeCount[i]!;
  const fill = offsets.slice(0, n);
  const targets = new Int32Array(offsets[n]!);
  const weights = new Float64Array(offsets[n]!);
  const strength = new Float64Array(n);
  let total = 0;
  for (const [key, w] of pairWeights) {
    const s = Math.floor(key / n);
    const t = key % n;
    targets[fill[s]!] = t;
    weights[fill[s]!++] = w;
    targets[fill[t]!] = s;
    weights[fill[t]!++] = w;
    strength[s]! += w;
    strength[t]! += w;
    total += w;
  }
  for (let i = 0; i < n; i++) {
    strength[i]! += 2 * loops[i]!;
    total += loops[i]!;
  }
  return { ids, index, offsets, targets, weights, loops, strength, total };
}
