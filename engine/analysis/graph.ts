// The typed graph every analysis runs on: a graphology multi-directed graph, its builder, and transfer aggregation.
import { DirectedGraph, MultiDirectedGraph } from 'graphology';
import type { AbstractGraph } from 'graphology-types';
import { badArgument } from './common.ts';

/** A node: an entity of the schema (engine/schema/entities.ts). Its id is `${type}:${key}`. */
export interface NodeAttrs {
  type: string;
  key: string;
  label: string;
  /** True when the person is a public official (公职人员). */
  cadre?: boolean;
}

/** An edge: a relationship of the schema (engine/schema/relations.ts). */
export interface EdgeAttrs {
  type: string;
  amount?: number;
  /** Epoch milliseconds. */
  time?: number;
  /** Share ratio 0..1 (SHAREHOLDER). */
  ratio?: number;
  weight?: number;
  count?: number;
}

/** The graph the projection hands to the analyses: parallel edges kept (one TRANSFER edge per transaction). */
export type AnalysisGraph = MultiDirectedGraph<NodeAttrs, EdgeAttrs>;

/** Aggregated edge: all parallel edges of a pair summed (`weight` = `amount` = sum of amounts). */
export interface AggregatedEdgeAttrs extends EdgeAttrs {
  weight: number;
  count: number;
  amount: number;
  /** Earliest and latest time among the summed edges, when any had one. */
  firstTime?: number;
  lastTime?: number;
}

/** A simple directed graph: at most one edge per ordered pair. */
export type WeightedGraph = DirectedGraph<NodeAttrs, AggregatedEdgeAttrs>;

/** Any graphology graph with the engine's attributes (multi or simple, directed or not). */
export type AnyAnalysisGraph = AbstractGraph<NodeAttrs, EdgeAttrs>;

export interface PlainNode {
  type: string;
  key: string;
  label?: string;
  cadre?: boolean;
}

export interface PlainEdge {
  /** Edge id; defaults to `e${index}` so ids are stable across runs. */
  id?: string;
  /** Node ids (`${type}:${key}`). */
  source: string;
  target: string;
  type: string;
  amount?: number;
  time?: number;
  ratio?: number;
  weight?: number;
  count?: number;
}

/** The node id convention of the engine. */
export function nodeId(type: string, key: string): string {
  return `${type}:${key}`;
}

const NUMERIC = ['amount', 'time', 'ratio', 'weight', 'count'] as const;

/** Builds an AnalysisGraph from plain arrays; duplicate nodes are merged, unknown endpoints are refused. */
export function buildGraph(data: {
  nodes: readonly PlainNode[];
  edges: readonly PlainEdge[];
}): AnalysisGraph {
  if (!data || !Array.isArray(data.nodes) || !Array.isArray(data.edges))
    throw badArgument('data', 'expected { nodes: [], edges: [] }');
  const graph: AnalysisGraph = new MultiDirectedGraph<NodeAttrs, EdgeAttrs>();
  for (const [index, node] of data.nodes.entries()) {
    if (!node || typeof node.type !== 'string' || !node.type || typeof node.key !== 'string' || !node.key)
      throw badArgument(`nodes[${index}]`, 'a node needs a non-empty type and key');
    const attrs: NodeAttrs = { type: node.type, key: node.key, label: node.label ?? node.key };
    if (node.cadre !== undefined) attrs.cadre = node.cadre;
    graph.mergeNode(nodeId(node.type, node.key), attrs);
  }
  for (const [index, edge] of data.edges.entries()) {
    if (!edge || typeof edge.type !== 'string' || !edge.type)
      throw badArgument(`edges[${index}]`, 'an edge needs a type');
    for (const end of [edge.source, edge.target])
      if (!graph.hasNode(end)) throw badArgument(`edges[${index}]`, `unknown endpoint ${String(end)}`);
    const attrs: EdgeAttrs = { type: edge.type };
    for (const name of NUMERIC) {
      const value = edge[name];
      if (value === undefined || value === null) continue;
      if (typeof value !== 'number' || !Number.isFinite(value))
        throw badArgument(`edges[${index}].${name}`, 'expected a finite number');
      attrs[name] = value;
    }
    const id = edge.id ?? `e${index}`;
    if (graph.hasEdge(id)) throw badArgument(`edges[${index}]`, `duplicate edge id ${id}`);
    graph.addDirectedEdgeWithKey(id, edge.source, edge.target, attrs);
  }
  return graph;
}

/**
 * Sums parallel edges of the given types (default TRANSFER) per ordered pair into a simple directed graph:
 * `weight` = `amount` = total amount, `count` = number of edges. Every node of the input is kept.
 * Edge ids of the result are `${source}->${target}`.
 */
export function aggregateTransfers(
  graph: AnyAnalysisGraph,
  options: { types?: readonly string[] } = {},
): WeightedGraph {
  const types = new Set(options.types ?? ['TRANSFER']);
  if (types.size === 0) throw badArgument('types', 'give at least one edge type');
  const result: WeightedGraph = new DirectedGraph<NodeAttrs, AggregatedEdgeAttrs>();
  graph.forEachNode((node, attrs) => {
    result.addNode(node, { ...attrs });
  });
  graph.forEachEdge((_edge, attrs, source, target, _sa, _ta, undirected) => {
    if (!types.has(attrs.type)) return;
    const pairs: Array<[string, string]> = undirected
      ? [
          [source, target],
          [target, source],
        ]
      : [[source, target]];
    for (const [from, to] of pairs) {
      const key = `${from}->${to}`;
      const amount = attrs.amount ?? 0;
      if (!result.hasEdge(key)) {
        const first: AggregatedEdgeAttrs = { type: attrs.type, weight: amount, amount, count: 1 };
        if (attrs.time !== undefined) {
          first.firstTime = attrs.time;
          first.lastTime = attrs.time;
        }
        result.addDirectedEdgeWithKey(key, from, to, first);
        if (from === to) break;
        continue;
      }
      const sum = result.getEdgeAttributes(key);
      sum.weight += amount;
      sum.amount += amount;
      sum.count += 1;
      if (attrs.time !== undefined) {
        sum.firstTime = Math.min(sum.firstTime ?? attrs.time, attrs.time);
        sum.lastTime = Math.max(sum.lastTime ?? attrs.time, attrs.time);
      }
      if (from === to) break;
    }
  });
  return result;
}
