// Fund tracing (资金穿透): time-respecting transfer chains forward or backward from one account.
//
// LDBC FinBench mapping (../shared/data/ldbc_finbench_queries):
// - TCR1 (blocked-medium accounts within 3 steps): traceFunds(account, { direction: 'forward', maxHops: 3,
//   startTime, endTime }); strictly ascending times are built in. Keep the endpoints whose account is signed
//   in by a blocked medium (a node attribute, filtered by the caller); accountDistance = endpoint.minHops.
// - TCR5 (exact transfer traces from a person's accounts, ≤ 3 steps, ascending, no repeated account, parallel
//   edges = the same path): for each OWNS_ACCOUNT account of the person, traceFunds(account, { maxHops: 3,
//   startTime, endTime, unique: 'nodes' }); every chain (every prefix length 1..3) is one trace.
// - TCR8 (trace ≤ 3 steps after a loan deposit, each amount > threshold × upstream): start at the deposit
//   account with { maxHops: 3, startTime, endTime, amountRatio: threshold, edgeTypes: ['TRANSFER', …] }
//   (withdrawals as another edge type); ratio of an account = endpoint.total / loan amount, distance from
//   the loan = endpoint.minHops + 1. TCR8 does not ask for ascending times: add `ordered: false`. Difference:
//   FinBench compares with the summed inflow of the hop's source account; `amountRatio` compares with the
//   previous hop of the same chain, and uses ≥.
// The time window is inclusive [startTime, endTime]; pass startTime + 1 / endTime − 1 for open bounds.
import type { AbstractGraph } from 'graphology-types';
import {
  badArgument,
  checkChoice,
  checkGraph,
  checkNode,
  checkNumber,
  checkTypes,
  compareStrings,
} from './common.ts';
import type { EdgeAttrs, NodeAttrs } from './graph.ts';

export interface TraceOptions {
  /** forward: where the money went; backward: where it came from (default forward). */
  direction?: 'forward' | 'backward';
  /** Longest chain in hops (default 3, at most 10). */
  maxHops?: number;
  /** Every hop within this many ms of the chain's earliest hop (default unbounded). */
  windowMs?: number;
  /** Every hop's amount ≥ this (default 0). */
  minAmount?: number;
  /** Along the money's path, each onward hop's amount ≥ amountRatio × the hop that fed it (default off). */
  amountRatio?: number;
  /** Accounts with more distinct counterparties than this are not expanded (they can end a chain). */
  hubDegree?: number;
  /** Inclusive time bounds (epoch ms) for every hop. */
  startTime?: number;
  endTime?: number;
  /** Edge types that move money (default ['TRANSFER']). */
  edgeTypes?: readonly string[];
  /**
   * Hops must follow each other in time (default true). false allows any order within the time bounds and the
   * window (measured from the first hop taken), as FinBench TCR8 does.
   */
  ordered?: boolean;
  /** 'edges' (default): every edge sequence is a chain; 'nodes': one chain per node sequence (the first found). */
  unique?: 'edges' | 'nodes';
  /** Stop after this many chains and set `truncated` (default 100 000). */
  maxChains?: number;
}

export interface TraceHop {
  edge: string;
  from: string;
  to: string;
  amount: number;
  time: number;
}

export interface TraceChain {
  /** Accounts in traversal order: nodes[0] is the start (for backward chains, each next node paid the one before). */
  nodes: string[];
  edges: string[];
  /** Hops in traversal order, each with the real payer (`from`) and payee (`to`). */
  hops: TraceHop[];
}

export interface TraceEndpoint {
  id: string;
  /**
   * Sum of the amounts of the distinct last hops (in traversal order) of the chains ending here: each transfer
   * counts once even when several chains share it, so totals never double-count money.
   */
  total: number;
  /** Number of chains ending here. */
  chains: number;
  /** Fewest hops from the start. */
  minHops: number;
}

export interface TraceResult {
  /** Every chain of 1..maxHops hops, in depth-first order with hops taken in time order. */
  chains: TraceChain[];
  /** Sorted by minHops, then id. */
  endpoints: TraceEndpoint[];
  truncated: boolean;
}

interface Arc {
  edge: string;
  other: string;
  amount: number;
  time: number;
}

/** Traces money from (or into) `account` along time-respecting simple chains; see TraceOptions. */
export function traceFunds(
  graph: AbstractGraph<NodeAttrs, EdgeAttrs>,
  account: string,
  options: TraceOptions = {},
): TraceResult {
  checkGraph(graph);
  checkNode(graph, account, 'account');
  const backward =
    checkChoice('direction', options.direction, ['forward', 'backward'], 'forward') === 'backward';
  const maxHops = checkNumber('maxHops', options.maxHops, 3, { integer: true, min: 1, max: 10 });
  const windowMs = checkNumber('windowMs', options.windowMs, Number.POSITIVE_INFINITY, { min: 0 });
  const minAmount = checkNumber('minAmount', options.minAmount, 0, { min: 0 });
  const ratio = checkNumber('amountRatio', options.amountRatio, 0, { min: 0 });
  const hubDegree = checkNumber('hubDegree', options.hubDegree, Number.POSITIVE_INFINITY, { min: 0 });
  const startTime = checkNumber('startTime', options.startTime, Number.NEGATIVE_INFINITY);
  const endTime = checkNumber('endTime', options.endTime, Number.POSITIVE_INFINITY);
  if (startTime > endTime) throw badArgument('endTime', 'must not be before startTime');
  const types = checkTypes('edgeTypes', options.edgeTypes) ?? new Set(['TRANSFER']);
  const unique = checkChoice('unique', options.unique, ['edges', 'nodes'], 'edges');
  if (options.ordered !== undefined && typeof options.ordered !== 'boolean')
    throw badArgument('ordered', 'expected a boolean');
  const ordered = options.ordered ?? true;
  const maxChains = checkNumber('maxChains', options.maxChains, 100_000, { integer: true, min: 1 });

  // Arcs in traversal direction, sorted by time (then edge id), and counterparty counts for the hub test:
  // both built on demand for the accounts the search reaches, so a trace costs what it explores.
  const arcCache = new Map<string, Arc[]>();
  const arcsOf = (node: string): Arc[] => {
    let list = arcCache.get(node);
    if (list) return list;
    list = [];
    const add = (edge: string, attrs: EdgeAttrs, source: string, target: string) => {
      const time = attrs.time;
      const amount = attrs.amount ?? 0;
      if (!types.has(attrs.type) || source === target || time === undefined) return;
      if (time < startTime || time > endTime || amount < minAmount) return;
      list!.push({ edge, other: backward ? source : target, amount, time });
    };
    if (backward) graph.forEachInEdge(node, add);
    else graph.forEachOutEdge(node, add);
    list.sort((x, y) => x.time - y.time || compareStrings(x.edge, y.edge));
    arcCache.set(node, list);
    return list;
  };
  const hubCache = new Map<string, boolean>();
  const isHub = (node: string): boolean => {
    if (hubDegree === Number.POSITIVE_INFINITY) return false;
    let hub = hubCache.get(node);
    if (hub !== undefined) return hub;
    const others = new Set<string>();
    graph.forEachEdge(node, (_edge, attrs, source, target) => {
      if (types.has(attrs.type) && source !== target) others.add(source === node ? target : source);
    });
    hub = others.size > hubDegree;
    hubCache.set(node, hub);
    return hub;
  };

  const start = account;
  const chains: TraceChain[] = [];
  const seenNodeSequences = new Set<string>();
  const path: string[] = [start];
  const taken: Arc[] = [];
  const onPath = new Set<string>([start]);
  let truncated = false;

  const emit = () => {
    const nodes = [...path];
    if (unique === 'nodes') {
      const key = nodes.join('\u0000');
      if (seenNodeSequences.has(key)) return;
      seenNodeSequences.add(key);
    }
    const hops = taken.map((arc, k) => {
      const here = path[k]!;
      const there = arc.other;
      return {
        edge: arc.edge,
        from: backward ? there : here,
        to: backward ? here : there,
        amount: arc.amount,
        time: arc.time,
      };
    });
    chains.push({ nodes, edges: taken.map((arc) => arc.edge), hops });
    if (chains.length >= maxChains) truncated = true;
  };

  const expand = (node: string) => {
    if (truncated || path.length > maxHops) return;
    if (node !== start && isHub(node)) return;
    const list = arcsOf(node);
    const previous = taken[taken.length - 1];
    const first = taken[0];
    // Forward: previous.time < t ≤ first.time + window. Backward (times fall): first.time − window ≤ t < previous.time.
    // Unordered: |t − first.time| ≤ window.
    const inf = Number.POSITIVE_INFINITY;
    let from: number;
    let stop: number;
    let strictStop = false;
    if (!ordered) {
      from = firstIndex(list, first ? first.time - windowMs : -inf, false);
      stop = first ? first.time + windowMs : inf;
    } else if (backward) {
      from = firstIndex(list, first ? first.time - windowMs : -inf, false);
      stop = previous ? previous.time : inf;
      strictStop = true;
    } else {
      from = firstIndex(list, previous ? previous.time : -inf, true);
      stop = first ? first.time + windowMs : inf;
    }
    for (let k = from; k < list.length; k++) {
      const arc = list[k]!;
      if (strictStop ? arc.time >= stop : arc.time > stop) break;
      if (onPath.has(arc.other)) continue;
      // Along the money's path each onward hop must carry ≥ ratio × the hop that fed it (backward: the one
      // taken before is the onward hop).
      if (
        ratio > 0 &&
        previous &&
        (backward ? previous.amount < ratio * arc.amount : arc.amount < ratio * previous.amount)
      )
        continue;
      path.push(arc.other);
      taken.push(arc);
      onPath.add(arc.other);
      emit();
      expand(arc.other);
      onPath.delete(arc.other);
      taken.pop();
      path.pop();
      if (truncated) return;
    }
  };
  expand(start);

  const endpoints = new Map<string, TraceEndpoint & { lastEdges: Set<string> }>();
  for (const chain of chains) {
    const id = chain.nodes[chain.nodes.length - 1]!;
    const last = chain.hops[chain.hops.length - 1]!;
    let entry = endpoints.get(id);
    if (!entry) {
      entry = { id, total: 0, chains: 0, minHops: chain.hops.length, lastEdges: new Set() };
      endpoints.set(id, entry);
    }
    entry.chains += 1;
    entry.minHops = Math.min(entry.minHops, chain.hops.length);
    if (!entry.lastEdges.has(last.edge)) {
      entry.lastEdges.add(last.edge);
      entry.total += last.amount;
    }
  }
  const list = [...endpoints.values()]
    .map(({ id, total, chains: count, minHops }) => ({ id, total, chains: count, minHops }))
    .sort((a, b) => a.minHops - b.minHops || compareStrings(a.id, b.id));
  return { chains, endpoints: list, truncated };
}

/** Index of the first arc with time > t (strict) or ≥ t; arcs are sorted by time. */
function firstIndex(list: readonly Arc[], t: number, strict: boolean): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const time = list[mid]!.time;
    if (strict ? time > t : time >= t) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
