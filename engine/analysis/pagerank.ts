// Weighted PageRank by power iteration (the networkx definition: uniform teleport, dangling mass spread evenly).
import type { AbstractGraph, Attributes } from 'graphology-types';
import { checkGraph, checkNumber, checkTypes, edgeWeigher, type WeightOption } from './common.ts';

export interface PageRankOptions {
  /** Damping factor α (default 0.85). */
  damping?: number;
  /** Stop when Σ|x_new − x| < n × tolerance (default 1e-6, as networkx). */
  tolerance?: number;
  /** Iteration cap (default 100). */
  maxIterations?: number;
  /** Follow edges source → target only (default true); false walks every edge both ways. */
  directed?: boolean;
  /** Only these edge types (default all). */
  edgeTypes?: readonly string[];
  /** Edge weight (default 'count': its count/weight, else 1; parallel edges add up). */
  weight?: WeightOption;
}

export interface PageRankResult {
  /** node id → score; scores sum to 1. */
  scores: Record<string, number>;
  iterations: number;
  converged: boolean;
}

/**
 * PageRank of every node. Each node passes α of its score to its out-neighbours in proportion to edge
 * weight; nodes without out-weight (dangling) spread theirs evenly over all nodes; everyone receives (1 − α)/n.
 * Matches networkx.pagerank (weight summed over parallel edges) to the tolerance.
 */
export function pagerank(
  graph: AbstractGraph<Attributes, Attributes>,
  options: PageRankOptions = {},
): PageRankResult {
  checkGraph(graph);
  const damping = checkNumber('damping', options.damping, 0.85, { min: 0, max: 1 });
  const tolerance = checkNumber('tolerance', options.tolerance, 1e-6, { min: 0, exclusiveMin: true });
  const maxIterations = checkNumber('maxIterations', options.maxIterations, 100, { integer: true, min: 1 });
  const types = checkTypes('edgeTypes', options.edgeTypes);
  const weigh = edgeWeigher('weight', options.weight);
  const directed = options.directed ?? true;

  const ids = graph.nodes();
  const n = ids.length;
  if (n === 0) return { scores: {}, iterations: 0, converged: true };
  const index = new Map<string, number>(ids.map((id, i) => [id, i]));

  // Weighted arcs (from, to, w), parallel arcs kept: summing is the same as merging them.
  const from: number[] = [];
  const to: number[] = [];
  const w: number[] = [];
  const outWeight = new Float64Array(n);
  graph.forEachEdge((_edge, attrs, source, target, _s, _t, undirected) => {
    if (types && !types.has(attrs.type as string)) return;
    const weight = weigh(attrs);
    if (weight <= 0) return;
    const s = index.get(source)!;
    const t = index.get(target)!;
    from.push(s);
    to.push(t);
    w.push(weight);
    outWeight[s]! += weight;
    if ((!directed || undirected) && s !== t) {
      from.push(t);
      to.push(s);
      w.push(weight);
      outWeight[t]! += weight;
    }
  });
  const share = Float64Array.from(w, (weight, k) => weight / outWeight[from[k]!]!);

  let x = new Float64Array(n).fill(1 / n);
  let next = new Float64Array(n);
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    let danglingSum = 0;
    for (let i = 0; i < n; i++) if (outWeight[i] === 0) danglingSum += x[i]!;
    const base = (damping * danglingSum + (1 - damping)) / n;
    next.fill(base);
    for (let k = 0; k < share.length; k++) next[to[k]!]! += damping * x[from[k]!]! * share[k]!;
    let error = 0;
    for (let i = 0; i < n; i++) error += Math.abs(next[i]! - x[i]!);
    [x, next] = [next, x];
    if (error < n * tolerance) return { scores: pack(ids, x), iterations: iteration, converged: true };
  }
  return { scores: pack(ids, x), iterations: maxIterations, converged: false };
}

function pack(ids: string[], x: Float64Array): Record<string, number> {
  const scores: Record<string, number> = {};
  ids.forEach((id, i) => {
    scores[id] = x[i]!;
  });
  return scores;
}
