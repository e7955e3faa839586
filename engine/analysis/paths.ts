// K shortest simple paths between two nodes (Yen 1971) by hop count, deterministic order (hops, then ids).
import type { AbstractGraph, Attributes } from 'graphology-types';
import {
  badArgument,
  checkGraph,
  checkNode,
  checkNumber,
  checkTypes,
  compareSequences,
  compareStrings,
} from './common.ts';

export interface PathOptions {
  /** How many paths (default 5). */
  k?: number;
  /** Longest path in hops (default 6). */
  maxHops?: number;
  /** Only these edge types (default all). */
  edgeTypes?: readonly string[];
  /** Follow edges source → target only (default false: relations are walked both ways). */
  directed?: boolean;
}

export interface FoundPath {
  /** Node ids from source to target. */
  nodes: string[];
  /** One edge id per hop: the smallest id among the parallel edges joining the two nodes. */
  edges: string[];
  hops: number;
}

/**
 * The k shortest simple paths from `source` to `target` with at most `maxHops` hops, in the order
 * (hops, then node ids compared element-wise). A path is a node sequence: parallel edges do not make new
 * paths. Yen's algorithm with a breadth-first spur search that returns the smallest such path, which makes
 * Yen's output exactly the first k paths of that order.
 */
export function kShortestPaths(
  graph: AbstractGraph<Attributes, Attributes>,
  source: string,
  target: string,
  options: PathOptions = {},
): FoundPath[] {
  checkGraph(graph);
  checkNode(graph, source, 'source');
  checkNode(graph, target, 'target');
  if (source === target) throw badArgument('target', 'source and target must differ');
  const k = checkNumber('k', options.k, 5, { integer: true, min: 1, max: 10_000 });
  const maxHops = checkNumber('maxHops', options.maxHops, 6, { integer: true, min: 1, max: 100 });
  const types = checkTypes('edgeTypes', options.edgeTypes);
  if (options.directed !== undefined && typeof options.directed !== 'boolean')
    throw badArgument('directed', 'expected a boolean');
  const directed = options.directed ?? false;

  // Sorted neighbour lists and the representative (smallest) edge of each ordered pair, read on demand for
  // the nodes the searches reach.
  const edgeOf = new Map<string, string>();
  const neighbourCache = new Map<string, string[]>();
  const neighboursOf = (u: string): string[] => {
    let list = neighbourCache.get(u);
    if (list) return list;
    const set = new Set<string>();
    const link = (edge: string, attrs: Attributes, source: string, target: string, undirected: boolean) => {
      if (types && !types.has(attrs.type as string)) return;
      if (directed && !undirected && source !== u) return;
      const v = source === u ? target : source;
      if (v === u) return;
      set.add(v);
      const key = `${u}\u0000${v}`;
      const known = edgeOf.get(key);
      if (known === undefined || compareStrings(edge, known) < 0) edgeOf.set(key, edge);
    };
    graph.forEachEdge(u, (edge, attrs, source, target, _sa, _ta, undirected) =>
      link(edge, attrs, source, target, undirected),
    );
    list = [...set].sort(compareStrings);
    neighbourCache.set(u, list);
    return list;
  };

  /** Smallest shortest path spur → target avoiding nodes and ordered pairs, within `limit` hops. */
  const spurSearch = (spur: string, blockedNodes: Set<string>, blockedPairs: Set<string>, limit: number) => {
    const parent = new Map<string, string | null>([[spur, null]]);
    let frontier = [spur];
    for (let depth = 0; depth < limit && frontier.length > 0; depth++) {
      const next: string[] = [];
      for (const u of frontier) {
        for (const v of neighboursOf(u)) {
          if (parent.has(v) || blockedNodes.has(v) || blockedPairs.has(`${u}\u0000${v}`)) continue;
          parent.set(v, u);
          if (v === target) {
            const path = [v];
            for (let p = parent.get(v); p != null; p = parent.get(p)) path.push(p);
            return path.reverse();
          }
          next.push(v);
        }
      }
      frontier = next;
    }
    return null;
  };

  const first = spurSearch(source, new Set(), new Set(), maxHops);
  if (!first) return [];
  const accepted: string[][] = [first];
  const candidates: string[][] = [];
  const seen = new Set<string>([first.join('\u0001')]);
  while (accepted.length < k) {
    const previous = accepted[accepted.length - 1]!;
    for (let i = 0; i < previous.length - 1; i++) {
      const spur = previous[i]!;
      const root = previous.slice(0, i + 1);
      const blockedPairs = new Set<string>();
      for (const path of accepted)
        if (path.length > i + 1 && compareSequences(path.slice(0, i + 1), root) === 0)
          blockedPairs.add(`${path[i]}\u0000${path[i + 1]}`);
      const blockedNodes = new Set(root.slice(0, i));
      const spurPath = spurSearch(spur, blockedNodes, blockedPairs, maxHops - i);
      if (!spurPath) continue;
      const total = [...root.slice(0, i), ...spurPath];
      const key = total.join('\u0001');
      if (seen.has(key)) continue;
      seen.add(key);
      candidates.push(total);
    }
    if (candidates.length === 0) break;
    candidates.sort((a, b) => a.length - b.length || compareSequences(a, b));
    accepted.push(candidates.shift()!);
  }

  return accepted.map((nodes) => ({
    nodes,
    edges: nodes.slice(1).map((v, i) => edgeOf.get(`${nodes[i]}\u0000${v}`)!),
    hops: nodes.length - 1,
  }));
}
