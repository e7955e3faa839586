// Leiden (Traag et al. 2019), SLM (Waltman & van Eck 2013) and Louvain on a CompactGraph: move, refine, aggregate.
import type { CompactGraph } from './collapse.ts';
import { badArgument } from './common.ts';
import { aggregate, type Level, levelOf, moveNodes, renumber, shuffled } from './levels.ts';

export interface LeidenOptions {
  /** Resolution γ (modularity: gain = w(v,C) − γ k_v K_C / 2m). */
  resolution: number;
  rng: () => number;
  /** Randomness of the refinement merges (igraph's β, default 0.01: nearly greedy, ties random). */
  randomness?: number;
  /** Safety bound on aggregation levels (default 50). */
  maxLevels?: number;
  /** Start from this membership (labels 0..n-1) instead of singletons, e.g. to iterate on a result. */
  initial?: Int32Array;
  /**
   * How communities are refined before aggregation. `leiden` (default): singletons merge at random into
   * well-connected sub-communities. `slm`: local moving from singletons inside each community (edges between
   * communities masked), which splits communities that glue separate groups together. `none`: whole
   * communities are aggregated, which is Louvain.
   */
  refinement?: 'leiden' | 'slm' | 'none';
}

/**
 * Partition of `compact` by moving nodes, refining and aggregating until nothing moves: returns membership[i]
 * (community index < n) per node of `compact.ids`. Quality is modularity with resolution; gains are in
 * edge-weight units as in igraph's implementation. With `refinement: 'none'` this is Louvain with fast local
 * moving; with `slm`, the smart local moving algorithm.
 */
export function leidenPartition(compact: CompactGraph, options: LeidenOptions): Int32Array {
  const { resolution, rng } = options;
  const beta = options.randomness ?? 0.01;
  const scale = resolution / (2 * compact.total);
  let level: Level = levelOf(compact);
  const { initial } = options;
  if (initial !== undefined) {
    if (!(initial instanceof Int32Array) || initial.length !== level.n)
      throw badArgument('initial', 'expected an Int32Array with one label per node');
    if (initial.some((c) => c < 0 || c >= level.n)) throw badArgument('initial', 'labels must be in 0..n-1');
  }
  if (!['leiden', 'slm', 'none', undefined].includes(options.refinement))
    throw badArgument('refinement', 'expected leiden, slm or none');
  // nodeOf[i]: the current level's node that original node i belongs to.
  const nodeOf = new Int32Array(level.n);
  for (let i = 0; i < level.n; i++) nodeOf[i] = i;
  let partition = initial ? initial.slice() : nodeOf.slice();
  renumber(partition);
  for (let depth = 0; depth < (options.maxLevels ?? 50); depth++) {
    const communities = moveNodes(level, partition, scale, rng);
    if (communities === level.n) break;
    const refinement = options.refinement ?? 'leiden';
    let refined =
      refinement === 'none'
        ? partition.slice()
        : refinement === 'slm'
          ? split(level, partition, scale, rng)
          : refine(level, partition, scale, beta, rng);
    let refinedCount = renumber(refined);
    // Refinement kept every node apart: aggregate by the communities themselves (as Louvain does).
    if (refinedCount === level.n) {
      refined = partition.slice();
      refinedCount = renumber(refined);
    }
    const parent = new Int32Array(refinedCount);
    for (let v = 0; v < level.n; v++) parent[refined[v]!] = partition[v]!;
    level = aggregate(level, refined, refinedCount);
    for (let i = 0; i < nodeOf.length; i++) nodeOf[i] = refined[nodeOf[i]!]!;
    partition = parent;
    renumber(partition);
  }
  const membership = new Int32Array(nodeOf.length);
  for (let i = 0; i < nodeOf.length; i++) membership[i] = partition[nodeOf[i]!]!;
  return membership;
}

/** Refinement: inside each community, singletons merge into well-connected sub-communities. */
function refine(
  g: Level,
  membership: Int32Array,
  scale: number,
  beta: number,
  rng: () => number,
): Int32Array {
  const { n, offsets, targets, weights, strength } = g;
  const refined = new Int32Array(n);
  const totCommunity = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    refined[v] = v;
    totCommunity[membership[v]!]! += strength[v]!;
  }
  // External weight of each refined sub-community towards the rest of its community, and its total degree.
  const external = new Float64Array(n);
  const totRefined = new Float64Array(n);
  const singleton = new Uint8Array(n).fill(1);
  for (let v = 0; v < n; v++) {
    totRefined[v] = strength[v]!;
    for (let p = offsets[v]!; p < offsets[v + 1]!; p++)
      if (membership[targets[p]!] === membership[v]) external[v]! += weights[p]!;
  }
  const linkTo = new Float64Array(n);
  const touched = new Int32Array(n);
  const candidates = new Int32Array(n);
  const gains = new Float64Array(n);
  const order = shuffled(n, rng);
  for (let i = 0; i < n; i++) {
    const v = order[i]!;
    if (!singleton[v]) continue;
    const c = membership[v]!;
    const k = strength[v]!;
    if (external[v]! < scale * k * (totCommunity[c]! - k)) continue;
    let touchedCount = 0;
    for (let p = offsets[v]!; p < offsets[v + 1]!; p++) {
      const u = targets[p]!;
      if (membership[u] !== c) continue;
      const r = refined[u]!;
      if (linkTo[r] === 0) touched[touchedCount++] = r;
      linkTo[r]! += weights[p]!;
    }
    let maxGain = 0;
    let count = 0;
    for (let j = 0; j < touchedCount; j++) {
      const r = touched[j]!;
      if (external[r]! < scale * totRefined[r]! * (totCommunity[c]! - totRefined[r]!)) continue;
      const gain = linkTo[r]! - scale * k * totRefined[r]!;
      if (gain < 0) continue;
      candidates[count] = r;
      gains[count++] = gain;
      if (gain > maxGain) maxGain = gain;
    }
    if (count > 0) {
      let sum = 0;
      for (let j = 0; j < count; j++) {
        gains[j] = Math.exp((gains[j]! - maxGain) / beta);
        sum += gains[j]!;
      }
      let pick = rng() * sum;
      let chosen = candidates[count - 1]!;
      for (let j = 0; j < count; j++) {
        pick -= gains[j]!;
        if (pick <= 0) {
          chosen = candidates[j]!;
          break;
        }
      }
      refined[v] = chosen;
      singleton[chosen] = 0;
      singleton[v] = 0;
      external[chosen] = external[chosen]! + external[v]! - 2 * linkTo[chosen]!;
      totRefined[chosen]! += k;
    }
    for (let j = 0; j < touchedCount; j++) linkTo[touched[j]!] = 0;
  }
  return refined;
}

/**
 * SLM's refinement: fast local moving from singletons on the graph with every edge between two communities
 * removed (strengths and the null model stay global), so sub-communities never cross a community border.
 */
function split(g: Level, membership: Int32Array, scale: number, rng: () => number): Int32Array {
  const { n, offsets, targets, weights } = g;
  const inner = { ...g, offsets: new Int32Array(n + 1), targets: new Int32Array(targets.length) };
  const innerWeights = new Float64Array(weights.length);
  let write = 0;
  for (let v = 0; v < n; v++) {
    const c = membership[v]!;
    for (let p = offsets[v]!; p < offsets[v + 1]!; p++) {
      const u = targets[p]!;
      if (membership[u] !== c) continue;
      inner.targets[write] = u;
      innerWeights[write++] = weights[p]!;
    }
    inner.offsets[v + 1] = write;
  }
  const sub = new Int32Array(n);
  for (let v = 0; v < n; v++) sub[v] = v;
  moveNodes({ ...inner, weights: innerWeights }, sub, scale, rng);
  return sub;
}
