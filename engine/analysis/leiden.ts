// Leiden modularity optimisation (Traag, Waltman & van Eck 2019) on a CompactGraph: move, refine, aggregate.
import type { CompactGraph } from './collapse.ts';

/** A working level: CSR adjacency without self entries, self-loop weights, node strengths. */
interface Level {
  n: number;
  offsets: Int32Array;
  targets: Int32Array;
  weights: Float64Array;
  loops: Float64Array;
  strength: Float64Array;
}

export interface LeidenOptions {
  /** Resolution γ (modularity: gain = w(v,C) − γ k_v K_C / 2m). */
  resolution: number;
  rng: () => number;
  /** Randomness of the refinement merges (igraph's β, default 0.01: nearly greedy, ties random). */
  randomness?: number;
  /** Safety bound on aggregation levels (default 50). */
  maxLevels?: number;
  /** Start from this membership instead of singletons (for iterating Leiden on its own result). */
  initial?: Int32Array;
}

/**
 * Leiden partition of `compact`: returns membership[i] (community index < n) per node of `compact.ids`.
 * Quality is modularity with resolution; gains are in edge-weight units as in igraph's implementation.
 */
export function leidenPartition(compact: CompactGraph, options: LeidenOptions): Int32Array {
  const { resolution, rng } = options;
  const beta = options.randomness ?? 0.01;
  const scale = resolution / (2 * compact.total);
  let level: Level = { n: compact.ids.length, ...compact };
  // nodeOf[i]: the current level's node that original node i belongs to.
  const nodeOf = Int32Array.from({ length: level.n }, (_, i) => i);
  let partition = options.initial
    ? options.initial.slice()
    : Int32Array.from({ length: level.n }, (_, i) => i);
  renumber(partition);
  for (let depth = 0; depth < (options.maxLevels ?? 50); depth++) {
    const communities = moveNodes(level, partition, scale, rng);
    if (communities === level.n) break;
    let refined = refine(level, partition, scale, beta, rng);
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

/** Fast local moving with a queue; returns the number of non-empty communities (ids stay < n). */
function moveNodes(g: Level, membership: Int32Array, scale: number, rng: () => number): number {
  const { n, offsets, targets, weights, strength } = g;
  const tot = new Float64Array(n);
  const size = new Int32Array(n);
  for (let v = 0; v < n; v++) {
    tot[membership[v]!]! += strength[v]!;
    size[membership[v]!]! += 1;
  }
  const empty: number[] = [];
  for (let c = n - 1; c >= 0; c--) if (size[c] === 0) empty.push(c);
  const queue = shuffled(n, rng);
  const queued = new Uint8Array(n).fill(1);
  const linkTo = new Float64Array(n);
  const touched: number[] = [];
  let head = 0;
  let length = n;
  const ring = new Int32Array(n);
  ring.set(queue);
  while (length > 0) {
    const v = ring[head]!;
    head = (head + 1) % n;
    length--;
    queued[v] = 0;
    const current = membership[v]!;
    const k = strength[v]!;
    for (let p = offsets[v]!; p < offsets[v + 1]!; p++) {
      const c = membership[targets[p]!]!;
      if (linkTo[c] === 0) touched.push(c);
      linkTo[c]! += weights[p]!;
    }
    tot[current]! -= k;
    size[current]! -= 1;
    if (size[current] === 0) empty.push(current);
    let best = current;
    let bestGain = linkTo[current]! - scale * k * tot[current]!;
    for (const c of touched) {
      const gain = linkTo[c]! - scale * k * tot[c]!;
      if (gain > bestGain) {
        bestGain = gain;
        best = c;
      }
    }
    if (bestGain < 0) best = empty[empty.length - 1]!;
    if (size[best] === 0) empty.splice(empty.lastIndexOf(best), 1);
    tot[best]! += k;
    size[best]! += 1;
    for (const c of touched) linkTo[c] = 0;
    touched.length = 0;
    if (best === current) continue;
    membership[v] = best;
    for (let p = offsets[v]!; p < offsets[v + 1]!; p++) {
      const u = targets[p]!;
      if (!queued[u] && membership[u] !== best) {
        queued[u] = 1;
        ring[(head + length) % n] = u;
        length++;
      }
    }
  }
  let count = 0;
  for (let c = 0; c < n; c++) if (size[c]! > 0) count++;
  return count;
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
  const refined = Int32Array.from({ length: n }, (_, i) => i);
  const totCommunity = new Float64Array(n);
  for (let v = 0; v < n; v++) totCommunity[membership[v]!]! += strength[v]!;
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
  const touched: number[] = [];
  const candidates: number[] = [];
  const gains: number[] = [];
  for (const v of shuffled(n, rng)) {
    if (!singleton[v]) continue;
    const c = membership[v]!;
    const k = strength[v]!;
    if (external[v]! < scale * k * (totCommunity[c]! - k)) continue;
    for (let p = offsets[v]!; p < offsets[v + 1]!; p++) {
      const u = targets[p]!;
      if (membership[u] !== c) continue;
      const r = refined[u]!;
      if (linkTo[r] === 0) touched.push(r);
      linkTo[r]! += weights[p]!;
    }
    let maxGain = 0;
    for (const r of touched) {
      if (external[r]! < scale * totRefined[r]! * (totCommunity[c]! - totRefined[r]!)) continue;
      const gain = linkTo[r]! - scale * k * totRefined[r]!;
      if (gain < 0) continue;
      candidates.push(r);
      gains.push(gain);
      if (gain > maxGain) maxGain = gain;
    }
    if (candidates.length > 0) {
      let sum = 0;
      for (let i = 0; i < gains.length; i++) {
        gains[i] = Math.exp((gains[i]! - maxGain) / beta);
        sum += gains[i]!;
      }
      let pick = rng() * sum;
      let chosen = candidates[candidates.length - 1]!;
      for (let i = 0; i < candidates.length; i++) {
        pick -= gains[i]!;
        if (pick <= 0) {
          chosen = candidates[i]!;
          break;
        }
      }
      refined[v] = chosen;
      singleton[chosen] = 0;
      singleton[v] = 0;
      external[chosen] = external[chosen]! + external[v]! - 2 * linkTo[chosen]!;
      totRefined[chosen]! += k;
    }
    for (const r of touched) linkTo[r] = 0;
    touched.length = 0;
    candidates.length = 0;
    gains.length = 0;
  }
  return refined;
}

/** Collapses each community of `membership` (0..count-1) into one node. */
function aggregate(g: Level, membership: Int32Array, count: number): Level {
  const loops = new Float64Array(count);
  const strength = new Float64Array(count);
  const pairs = new Map<number, number>();
  for (let v = 0; v < g.n; v++) {
    const a = membership[v]!;
    strength[a]! += g.strength[v]!;
    loops[a]! += g.loops[v]!;
    for (let p = g.offsets[v]!; p < g.offsets[v + 1]!; p++) {
      const u = g.targets[p]!;
      if (u < v) continue;
      const b = membership[u]!;
      if (a === b) loops[a]! += g.weights[p]!;
      else {
        const key = a < b ? a * count + b : b * count + a;
        pairs.set(key, (pairs.get(key) ?? 0) + g.weights[p]!);
      }
    }
  }
  const degree = new Int32Array(count);
  for (const key of pairs.keys()) {
    degree[Math.floor(key / count)]! += 1;
    degree[key % count]! += 1;
  }
  const offsets = new Int32Array(count + 1);
  for (let i = 0; i < count; i++) offsets[i + 1] = offsets[i]! + degree[i]!;
  const fill = offsets.slice(0, count);
  const targets = new Int32Array(offsets[count]!);
  const weights = new Float64Array(offsets[count]!);
  for (const [key, w] of pairs) {
    const a = Math.floor(key / count);
    const b = key % count;
    targets[fill[a]!] = b;
    weights[fill[a]!++] = w;
    targets[fill[b]!] = a;
    weights[fill[b]!++] = w;
  }
  return { n: count, offsets, targets, weights, loops, strength };
}

/** Renumbers labels in place to 0..k-1 by first appearance; returns k. */
function renumber(labels: Int32Array): number {
  const map = new Map<number, number>();
  for (let i = 0; i < labels.length; i++) {
    let c = map.get(labels[i]!);
    if (c === undefined) {
      c = map.size;
      map.set(labels[i]!, c);
    }
    labels[i] = c;
  }
  return map.size;
}

function shuffled(n: number, rng: () => number): Int32Array {
  const order = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const tmp = order[i]!;
    order[i] = order[j]!;
    order[j] = tmp;
  }
  return order;
}
