// Key persons: one ranking from PageRank, betweenness and degree (mean percentile), each with a reason sentence.
import type { AbstractGraph } from 'graphology-types';
import { RELATION_TYPES, type RelationType } from '../schema/index.ts';
import { betweenness } from './betweenness.ts';
import {
  badArgument,
  checkChoice,
  checkGraph,
  checkNumber,
  checkTypes,
  compareStrings,
  type Lang,
  msg,
} from './common.ts';
import type { EdgeAttrs, NodeAttrs } from './graph.ts';
import { pagerank } from './pagerank.ts';
import { weightedDegree } from './weightedDegree.ts';

export interface KeyPersonOptions {
  /** Node types that can be ranked (default ['Person']); every node still takes part in the measures. */
  types?: readonly string[];
  /** How many to return (default 20). */
  top?: number;
  /** Only these edge types (default all). Relations are walked both ways. */
  edgeTypes?: readonly string[];
  /** Relative weights of the three percentiles in the score (default 1 each). */
  weights?: { pagerank?: number; betweenness?: number; degree?: number };
  /** Betweenness sampling (see betweenness.ts). */
  exactThreshold?: number;
  samples?: number;
  seed?: number;
  /** Language of `reason` (default 'zh'). */
  lang?: Lang;
}

export interface KeyPerson {
  id: string;
  key: string;
  label: string;
  type: string;
  cadre: boolean;
  /** 1 = most central. */
  rank: number;
  /** Weighted mean of the three percentile ranks, 0..1. */
  score: number;
  pagerank: number;
  betweenness: number;
  /** Distinct linked entities. */
  degree: number;
  /** Incident relations. */
  relations: number;
  reason: string;
}

type Metric = 'betweenness' | 'pagerank' | 'degree';

/** Relation types that move money, as the schema declares them. */
const MONETARY = new Set<string>(
  (RELATION_TYPES as readonly RelationType[]).filter((r) => r.monetary === true).map((r) => r.type),
);

/**
 * Ranks the candidate nodes by centrality over the whole graph (undirected): PageRank, betweenness and
 * distinct-neighbour degree are each turned into a percentile among the candidates (ties share the mean
 * percentile), and the score is their weighted mean. Ties in score go to higher PageRank, then id.
 */
export function keyPersons(
  graph: AbstractGraph<NodeAttrs, EdgeAttrs>,
  options: KeyPersonOptions = {},
): KeyPerson[] {
  checkGraph(graph);
  const types = checkTypes('types', options.types) ?? new Set(['Person']);
  const top = checkNumber('top', options.top, 20, { integer: true, min: 1 });
  const lang = checkChoice<Lang>('lang', options.lang, ['zh', 'en'], 'zh');
  if (options.weights !== undefined && (options.weights === null || typeof options.weights !== 'object'))
    throw badArgument('weights', 'expected { pagerank, betweenness, degree }');
  const weights: Record<Metric, number> = {
    pagerank: checkNumber('weights.pagerank', options.weights?.pagerank, 1, { min: 0 }),
    betweenness: checkNumber('weights.betweenness', options.weights?.betweenness, 1, { min: 0 }),
    degree: checkNumber('weights.degree', options.weights?.degree, 1, { min: 0 }),
  };
  const weightSum = weights.pagerank + weights.betweenness + weights.degree;
  if (weightSum === 0) throw badArgument('weights', 'at least one weight must be > 0');

  const candidates = graph.filterNodes((_node, attrs) => types.has(attrs.type)).sort(compareStrings);
  if (candidates.length === 0) return [];
  const edgeTypes = options.edgeTypes;
  // Betweenness is "in money flows" only when every counted relation moves money.
  const moneyOnly = edgeTypes?.every((type) => MONETARY.has(type)) === true;
  const pr = pagerank(graph, { directed: false, ...(edgeTypes ? { edgeTypes } : {}) }).scores;
  const bc = betweenness(graph, {
    ...(edgeTypes ? { edgeTypes } : {}),
    ...(options.exactThreshold !== undefined ? { exactThreshold: options.exactThreshold } : {}),
    ...(options.samples !== undefined ? { samples: options.samples } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
  }).scores;
  const deg = weightedDegree(graph, edgeTypes ? { edgeTypes } : {});

  const values: Record<Metric, number[]> = {
    pagerank: candidates.map((id) => pr[id]!),
    betweenness: candidates.map((id) => bc[id]!),
    degree: candidates.map((id) => deg[id]!.neighbours),
  };
  const percentiles = {} as Record<Metric, number[]>;
  const ranks = {} as Record<Metric, number[]>;
  for (const metric of ['pagerank', 'betweenness', 'degree'] as const) {
    percentiles[metric] = percentileRanks(values[metric]);
    ranks[metric] = competitionRanks(values[metric]);
  }

  const rows = candidates.map((id, i) => {
    const score =
      (weights.pagerank * percentiles.pagerank[i]! +
        weights.betweenness * percentiles.betweenness[i]! +
        weights.degree * percentiles.degree[i]!) /
      weightSum;
    return { id, i, score };
  });
  rows.sort(
    (a, b) =>
      b.score - a.score || values.pagerank[b.i]! - values.pagerank[a.i]! || compareStrings(a.id, b.id),
  );

  return rows.slice(0, top).map(({ id, i, score }, position) => {
    const attrs = graph.getNodeAttributes(id);
    const row = {
      id,
      key: attrs.key,
      label: attrs.label,
      type: attrs.type,
      cadre: attrs.cadre === true,
      rank: position + 1,
      score,
      pagerank: values.pagerank[i]!,
      betweenness: values.betweenness[i]!,
      degree: values.degree[i]!,
      relations: deg[id]!.edges,
    };
    const order = (['betweenness', 'degree', 'pagerank'] as const)
      .map((metric) => ({ metric, p: percentiles[metric][i]! }))
      .filter(({ metric }) => weights[metric] > 0)
      .sort((a, b) => b.p - a.p);
    const parts = order.map(({ metric }) => {
      if (metric === 'degree')
        return msg('degree', { neighbours: row.degree, edges: row.relations, rank: ranks.degree[i] }, lang);
      const key = metric === 'betweenness' && moneyOnly ? 'betweennessMoney' : metric;
      return msg(key, { rank: ranks[metric][i], value: formatValue(row[metric]) }, lang);
    });
    if (row.cadre) parts.push(msg('cadre', {}, lang));
    const lead = msg('rank', { rank: row.rank }, lang);
    const separator = msg('separator', {}, lang);
    const reason = `${lead}${lang === 'zh' ? '：' : ': '}${parts.join(separator)}${msg('end', {}, lang)}`;
    return { ...row, reason };
  });
}

/** Percentile of each value among all (0 = lowest, 1 = highest; ties share their mean; a single value is 1). */
export function percentileRanks(values: readonly number[]): number[] {
  const n = values.length;
  if (n === 1) return [1];
  const order = values.map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v);
  const result = new Array<number>(n);
  for (let start = 0; start < n; ) {
    let end = start;
    while (end + 1 < n && order[end + 1]!.v === order[start]!.v) end++;
    const p = (start + end) / 2 / (n - 1);
    for (let k = start; k <= end; k++) result[order[k]!.i] = p;
    start = end + 1;
  }
  return result;
}

/** 1-based rank by descending value; ties share the best rank ("1, 2, 2, 4"). */
function competitionRanks(values: readonly number[]): number[] {
  const order = values.map((v, i) => ({ v, i })).sort((a, b) => b.v - a.v);
  const result = new Array<number>(values.length);
  order.forEach(({ v, i }, position) => {
    const previous = order[position - 1];
    result[i] = previous && previous.v === v ? result[previous.i]! : position + 1;
  });
  return result;
}

function formatValue(value: number): string {
  if (value === 0) return '0';
  return value >= 0.01 ? value.toFixed(2) : value.toPrecision(2);
}
