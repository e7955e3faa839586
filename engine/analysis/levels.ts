// Shared machinery of Louvain and Leiden on CSR levels: fast local moving, aggregation, relabelling, shuffling.
import type { CompactGraph } from './collapse.ts';

/** A working level: CSR adjacency without self entries, self-loop weights, node strengths. */
export interface Level {
  n: number;
  offsets: Int32Array;
  targets: Int32Array;
  weights: Float64Array;
  loops: Float64Array;
  strength: Float64Array;
}

export function levelOf(compact: CompactGraph): Level {
  const { offsets, targets, weights, loops, strength } = compact;
  return { n: compact.ids.length, offsets, targets, weights, loops, strength };
}

/**
 * Fast local moving (Traag 2015): nodes taken from a queue, started in random order, each moved to the
 * neighbouring community of largest gain w(v,C) − scale·k_v·K_C (an empty community when every gain is
 * negative); a move re-queues the neighbours outside the new community. `membership` is updated in place
 * (ids stay < n). Returns the number of non-empty communities.
 */
export function moveNodes(g: Level, membership: Int32Array, scale: number, rng: () => number): number {
  const { n, offsets, targets, weights, strength } = g;
  const tot = new Float64Array(n);
  const size = new Int32Array(n);
  for (let v = 0; v < n; v++) {
    tot[membership[v]!]! += strength[v]!;
    size[membership[v]!]! += 1;
  }
  // Stack of empty community ids.
  const empty = new Int32Array(n);
  let emptyCount = 0;
  for (let c = n - 1; c >= 0; c--) if (size[c] === 0) empty[emptyCount++] = c;
  const ring = shuffled(n, rng);
  const queued = new Uint8Array(n).fill(1);
  const linkTo = new Float64Array(n);
  const touched = new Int32Array(n);
  let head = 0;
  let length = n;
  while (length > 0) {
    const v = ring[head]!;
    head = head + 1 === n ? 0 : head + 1;
    length--;
    queued[v] = 0;
    const current = membership[v]!;
    const k = strength[v]!;
    let count = 0;
    const end = offsets[v + 1]!;
    for (let p = offsets[v]!; p < end; p++) {
      const c = membership[targets[p]!]!;
      if (linkTo[c] === 0) touched[count++] = c;
      linkTo[c]! += weights[p]!;
    }
    tot[current]! -= k;
    size[current]! -= 1;
    if (size[current] === 0) empty[emptyCount++] = current;
    let best = current;
    let bestGain = linkTo[current]! - scale * k * tot[current]!;
    for (let i = 0; i < count; i++) {
      const c = touched[i]!;
      const gain = linkTo[c]! - scale * k * tot[c]!;
      if (gain > bestGain) {
        bestGain = gain;
        best = c;
      }
      linkTo[c] = 0;
    }
    if (bestGain < 0) best = empty[emptyCount - 1]!;
    // An empty community chosen is always the top of the stack (the node's own, or the one just taken).
    if (size[best] === 0) emptyCount--;
    tot[best]! += k;
    size[best]! += 1;
    if (best === current) continue;
    membership[v] = best;
    for (let p = offsets[v]!; p < end; p++) {
      const u = targets[p]!;
      if (!queued[u] && membership[u] !== best) {
        queued[u] = 1;
        const at = head + length;
        ring[at >= n ? at - n : at] = u;
        length++;
      }
    }
  }
  let communities = 0;
  for (let c = 0; c < n; c++) if (size[c]! > 0) communities++;
  return communities;
}

/** Collapses each community of `membership` (labels 0..count-1) into one node, in O(n + edges). */
export function aggregate(g: Level, membership: Int32Array, count: number): Level {
  const { n } = g;
  // Members grouped by community (counting sort).
  const first = new Int32Array(count + 1);
  for (let v = 0; v < n; v++) first[membership[v]! + 1]! += 1;
  for (let c = 0; c < count; c++) first[c + 1]! += first[c]!;
  const cursor = first.slice(0, count);
  const members = new Int32Array(n);
  for (let v = 0; v < n; v++) members[cursor[membership[v]!]!++] = v;

  const loops = new Float64Array(count);
  const strength = new Float64Array(count);
  const offsets = new Int32Array(count + 1);
  let targets = new Int32Array(g.targets.length);
  let weights = new Float64Array(g.targets.length);
  const linkTo = new Float64Array(count);
  const touched = new Int32Array(count);
  let write = 0;
  for (let c = 0; c < count; c++) {
    let touchedCount = 0;
    for (let i = first[c]!; i < first[c + 1]!; i++) {
      const v = members[i]!;
      strength[c]! += g.strength[v]!;
      loops[c]! += g.loops[v]!;
      for (let p = g.offsets[v]!; p < g.offsets[v + 1]!; p++) {
        const u = g.targets[p]!;
        const b = membership[u]!;
        if (b === c) {
          if (u > v) loops[c]! += g.weights[p]!;
        } else {
          if (linkTo[b] === 0) touched[touchedCount++] = b;
          linkTo[b]! += g.weights[p]!;
        }
      }
    }
    for (let i = 0; i < touchedCount; i++) {
      const b = touched[i]!;
      targets[write] = b;
      weights[write++] = linkTo[b]!;
      linkTo[b] = 0;
    }
    offsets[c + 1] = write;
  }
  targets = targets.slice(0, write);
  weights = weights.slice(0, write);
  return { n: count, offsets, targets, weights, loops, strength };
}

/** Renumbers non-negative labels in place to 0..k-1 by first appearance; returns k. */
export function renumber(labels: Int32Array): number {
  let max = -1;
  for (let i = 0; i < labels.length; i++) if (labels[i]! > max) max = labels[i]!;
  const map = new Int32Array(max + 1).fill(-1);
  let k = 0;
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]!;
    if (map[label] === -1) map[label] = k++;
    labels[i] = map[label]!;
  }
  return k;
}

/** 0..n-1 in a random order (Fisher–Yates). */
export function shuffled(n: number, rng: () => number): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const tmp = order[i]!;
    order[i] = order[j]!;
    order[j] = tmp;
  }
  return order;
}
