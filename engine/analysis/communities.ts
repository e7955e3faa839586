// Community detection: seeded Louvain (graphology-communities-louvain), Leiden-refined, best modularity of runs.
import { UndirectedGraph } from 'graphology';
import louvainImport from 'graphology-communities-louvain';
import type { AbstractGraph, Attributes } from 'graphology-types';
import { type CollapseOptions, type CompactGraph, collapseUndirected } from './collapse.ts';
import { badArgument, checkChoice, checkNumber, seededRng } from './common.ts';
import { leidenPartition } from './leiden.ts';
import { compactModularity } from './modularity.ts';

// The package is CommonJS with an ESM-style `export default` declaration: take whichever shape arrives.
type Louvain = typeof louvainImport.default;
const louvain: Louvain = ((louvainImport as { default?: Louvain }).default ?? louvainImport) as Louvain;

export interface CommunityOptions extends CollapseOptions {
  /** Seed of the first run (default 1); run r uses seed + r. */
  seed?: number;
  /** Independent runs; the partition with the highest modularity wins (default 1). */
  runs?: number;
  /** Resolution γ (default 1); larger gives smaller communities. */
  resolution?: number;
  /**
   * Improve the Louvain partition (default true): Leiden iterations started from it (refine, re-aggregate, move)
   * while modularity rises, then node-level moves. Louvain alone can glue planted blocks together through
   * early mixed clusters; the refinement splits them apart again.
   */
  refine?: boolean;
  /**
   * `louvain` (default): graphology's Louvain, then the refinement. `leiden`: Leiden from singletons, iterated
   * while modularity rises (node-level moves only when `refine`).
   */
  method?: 'louvain' | 'leiden';
}

export interface CommunityResult {
  /** node id → community number; 0 is the largest community, ties by first node in graph order. */
  assignment: Record<string, number>;
  modularity: number;
  count: number;
}

/**
 * Communities of `graph` treated as undirected and weighted (parallel edges and both directions summed;
 * see collapse.ts), maximising modularity. Deterministic for a given seed.
 */
export function detectCommunities(
  graph: AbstractGraph<Attributes, Attributes>,
  options: CommunityOptions = {},
): CommunityResult {
  const compact = collapseUndirected(graph, options);
  const seed = checkNumber('seed', options.seed, 1, { integer: true });
  const runs = checkNumber('runs', options.runs, 1, { integer: true, min: 1, max: 1000 });
  const resolution = checkNumber('resolution', options.resolution, 1, { min: 0, exclusiveMin: true });
  const method = checkChoice('method', options.method, ['louvain', 'leiden'], 'louvain');
  if (options.refine !== undefined && typeof options.refine !== 'boolean')
    throw badArgument('refine', 'expected a boolean');
  const refine = options.refine ?? true;
  const n = compact.ids.length;
  if (n === 0) return { assignment: {}, modularity: Number.NaN, count: 0 };
  if (compact.total === 0)
    return finish(
      compact,
      Int32Array.from({ length: n }, (_, i) => i),
      Number.NaN,
    );

  const simple = method === 'louvain' ? toGraphology(compact) : null;
  let best: Int32Array | null = null;
  let bestQ = Number.NEGATIVE_INFINITY;
  for (let run = 0; run < runs; run++) {
    const rng = seededRng(seed + run);
    let membership: Int32Array;
    if (simple) {
      membership = new Int32Array(n);
      const found = louvain.detailed(simple, { rng, resolution, getEdgeWeight: 'weight' }).communities;
      for (let i = 0; i < n; i++) membership[i] = found[compact.ids[i]!]!;
    } else membership = leidenPartition(compact, { resolution, rng });
    if (refine || method === 'leiden') membership = improve(compact, membership, resolution, rng);
    if (refine) localMoves(compact, membership, resolution, rng);
    const q = compactModularity(compact, membership, resolution);
    if (best === null || q > bestQ + 1e-12) {
      best = membership;
      bestQ = q;
    }
  }
  return finish(compact, best!, bestQ);
}

/** Leiden iterations from `membership` while modularity rises (at most 20). */
function improve(
  compact: CompactGraph,
  membership: Int32Array,
  resolution: number,
  rng: () => number,
): Int32Array {
  let current = membership;
  let q = compactModularity(compact, current, resolution);
  for (let iteration = 0; iteration < 20; iteration++) {
    const next = leidenPartition(compact, { resolution, rng, initial: current });
    const nextQ = compactModularity(compact, next, resolution);
    if (nextQ <= q + 1e-10) break;
    current = next;
    q = nextQ;
  }
  return current;
}

function toGraphology(compact: CompactGraph): UndirectedGraph {
  const g = new UndirectedGraph({ allowSelfLoops: true });
  for (const id of compact.ids) g.addNode(id);
  const { offsets, targets, weights, loops, ids } = compact;
  for (let i = 0; i < ids.length; i++) {
    if (loops[i]! > 0) g.addEdge(ids[i]!, ids[i]!, { weight: loops[i]! });
    for (let p = offsets[i]!; p < offsets[i + 1]!; p++)
      if (targets[p]! > i) g.addEdge(ids[i]!, ids[targets[p]!]!, { weight: weights[p]! });
  }
  return g;
}

/** Node-level local moving (the first phase of Louvain) started from `membership`, in random order. */
function localMoves(
  compact: CompactGraph,
  membership: Int32Array,
  resolution: number,
  rng: () => number,
): void {
  const { offsets, targets, weights, strength, total } = compact;
  const n = membership.length;
  const twoM = 2 * total;
  const tot = new Float64Array(n);
  for (let i = 0; i < n; i++) tot[membership[i]!]! += strength[i]!;
  const linkTo = new Float64Array(n);
  const touched: number[] = [];
  const order = Int32Array.from({ length: n }, (_, i) => i);
  for (let sweep = 0; sweep < 50; sweep++) {
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      const tmp = order[i]!;
      order[i] = order[j]!;
      order[j] = tmp;
    }
    let moves = 0;
    for (const node of order) {
      const current = membership[node]!;
      const k = strength[node]!;
      for (let p = offsets[node]!; p < offsets[node + 1]!; p++) {
        const c = membership[targets[p]!]!;
        if (linkTo[c] === 0) touched.push(c);
        linkTo[c]! += weights[p]!;
      }
      tot[current]! -= k;
      let target = current;
      let bestGain = linkTo[current]! - (resolution * k * tot[current]!) / twoM;
      for (const c of touched) {
        const gain = linkTo[c]! - (resolution * k * tot[c]!) / twoM;
        if (gain > bestGain + 1e-12 || (gain > bestGain - 1e-12 && c < target && target !== current)) {
          bestGain = gain;
          target = c;
        }
      }
      tot[target]! += k;
      if (target !== current) {
        membership[node] = target;
        moves++;
      }
      for (const c of touched) linkTo[c] = 0;
      touched.length = 0;
    }
    if (moves === 0) break;
  }
}

/** Renumbers communities by decreasing size (ties: earliest node) and packs the result. */
function finish(compact: CompactGraph, membership: Int32Array, q: number): CommunityResult {
  const n = membership.length;
  const size = new Map<number, number>();
  const first = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const c = membership[i]!;
    size.set(c, (size.get(c) ?? 0) + 1);
    if (!first.has(c)) first.set(c, i);
  }
  const order = [...size.keys()].sort((a, b) => size.get(b)! - size.get(a)! || first.get(a)! - first.get(b)!);
  const number = new Map<number, number>(order.map((c, rank) => [c, rank]));
  const assignment: Record<string, number> = {};
  for (let i = 0; i < n; i++) assignment[compact.ids[i]!] = number.get(membership[i]!)!;
  return { assignment, modularity: q, count: order.length };
}
