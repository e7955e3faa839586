// Community detection: seeded Louvain over CSR (or Leiden, or graphology's Louvain), SLM-refined, best of runs.
import { UndirectedGraph } from 'graphology';
import louvainImport from 'graphology-communities-louvain';
import type { AbstractGraph, Attributes } from 'graphology-types';
import { type CollapseOptions, type CompactGraph, collapseUndirected } from './collapse.ts';
import { badArgument, checkChoice, checkNumber, seededRng } from './common.ts';
import { leidenPartition } from './leiden.ts';
import { shuffled } from './levels.ts';
import { compactModularity } from './modularity.ts';

// The package is CommonJS with an ESM-style `export default` declaration: take whichever shape arrives.
type Louvain = typeof louvainImport.default;
const louvain: Louvain = ((louvainImport as { default?: Louvain }).default ?? louvainImport) as Louvain;

export interface PartitionOptions {
  /** Seed of the first run (default 1); run r uses seed + r. */
  seed?: number;
  /** Independent runs; the partition with the highest modularity wins (default 1). */
  runs?: number;
  /** Resolution γ (default 1); larger gives smaller communities. */
  resolution?: number;
  /**
   * Improve the first partition (default true): move–refine–aggregate iterations started from it while
   * modularity rises, then node-level moves. Louvain alone can glue planted blocks together through early
   * mixed clusters; the refinement splits them apart again.
   */
  refine?: boolean;
  /**
   * `louvain` (default): Louvain with fast local moving on the CSR arrays, then the refinement.
   * `leiden`: Leiden from singletons, iterated while modularity rises (node-level moves only when `refine`).
   * `graphology`: graphology-communities-louvain on a graphology copy (slower; kept as a reference), then
   * the refinement.
   */
  method?: 'louvain' | 'leiden' | 'graphology';
  /**
   * How the improvement iterations refine communities (see leiden.ts): `slm` (the default, except for the
   * `leiden` method) re-partitions each community on its own, which splits communities that glue planted
   * groups together; `leiden` merges singletons at random into well-connected sub-communities.
   */
  refinement?: 'slm' | 'leiden';
}

export interface CommunityOptions extends CollapseOptions, PartitionOptions {}

export interface CommunityResult {
  /** node id → community number; 0 is the largest community, ties by first node in graph order. */
  assignment: Record<string, number>;
  modularity: number;
  count: number;
}

/** The same on a CompactGraph: community number per node index (aligned with `compact.ids`). */
export interface CompactCommunityResult {
  membership: Int32Array;
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
  const { membership, modularity, count } = partitionCompact(compact, options);
  const assignment: Record<string, number> = {};
  for (let i = 0; i < membership.length; i++) assignment[compact.ids[i]!] = membership[i]!;
  return { assignment, modularity, count };
}

/**
 * Communities of a CompactGraph (e.g. from compactFromEdgeList, without any graphology graph), numbered as
 * in detectCommunities: 0 is the largest, ties by first node index.
 */
export function partitionCompact(
  compact: CompactGraph,
  options: PartitionOptions = {},
): CompactCommunityResult {
  if (options === null || typeof options !== 'object') throw badArgument('options', 'expected an object');
  const seed = checkNumber('seed', options.seed, 1, { integer: true });
  const runs = checkNumber('runs', options.runs, 1, { integer: true, min: 1, max: 1000 });
  const resolution = checkNumber('resolution', options.resolution, 1, { min: 0, exclusiveMin: true });
  const method = checkChoice('method', options.method, ['louvain', 'leiden', 'graphology'], 'louvain');
  const refinement = checkChoice(
    'refinement',
    options.refinement,
    ['slm', 'leiden'],
    method === 'leiden' ? 'leiden' : 'slm',
  );
  checkCompact(compact);
  if (options.refine !== undefined && typeof options.refine !== 'boolean')
    throw badArgument('refine', 'expected a boolean');
  const refine = options.refine ?? true;
  const n = compact.ids.length;
  if (n === 0) return { membership: new Int32Array(0), modularity: Number.NaN, count: 0 };
  if (compact.total === 0) return finish(identity(n), Number.NaN);

  const simple = method === 'graphology' ? toGraphology(compact) : null;
  let best: Int32Array | null = null;
  let bestQ = Number.NEGATIVE_INFINITY;
  for (let run = 0; run < runs; run++) {
    const rng = seededRng(seed + run);
    let membership: Int32Array;
    if (simple) {
      membership = new Int32Array(n);
      const found = louvain.detailed(simple, { rng, resolution, getEdgeWeight: 'weight' }).communities;
      for (let i = 0; i < n; i++) membership[i] = found[String(i)]!;
    } else
      membership = leidenPartition(compact, {
        resolution,
        rng,
        refinement: method === 'leiden' ? 'leiden' : 'none',
      });
    if (refine || method === 'leiden') membership = improve(compact, membership, resolution, rng, refinement);
    if (refine) localMoves(compact, membership, resolution, rng);
    const q = compactModularity(compact, membership, resolution);
    if (best === null || q > bestQ + 1e-12) {
      best = membership;
      bestQ = q;
    }
  }
  return finish(best!, bestQ);
}

function checkCompact(compact: CompactGraph): void {
  const c = compact as Partial<CompactGraph> | null;
  if (
    !c ||
    !Array.isArray(c.ids) ||
    !(c.offsets instanceof Int32Array) ||
    c.offsets.length !== c.ids.length + 1 ||
    !(c.targets instanceof Int32Array) ||
    !(c.weights instanceof Float64Array) ||
    !(c.strength instanceof Float64Array) ||
    !(c.loops instanceof Float64Array) ||
    typeof c.total !== 'number'
  )
    throw badArgument('compact', 'expected a CompactGraph (collapseUndirected or compactFromEdgeList)');
}

/** Refinement rounds stop once a round adds less modularity than this. */
const MIN_GAIN = 1e-4;

function identity(n: number): Int32Array {
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) labels[i] = i;
  return labels;
}

/**
 * Move–refine–aggregate iterations from `membership` while modularity rises by at least `MIN_GAIN` (at most 20).
 * The gain threshold matters on sparse graphs with hubs (the demo county's transfers): there, rounds keep adding
 * 1e-5 each and cost 5× the whole partition for +0.0002 modularity.
 */
function improve(
  compact: CompactGraph,
  membership: Int32Array,
  resolution: number,
  rng: () => number,
  refinement: 'slm' | 'leiden',
): Int32Array {
  let current = membership;
  let q = compactModularity(compact, current, resolution);
  for (let iteration = 0; iteration < 20; iteration++) {
    const next = leidenPartition(compact, { resolution, rng, initial: current, refinement });
    const nextQ = compactModularity(compact, next, resolution);
    if (nextQ <= q + 1e-10) break;
    current = next;
    const gain = nextQ - q;
    q = nextQ;
    if (gain < MIN_GAIN) break;
  }
  return current;
}

/** A graphology copy of `compact` with nodes keyed by index, for graphology-communities-louvain. */
function toGraphology(compact: CompactGraph): UndirectedGraph {
  const g = new UndirectedGraph({ allowSelfLoops: true });
  const n = compact.ids.length;
  for (let i = 0; i < n; i++) g.addNode(String(i));
  const { offsets, targets, weights, loops } = compact;
  for (let i = 0; i < n; i++) {
    if (loops[i]! > 0) g.addEdge(String(i), String(i), { weight: loops[i]! });
    for (let p = offsets[i]!; p < offsets[i + 1]!; p++)
      if (targets[p]! > i) g.addEdge(String(i), String(targets[p]!), { weight: weights[p]! });
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
  const scale = resolution / (2 * total);
  const tot = new Float64Array(n);
  for (let i = 0; i < n; i++) tot[membership[i]!]! += strength[i]!;
  const linkTo = new Float64Array(n);
  const touched = new Int32Array(n);
  for (let sweep = 0; sweep < 50; sweep++) {
    const order = shuffled(n, rng);
    let moves = 0;
    for (let i = 0; i < n; i++) {
      const node = order[i]!;
      const current = membership[node]!;
      const k = strength[node]!;
      let count = 0;
      for (let p = offsets[node]!; p < offsets[node + 1]!; p++) {
        const c = membership[targets[p]!]!;
        if (linkTo[c] === 0) touched[count++] = c;
        linkTo[c]! += weights[p]!;
      }
      tot[current]! -= k;
      let target = current;
      let bestGain = linkTo[current]! - scale * k * tot[current]!;
      for (let j = 0; j < count; j++) {
        const c = touched[j]!;
        const gain = linkTo[c]! - scale * k * tot[c]!;
        if (gain > bestGain + 1e-12 || (gain > bestGain - 1e-12 && c < target && target !== current)) {
          bestGain = gain;
          target = c;
        }
      }
      for (let j = 0; j < count; j++) linkTo[touched[j]!] = 0;
      tot[target]! += k;
      if (target !== current) {
        membership[node] = target;
        moves++;
      }
    }
    if (moves === 0) break;
  }
}

/** Renumbers communities by decreasing size (ties: earliest node). */
function finish(membership: Int32Array, modularity: number): CompactCommunityResult {
  const n = membership.length;
  const size = new Int32Array(n);
  const first = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const c = membership[i]!;
    size[c]! += 1;
    if (first[c] === -1) first[c] = i;
  }
  const used: number[] = [];
  for (let c = 0; c < n; c++) if (size[c]! > 0) used.push(c);
  used.sort((a, b) => size[b]! - size[a]! || first[a]! - first[b]!);
  const number = new Int32Array(n);
  used.forEach((c, rank) => {
    number[c] = rank;
  });
  const result = new Int32Array(n);
  for (let i = 0; i < n; i++) result[i] = number[membership[i]!]!;
  return { membership: result, modularity, count: used.length };
}
