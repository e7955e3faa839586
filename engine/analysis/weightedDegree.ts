// Weighted degree: distinct neighbours, incident relations and summed weight per node, by direction.
import type { AbstractGraph, Attributes } from 'graphology-types';
import { checkChoice, checkGraph, checkTypes, edgeWeigher, type WeightOption } from './common.ts';

export interface WeightedDegreeOptions {
  /** Only these edge types (default all). */
  edgeTypes?: readonly string[];
  /** Edge weight (default 'count': its count/weight, else 1). 'amount' sums money. */
  weight?: WeightOption;
  /** Which incident edges count for `neighbours`, `edges` and `weight` (default 'all'). */
  mode?: 'all' | 'in' | 'out';
}

export interface WeightedDegree {
  /** Distinct other nodes joined by a counted edge (self excluded). */
  neighbours: number;
  /** Counted incident edges (a self-loop once). */
  edges: number;
  /** Sum of the counted edges' weights (a self-loop once). */
  weight: number;
  /** Sum of weights of edges entering / leaving the node, whatever the mode (undirected edges count both). */
  inWeight: number;
  outWeight: number;
}

/**
 * Degree figures of every node. Undirected edges are incident in both directions. With the default weight,
 * `weight` equals `edges` unless edges carry `count`/`weight` (e.g. an aggregated transfer graph).
 */
export function weightedDegree(
  graph: AbstractGraph<Attributes, Attributes>,
  options: WeightedDegreeOptions = {},
): Record<string, WeightedDegree> {
  checkGraph(graph);
  const types = checkTypes('edgeTypes', options.edgeTypes);
  const weigh = edgeWeigher('weight', options.weight);
  const mode = checkChoice('mode', options.mode, ['all', 'in', 'out'], 'all');

  const result: Record<string, WeightedDegree> = {};
  const neighbours = new Map<string, Set<string>>();
  graph.forEachNode((node) => {
    result[node] = { neighbours: 0, edges: 0, weight: 0, inWeight: 0, outWeight: 0 };
    neighbours.set(node, new Set());
  });

  const count = (node: string, other: string, w: number) => {
    const entry = result[node]!;
    entry.edges += 1;
    entry.weight += w;
    if (other !== node) neighbours.get(node)!.add(other);
  };

  graph.forEachEdge((_edge, attrs, source, target, _s, _t, undirected) => {
    if (types && !types.has(attrs.type as string)) return;
    const w = weigh(attrs);
    const from = result[source]!;
    const to = result[target]!;
    from.outWeight += w;
    to.inWeight += w;
    if (undirected && source !== target) {
      from.inWeight += w;
      to.outWeight += w;
    }
    if (source === target) {
      count(source, target, w);
      return;
    }
    const outward = mode !== 'in' || undirected;
    const inward = mode !== 'out' || undirected;
    if (outward) count(source, target, w);
    if (inward) count(target, source, w);
  });

  for (const [node, set] of neighbours) result[node]!.neighbours = set.size;
  return result;
}
