// Equity penetration (股权穿透): ultimate beneficial owners of a company, and the companies a holder controls.
//
// Effective ratio of holder H in company C = Σ over simple SHAREHOLDER paths H → … → C of the product of the
// edge ratios (edge direction: holder → company). Simple paths make cross-holdings safe: a path never
// revisits a node, so a loop A → B → A contributes once and is not compounded (the exact value of circular
// holdings would be the Leontief series; simple paths give a lower bound of it). Parallel SHAREHOLDER edges
// of one pair add up (e.g. two share classes). Edges without a ratio are ignored: a company whose holders
// all lack ratios counts as the top of what is known.
import type { AbstractGraph } from 'graphology-types';
import {
  badArgument,
  checkGraph,
  checkNode,
  checkNumber,
  checkTypes,
  compareSequences,
  compareStrings,
  limitExceeded,
} from './common.ts';
import type { EdgeAttrs, NodeAttrs } from './graph.ts';

export interface OwnershipOptions {
  /** Report holdings with effective ratio ≥ this (default 0.25, the usual beneficial-ownership line). */
  threshold?: number;
  /** Longest path in edges (default unbounded). */
  maxDepth?: number;
  /** Stop following a path once its product falls below this (default 1e-9); negligible tails only. */
  minPathRatio?: number;
  /** Give up (analysis.limitExceeded) after enumerating this many paths (default 200 000). */
  maxPaths?: number;
  /** Edge types that carry shares (default ['SHAREHOLDER']). */
  edgeTypes?: readonly string[];
  /** Node types that are always ultimate (natural persons; default ['Person', 'PersonMention']). */
  personTypes?: readonly string[];
}

export interface Holding {
  id: string;
  key: string;
  name: string;
  type: string;
  /** Effective ratio 0..1 (can exceed 1 only with inconsistent data). */
  ratio: number;
  /** Contributing paths, each from the holder down to the company, largest contribution first. */
  paths: string[][];
}

/**
 * Ultimate owners of `company`: persons, or holders without known shareholders, whose effective ratio is
 * ≥ threshold. Sorted by ratio (descending), then id.
 */
export function ultimateOwners(
  graph: AbstractGraph<NodeAttrs, EdgeAttrs>,
  company: string,
  options: OwnershipOptions = {},
): Holding[] {
  return penetrate(graph, company, options, 'up');
}

/** Every company in which `holder` has an effective ratio ≥ threshold (directly or through others). */
export function controlledBy(
  graph: AbstractGraph<NodeAttrs, EdgeAttrs>,
  holder: string,
  options: OwnershipOptions = {},
): Holding[] {
  return penetrate(graph, holder, options, 'down');
}

function penetrate(
  graph: AbstractGraph<NodeAttrs, EdgeAttrs>,
  origin: string,
  options: OwnershipOptions,
  way: 'up' | 'down',
): Holding[] {
  checkGraph(graph);
  checkNode(graph, origin, way === 'up' ? 'company' : 'holder');
  const threshold = checkNumber('threshold', options.threshold, 0.25, { min: 0, max: 1 });
  const maxDepth = checkNumber('maxDepth', options.maxDepth, Number.POSITIVE_INFINITY, {
    integer: true,
    min: 1,
  });
  const minPathRatio = checkNumber('minPathRatio', options.minPathRatio, 1e-9, { min: 0 });
  const maxPaths = checkNumber('maxPaths', options.maxPaths, 200_000, { integer: true, min: 1 });
  const types = checkTypes('edgeTypes', options.edgeTypes) ?? new Set(['SHAREHOLDER']);
  const personTypes = checkTypes('personTypes', options.personTypes) ?? new Set(['Person', 'PersonMention']);

  // Share links in the walking direction (up = company → its holders, down = holder → its companies), read
  // on demand from the nodes the walk reaches; ratios are checked as they are read.
  const cache = new Map<string, Array<{ next: string; ratio: number }>>();
  const shares = (node: string, direction: 'up' | 'down') => {
    const key = `${direction}\u0000${node}`;
    let list = cache.get(key);
    if (list) return list;
    list = [];
    const read = (edge: string, attrs: EdgeAttrs, holder: string, held: string) => {
      if (!types.has(attrs.type) || attrs.ratio === undefined || holder === held) return;
      if (!(attrs.ratio > 0 && attrs.ratio <= 1))
        throw badArgument('graph', `edge ${edge} has share ratio ${attrs.ratio}; ratios must be in (0, 1]`);
      list!.push({ next: direction === 'up' ? holder : held, ratio: attrs.ratio });
    };
    if (direction === 'up') graph.forEachInEdge(node, read);
    else graph.forEachOutEdge(node, read);
    cache.set(key, list);
    return list;
  };
  const isUltimate = (node: string) =>
    personTypes.has(graph.getNodeAttribute(node, 'type')) || shares(node, 'up').length === 0;

  const totals = new Map<string, { ratio: number; paths: Array<{ share: number; path: string[] }> }>();
  const path = [origin];
  const onPath = new Set([origin]);
  let enumerated = 0;
  const walk = (node: string, product: number) => {
    for (const { next, ratio } of shares(node, way)) {
      if (onPath.has(next)) continue;
      const share = product * ratio;
      if (share < minPathRatio) continue;
      if (++enumerated > maxPaths)
        throw limitExceeded(
          'maxPaths',
          `more than ${maxPaths} ownership paths; raise minPathRatio or lower maxDepth`,
        );
      path.push(next);
      onPath.add(next);
      // Going up, only ultimate owners are reported and the walk stops there; going down, every company is.
      if (way === 'down' || isUltimate(next)) {
        const found = { share, path: way === 'up' ? [...path].reverse() : [...path] };
        const entry = totals.get(next);
        if (entry) {
          entry.ratio += share;
          entry.paths.push(found);
        } else totals.set(next, { ratio: share, paths: [found] });
      }
      if ((way === 'down' || !isUltimate(next)) && path.length - 1 < maxDepth) walk(next, share);
      onPath.delete(next);
      path.pop();
    }
  };
  walk(origin, 1);

  const result: Holding[] = [];
  for (const [id, { ratio, paths }] of totals) {
    if (ratio < threshold - 1e-12) continue;
    const attrs = graph.getNodeAttributes(id);
    paths.sort((a, b) => b.share - a.share || compareSequences(a.path, b.path));
    result.push({
      id,
      key: attrs.key,
      name: attrs.label,
      type: attrs.type,
      ratio,
      paths: paths.map((p) => p.path),
    });
  }
  // Ratios equal up to rounding (0.6 × 0.5 vs 0.2 + 0.1) tie, and ties go by id.
  return result.sort((a, b) =>
    Math.abs(b.ratio - a.ratio) > 1e-12 ? b.ratio - a.ratio : compareStrings(a.id, b.id),
  );
}
