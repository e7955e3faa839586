// Shared helpers of the analyses: argument checks, stable errors, a seeded RNG, edge weights and messages.
import type { AbstractGraph, Attributes } from 'graphology-types';
import { InvalidInputError, NotFoundError } from '../errors.ts';

/** Language of explanations: Chinese by default, English on request. */
export type Lang = 'zh' | 'en';

type Entry = { zh: string; en: string };

/** The analyses' own message table (kept here so engine/i18n.ts need not grow for internal sentences). */
const MESSAGES = {
  badArgument: { zh: '参数 {name} 无效：{reason}', en: 'Argument {name} is invalid: {reason}' },
  limitExceeded: { zh: '超出限制 {name}：{reason}', en: 'Limit {name} exceeded: {reason}' },
  nodeNotFound: { zh: '图中没有节点 {id}', en: 'The graph has no node {id}' },
  rank: { zh: '综合排名第{rank}', en: 'overall rank {rank}' },
  betweenness: {
    zh: '关系网络中介性排名第{rank}（介数{value}）',
    en: 'brokerage (betweenness) rank {rank} ({value})',
  },
  betweennessMoney: {
    zh: '资金往来中介性排名第{rank}（介数{value}）',
    en: 'brokerage in money flows (betweenness) rank {rank} ({value})',
  },
  pagerank: {
    zh: '网络影响力排名第{rank}（PageRank {value}）',
    en: 'influence (PageRank) rank {rank} ({value})',
  },
  degree: {
    zh: '关联{neighbours}个实体（{edges}条关系，排名第{rank}）',
    en: 'linked to {neighbours} entities ({edges} relations, rank {rank})',
  },
  cadre: { zh: '系公职人员', en: 'a public official' },
  separator: { zh: '，', en: '; ' },
  end: { zh: '。', en: '.' },
} satisfies Record<string, Entry>;

export type AnalysisMessage = keyof typeof MESSAGES;

/** One message of the analyses' table, filled with params. */
export function msg(key: AnalysisMessage, params: Record<string, unknown> = {}, lang: Lang = 'zh'): string {
  const entry: Entry = MESSAGES[key];
  return entry[lang].replace(/\{(\w+)\}/g, (_, name: string) =>
    name in params ? String(params[name]) : `{${name}}`,
  );
}

/** `analysis.badArgument`: the caller passed an unusable option or argument. */
export function badArgument(name: string, reason: string): InvalidInputError {
  return new InvalidInputError(
    'analysis.badArgument',
    `${msg('badArgument', { name, reason }, 'zh')} / ${msg('badArgument', { name, reason }, 'en')}`,
    { details: { argument: name, reason } },
  );
}

/** `analysis.limitExceeded`: the search would exceed a safety limit; the caller should narrow it. */
export function limitExceeded(name: string, reason: string): InvalidInputError {
  return new InvalidInputError(
    'analysis.limitExceeded',
    `${msg('limitExceeded', { name, reason }, 'zh')} / ${msg('limitExceeded', { name, reason }, 'en')}`,
    { details: { limit: name, reason } },
  );
}

/** `analysis.nodeNotFound`: a named node is not in the graph. */
export function nodeNotFound(id: string): NotFoundError {
  return new NotFoundError(
    'analysis.nodeNotFound',
    `${msg('nodeNotFound', { id })} / ${msg('nodeNotFound', { id }, 'en')}`,
    {
      details: { node: id },
    },
  );
}

/** Throws unless `graph` looks like a graphology graph. */
export function checkGraph(graph: unknown, name = 'graph'): void {
  const g = graph as { order?: unknown; forEachNode?: unknown } | null;
  if (!g || typeof g !== 'object' || typeof g.order !== 'number' || typeof g.forEachNode !== 'function')
    throw badArgument(name, 'expected a graphology graph');
}

/** Throws NotFoundError unless the node exists; InvalidInputError when the id is not a string. */
export function checkNode(graph: AbstractGraph<Attributes, Attributes>, id: unknown, name = 'node'): string {
  if (typeof id !== 'string' || id === '') throw badArgument(name, 'expected a node id string');
  if (!graph.hasNode(id)) throw nodeNotFound(id);
  return id;
}

/** A number option: default when undefined, else finite and within [min, max]; `integer` when asked. */
export function checkNumber(
  name: string,
  value: unknown,
  fallback: number,
  range: { min?: number; max?: number; integer?: boolean; exclusiveMin?: boolean } = {},
): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || Number.isNaN(value)) throw badArgument(name, 'expected a number');
  if (range.integer && !Number.isInteger(value) && value !== Number.POSITIVE_INFINITY)
    throw badArgument(name, 'expected an integer');
  if (range.min !== undefined && (range.exclusiveMin ? value <= range.min : value < range.min))
    throw badArgument(name, `must be ${range.exclusiveMin ? '>' : '≥'} ${range.min}`);
  if (range.max !== undefined && value > range.max) throw badArgument(name, `must be ≤ ${range.max}`);
  return value;
}

/** An optional list of edge (or node) types: null means "all". */
export function checkTypes(name: string, value: unknown): Set<string> | null {
  if (value === undefined) return null;
  if (!Array.isArray(value) || value.length === 0 || value.some((v) => typeof v !== 'string' || v === ''))
    throw badArgument(name, 'expected a non-empty list of type names');
  return new Set(value as string[]);
}

/** Throws unless `value` is one of `allowed` (undefined gives the fallback). */
export function checkChoice<T extends string>(
  name: string,
  value: unknown,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !allowed.includes(value as T))
    throw badArgument(name, `expected one of ${allowed.join(', ')}`);
  return value as T;
}

/** Deterministic RNG (mulberry32) in [0, 1): the same seed gives the same sequence on every platform. */
export function seededRng(seed: number): () => number {
  let state = (Math.floor(seed) ^ 0x9e3779b9) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** How an edge counts: `count` = its `count` (or `weight`, or 1); `amount` = its amount; or a function. */
export type WeightOption = 'count' | 'amount' | ((attrs: Attributes) => number);

/** Resolves a weight option into a function returning a finite, non-negative number. */
export function edgeWeigher(name: string, option: unknown): (attrs: Attributes) => number {
  if (option === undefined || option === 'count') return (a) => positive(a.count) ?? positive(a.weight) ?? 1;
  if (option === 'amount') return (a) => positive(a.amount) ?? positive(a.weight) ?? 0;
  if (typeof option === 'function') {
    const fn = option as (attrs: Attributes) => number;
    return (a) => {
      const w = fn(a);
      if (typeof w !== 'number' || !Number.isFinite(w) || w < 0)
        throw badArgument(name, 'the weight function must return a finite number ≥ 0');
      return w;
    };
  }
  throw badArgument(name, "expected 'count', 'amount' or a function");
}

function positive(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** Compares strings by code unit (locale-free, so results are identical everywhere). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Compares two id sequences element by element, then by length. */
export function compareSequences(a: readonly string[], b: readonly string[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareStrings(a[i]!, b[i]!);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}
