// Leiden modularity optimisation (Traag, Waltman & van Eck 2019) on a CompactGraph: move, refine, aggregate.
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
  /** Refine before aggregating (default true); false aggregates whole communities, which is Louvain. */
  refine?: boolean;
}

/**
 * Leiden partition of `compact`: returns membership[i] (community index < n) per node of `compact.ids`.
 * Quality is modularity with resolution; gains are in edge-weight units as in igraph's implementation.
 * With `refine: false` this is Louvain with fast local moving.
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
  // nodeOf[i]: the current level's node that original node i belongs to.
  const nodeOf = new Int32Array(level.n);
  for (let i = 0; i < level.n; i++) nodeOf[i] = i;
  let partition = initial ? initial.slice() : nodeOf.slice();
  renumber(partition);
  for (let depth = 0; depth < (options.maxLevels ?? 50); depth++) {
    const communities = moveNodes(level, partition, scale, rng);
    if (communities === level.n) break;
    let refined = options.refine === false ? partition.slice() : refine(level, partition, scale, beta, rng);
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
