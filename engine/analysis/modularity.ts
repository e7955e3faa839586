// Newman modularity of a partition of an undirected weighted graph (with resolution), and its per-community terms.
import type { AbstractGraph, Attributes } from 'graphology-types';
import { type CollapseOptions, type CompactGraph, collapseUndirected } from './collapse.ts';
import { badArgument, checkNumber, compareStrings } from './common.ts';

export interface ModularityOptions extends CollapseOptions {
  /** Resolution γ (default 1): Q = Σ_c [ L_c / m − γ (d_c / 2m)² ]. */
  resolution?: number;
}

/**
 * Modularity of `assignment` (node id → community label) over `graph` treated as undirected and weighted:
 * parallel edges and both directions are summed, a self-loop counts once in L_c and twice in d_c.
 * Every node of the graph must be assigned. An edgeless graph has modularity NaN (m = 0), like networkx.
 */
export function modularity(
  graph: AbstractGraph<Attributes, Attributes>,
  assignment: Readonly<Record<string, number | string>>,
  options: ModularityOptions = {},
): number {
  const compact = collapseUndirected(graph, options);
  const resolution = checkNumber('resolution', options.resolution, 1, { min: 0 });
  return compactModularity(compact, membershipOf(compact, assignment), resolution);
}

/** Turns an id → label assignment into dense community indices aligned with `compact.ids`. */
export function membershipOf(
  compact: CompactGraph,
  assignment: Readonly<Record<string, number | string>>,
): Int32Array {
  if (!assignment || typeof assignment !== 'object') throw badArgument('assignment', 'expected an object');
  const labels = new Map<string, number>();
  const membership = new Int32Array(compact.ids.length);
  for (let i = 0; i < compact.ids.length; i++) {
    const id = compact.ids[i]!;
    const label = assignment[id];
    if (label === undefined) throw badArgument('assignment', `node ${id} has no community`);
    const key = String(label);
    let c = labels.get(key);
    if (c === undefined) {
      c = labels.size;
      labels.set(key, c);
    }
    membership[i] = c;
  }
  return membership;
}

/** Modularity on the compact form; `membership[i]` is node i's community index (0..n-1). */
export function compactModularity(compact: CompactGraph, membership: Int32Array, resolution = 1): number {
  const m = compact.total;
  if (m === 0) return Number.NaN;
  const { internal, degree } = communityWeights(compact, membership);
  let q = 0;
  for (let c = 0; c < internal.length; c++) {
    if (degree[c] === 0 && internal[c] === 0) continue;
    const share = degree[c]! / (2 * m);
    q += internal[c]! / m - resolution * share * share;
  }
  return q;
}

/** One community's part of Q: its internal weight L_c, total degree d_c and term L_c / m − γ (d_c / 2m)². */
export interface ModularityTerm {
  community: string;
  size: number;
  internalWeight: number;
  degree: number;
  contribution: number;
}

/**
 * Q broken down by community (the terms sum to `modularity()`), largest contribution first, then by label.
 * Shows which groups are genuinely denser inside than chance and which are loose.
 */
export function modularityTerms(
  graph: AbstractGraph<Attributes, Attributes>,
  assignment: Readonly<Record<string, number | string>>,
  options: ModularityOptions = {},
): ModularityTerm[] {
  const compact = collapseUndirected(graph, options);
  const resolution = checkNumber('resolution', options.resolution, 1, { min: 0 });
  const membership = membershipOf(compact, assignment);
  const m = compact.total;
  const { internal, degree } = communityWeights(compact, membership);
  const labels = new Map<number, string>();
  const sizes = new Map<number, number>();
  membership.forEach((c, i) => {
    if (!labels.has(c)) labels.set(c, String(assignment[compact.ids[i]!]));
    sizes.set(c, (sizes.get(c) ?? 0) + 1);
  });
  return [...labels.entries()]
    .map(([c, community]) => ({
      community,
      size: sizes.get(c)!,
      internalWeight: internal[c]!,
      degree: degree[c]!,
      contribution: m === 0 ? Number.NaN : internal[c]! / m - resolution * (degree[c]! / (2 * m)) ** 2,
    }))
    .sort((a, b) =>
      Math.abs(b.contribution - a.contribution) > 1e-12
        ? b.contribution - a.contribution
        : compareStrings(a.community, b.community),
    );
}

/** Internal weight (self-loops once, other edges once) and total degree per community index. */
function communityWeights(compact: CompactGraph, membership: Int32Array) {
  const n = compact.ids.length;
  const internal = new Float64Array(n);
  const degree = new Float64Array(n);
  const { offsets, targets, weights, loops, strength } = compact;
  for (let i = 0; i < n; i++) {
    const c = membership[i]!;
    degree[c]! += strength[i]!;
    internal[c]! += loops[i]!;
    for (let p = offsets[i]!; p < offsets[i + 1]!; p++) {
      // Each undirected edge is seen from both ends: count half each time.
      if (membership[targets[p]!] === c) internal[c]! += weights[p]! / 2;
    }
  }
  return { internal, degree };
}
