// Compact undirected weighted graphs (CSR arrays) for partition algorithms: from any engine graph or edge arrays.
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
  const index = new Map<string, number>();
  for (let i = 0; i < ids.length; i++) index.set(ids[i]!, i);
  const src = new Int32Array(graph.size);
  const dst = new Int32Array(graph.size);
  const weight = new Float64Array(graph.size);
  let m = 0;
  graph.forEachEdge((_edge, attrs, source, target) => {
    if (types && !types.has(attrs.type as string)) return;
    src[m] = index.get(source)!;
    dst[m] = index.get(target)!;
    weight[m++] = weigh(attrs);
  });
  return build(src.subarray(0, m), dst.subarray(0, m), weight.subarray(0, m), ids, index);
}

/**
 * Bulk import: the CompactGraph of edges `src[e]–dst[e]` (node indices 0..n-1) with weights `weight[e]`
 * (default 1 each; zero-weight edges are dropped). Direction is ignored, parallel edges are summed.
 * `ids` names the nodes (default "0".."n-1"). Runs in O(n + edges) with typed arrays only.
 */
export function compactFromEdgeList(
  src: Int32Array,
  dst: Int32Array,
  weight: Float64Array | undefined,
  n: number,
  ids?: readonly string[],
): CompactGraph {
  if (!(src instanceof Int32Array)) throw badArgument('src', 'expected an Int32Array');
  if (!(dst instanceof Int32Array) || dst.length !== src.length)
    throw badArgument('dst', 'expected an Int32Array as long as src');
  if (weight !== undefined && (!(weight instanceof Float64Array) || weight.length !== src.length))
    throw badArgument('weight', 'expected a Float64Array as long as src');
  if (!Number.isInteger(n) || n < 0 || n > 0x7fffffff) throw badArgument('n', 'expected an integer ≥ 0');
  for (let e = 0; e < src.length; e++) {
    const s = src[e]!;
    const t = dst[e]!;
    if (s < 0 || s >= n || t < 0 || t >= n)
      throw badArgument('src/dst', `edge ${e} has an endpoint outside 0..n-1`);
    if (weight && !(weight[e]! >= 0 && weight[e]! < Number.POSITIVE_INFINITY))
      throw badArgument('weight', `edge ${e} has a weight that is not a finite number ≥ 0`);
  }
  if (ids !== undefined && !Array.isArray(ids)) throw badArgument('ids', 'expected an array of n strings');
  const names = ids ? [...ids] : Array.from({ length: n }, (_, i) => String(i));
  if (names.length !== n || names.some((id) => typeof id !== 'string'))
    throw badArgument('ids', 'expected n strings');
  const index = new Map<string, number>();
  for (let i = 0; i < n; i++) index.set(names[i]!, i);
  if (index.size !== n) throw badArgument('ids', 'node ids must be distinct');
  return build(src, dst, weight, names, index);
}

/** CSR construction from checked edge arrays: counting sort by endpoint, then parallel entries merged per row. */
function build(
  src: Int32Array,
  dst: Int32Array,
  weight: Float64Array | undefined,
  ids: string[],
  index: Map<string, number>,
): CompactGraph {
  const n = ids.length;
  const loops = new Float64Array(n);
  const offsets = new Int32Array(n + 1);
  for (let e = 0; e < src.length; e++) {
    const s = src[e]!;
    const t = dst[e]!;
    const w = weight ? weight[e]! : 1;
    if (w === 0) continue;
    if (s === t) loops[s]! += w;
    else {
      offsets[s + 1]! += 1;
      offsets[t + 1]! += 1;
    }
  }
  for (let i = 0; i < n; i++) offsets[i + 1]! += offsets[i]!;
  const fill = offsets.slice(0, n);
  let targets = new Int32Array(offsets[n]!);
  let weights = new Float64Array(offsets[n]!);
  for (let e = 0; e < src.length; e++) {
    const s = src[e]!;
    const t = dst[e]!;
    const w = weight ? weight[e]! : 1;
    if (w === 0 || s === t) continue;
    targets[fill[s]!] = t;
    weights[fill[s]!++] = w;
    targets[fill[t]!] = s;
    weights[fill[t]!++] = w;
  }
  // Merge parallel entries in place: position[t] is where row i already holds t (if ≥ the row's start).
  const position = new Int32Array(n).fill(-1);
  const strength = new Float64Array(n);
  let write = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const start = write;
    const end = offsets[i + 1]!;
    for (let p = offsets[i]!; p < end; p++) {
      const t = targets[p]!;
      const w = weights[p]!;
      const at = position[t]!;
      if (at >= start) weights[at]! += w;
      else {
        position[t] = write;
        targets[write] = t;
        weights[write++] = w;
      }
      strength[i]! += w;
      if (t > i) total += w;
    }
    offsets[i] = start;
    strength[i]! += 2 * loops[i]!;
    total += loops[i]!;
  }
  offsets[n] = write;
  if (write < targets.length) {
    targets = targets.slice(0, write);
    weights = weights.slice(0, write);
  }
  return { ids, index, offsets, targets, weights, loops, strength, total };
}
