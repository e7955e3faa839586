// Betweenness centrality (Brandes 2001), hop-count paths; exact on small graphs, source-sampled on large ones.
import type { AbstractGraph, Attributes } from 'graphology-types';
import { badArgument, checkGraph, checkNumber, checkTypes, seededRng } from './common.ts';

export interface BetweennessOptions {
  /** Follow edges source → target only (default false: relationships are walked both ways). */
  directed?: boolean;
  /** Only these edge types (default all). */
  edgeTypes?: readonly string[];
  /** Divide by the number of ordered pairs not involving the node, (n−1)(n−2) (default true; networkx). */
  normalized?: boolean;
  /** Exact when the node count is ≤ this (default 2000); otherwise `samples` random sources. */
  exactThreshold?: number;
  /** Sources sampled on large graphs (default 256); the sum is scaled by n / samples. */
  samples?: number;
  /** Seed of the source sample (default 1). */
  seed?: number;
}

export interface BetweennessResult {
  /** node id → betweenness. */
  scores: Record<string, number>;
  /** True when every node was a source. */
  exact: boolean;
  /** Number of source nodes used. */
  sources: number;
}

/**
 * Brandes betweenness over shortest paths in hops. Parallel edges count once (a path is a node sequence)
 * and self-loops are ignored; endpoints are not credited. Unnormalised undirected values count each
 * unordered pair once, as networkx does.
 */
export function betweenness(
  graph: AbstractGraph<Attributes, Attributes>,
  options: BetweennessOptions = {},
): BetweennessResult {
  checkGraph(graph);
  const types = checkTypes('edgeTypes', options.edgeTypes);
  const threshold = checkNumber('exactThreshold', options.exactThreshold, 2000, { integer: true, min: 0 });
  const samples = checkNumber('samples', options.samples, 256, { integer: true, min: 1 });
  const seed = checkNumber('seed', options.seed, 1, { integer: true });
  for (const flag of ['directed', 'normalized'] as const)
    if (options[flag] !== undefined && typeof options[flag] !== 'boolean')
      throw badArgument(flag, 'expected a boolean');
  const directed = options.directed ?? false;
  const normalized = options.normalized ?? true;

  const ids = graph.nodes();
  const n = ids.length;
  const index = new Map<string, number>(ids.map((id, i) => [id, i]));
  const sets: Array<Set<number>> = ids.map(() => new Set<number>());
  graph.forEachEdge((_edge, attrs, source, target, _s, _t, undirected) => {
    if (types && !types.has(attrs.type as string)) return;
    const s = index.get(source)!;
    const t = index.get(target)!;
    if (s === t) return;
    sets[s]!.add(t);
    if (!directed || undirected) sets[t]!.add(s);
  });
  const adjacency = sets.map((set) => Int32Array.from(set));
  const incoming = directed ? reverseOf(adjacency) : adjacency;

  let sources = Int32Array.from({ length: n }, (_, i) => i);
  const exact = n <= threshold || samples >= n;
  if (!exact) {
    const rng = seededRng(seed);
    for (let i = 0; i < samples; i++) {
      const j = i + Math.floor(rng() * (n - i));
      const tmp = sources[i]!;
      sources[i] = sources[j]!;
      sources[j] = tmp;
    }
    sources = sources.slice(0, samples);
  }

  const centrality = new Float64Array(n);
  const sigma = new Float64Array(n);
  const distance = new Int32Array(n);
  const delta = new Float64Array(n);
  const order = new Int32Array(n);
  for (const s of sources) {
    sigma.fill(0);
    distance.fill(-1);
    delta.fill(0);
    sigma[s] = 1;
    distance[s] = 0;
    let head = 0;
    let tail = 0;
    order[tail++] = s;
    while (head < tail) {
      const v = order[head++]!;
      for (const w of adjacency[v]!) {
        if (distance[w]! < 0) {
          distance[w] = distance[v]! + 1;
          order[tail++] = w;
        }
        if (distance[w] === distance[v]! + 1) sigma[w]! += sigma[v]!;
      }
    }
    // Accumulate dependencies in reverse BFS order; predecessors are the neighbours one hop closer.
    for (let i = tail - 1; i > 0; i--) {
      const w = order[i]!;
      for (const v of incoming[w]!) {
        if (distance[v] === distance[w]! - 1) delta[v]! += (sigma[v]! / sigma[w]!) * (1 + delta[w]!);
      }
      centrality[w]! += delta[w]!;
    }
  }

  let scale = 1;
  if (normalized) scale = n > 2 ? 1 / ((n - 1) * (n - 2)) : 1;
  else if (!directed) scale = 0.5;
  if (!exact) scale *= n / sources.length;
  const scores: Record<string, number> = {};
  ids.forEach((id, i) => {
    scores[id] = centrality[i]! * scale;
  });
  return { scores, exact, sources: sources.length };
}

/** In-neighbour lists of a directed adjacency. */
function reverseOf(adjacency: Int32Array[]): Int32Array[] {
  const lists: number[][] = adjacency.map(() => []);
  adjacency.forEach((targets, v) => {
    for (const t of targets) lists[t]!.push(v);
  });
  return lists.map((list) => Int32Array.from(list));
}
