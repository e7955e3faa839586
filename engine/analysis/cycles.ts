// Bounded temporal cycles in transfer graphs: money that returns to its origin through strictly later hops.
//
// A temporal cycle is a simple cycle v0 → v1 → … → v0 of minLen..maxLen hops whose hop times strictly increase.
// Its earliest hop is therefore its first, so enumerating cycles only from their first hop finds each exactly
// once (the canonical rotation). Search: for every eligible edge e = (u → v, t) as first hop, a depth-first walk
// from v over arcs with times in (previous, t + windowMs], looking for u. Pruning: only nodes of u's strongly
// connected component (static eligible graph) can lie on a cycle through u; the hop before the closing one must
// leave a node that pays u directly; out-arcs are time-sorted so each step scans only its time slice.
import type { AbstractGraph } from 'graphology-types';
import {
  badArgument,
  checkGraph,
  checkNumber,
  checkTypes,
  compareSequences,
  compareStrings,
} from './common.ts';
import type { EdgeAttrs, NodeAttrs } from './graph.ts';

export interface CycleOptions {
  /** Shortest and longest cycle in hops (default 2 and 6; 2 ≤ minLen ≤ maxLen ≤ 12). */
  minLen?: number;
  maxLen?: number;
  /** Last hop at most this many ms after the first (default unbounded). */
  windowMs?: number;
  /** Every hop's amount ≥ this (default 0). */
  minAmount?: number;
  /** Each hop's amount within this fraction of the previous hop's (e.g. 0.1 = ±10%; default off). */
  amountTolerance?: number;
  /** Inclusive time bounds for every hop. */
  startTime?: number;
  endTime?: number;
  /** Edge types that move money (default ['TRANSFER']). */
  edgeTypes?: readonly string[];
  /** Accounts with more distinct counterparties than this (over all edges of `edgeTypes`) take no part. */
  hubDegree?: number;
  /** Stop after this many cycles (default 100 000); start nodes are taken in graph order. */
  maxCycles?: number;
}

export interface CycleHop {
  edge: string;
  from: string;
  to: string;
  amount: number;
  time: number;
}

export interface TemporalCycle {
  /** Accounts from the source of the earliest hop, without repeating it at the end. */
  nodes: string[];
  edges: string[];
  hops: CycleHop[];
  /** Times of the first and last hop. */
  start: number;
  end: number;
  /** Sum of hop amounts. */
  total: number;
}

/** All bounded temporal cycles, sorted by start time, then nodes, then edges. */
export function temporalCycles(
  graph: AbstractGraph<NodeAttrs, EdgeAttrs>,
  options: CycleOptions = {},
): TemporalCycle[] {
  checkGraph(graph);
  const minLen = checkNumber('minLen', options.minLen, 2, { integer: true, min: 2, max: 12 });
  const maxLen = checkNumber('maxLen', options.maxLen, 6, { integer: true, min: 2, max: 12 });
  if (minLen > maxLen) throw badArgument('minLen', 'must not exceed maxLen');
  const windowMs = checkNumber('windowMs', options.windowMs, Number.POSITIVE_INFINITY, { min: 0 });
  const minAmount = checkNumber('minAmount', options.minAmount, 0, { min: 0 });
  const tolerance = checkNumber('amountTolerance', options.amountTolerance, Number.POSITIVE_INFINITY, {
    min: 0,
  });
  const startTime = checkNumber('startTime', options.startTime, Number.NEGATIVE_INFINITY);
  const endTime = checkNumber('endTime', options.endTime, Number.POSITIVE_INFINITY);
  const types = checkTypes('edgeTypes', options.edgeTypes) ?? new Set(['TRANSFER']);
  const maxCycles = checkNumber('maxCycles', options.maxCycles, 100_000, { integer: true, min: 1 });
  const hubDegree = checkNumber('hubDegree', options.hubDegree, Number.POSITIVE_INFINITY, { min: 0 });

  // Eligible arcs in CSR form, each node's out-arcs sorted by time.
  const ids = graph.nodes();
  const n = ids.length;
  const index = new Map<string, number>(ids.map((id, i) => [id, i]));
  const raw: Array<{ s: number; t: number; time: number; amount: number; edge: string }> = [];
  const pairs: number[] = [];
  graph.forEachEdge((edge, attrs, source, target) => {
    if (!types.has(attrs.type)) return;
    if (hubDegree < Number.POSITIVE_INFINITY) pairs.push(index.get(source)!, index.get(target)!);
    if (attrs.time === undefined) return;
    const amount = attrs.amount ?? 0;
    if (amount < minAmount || attrs.time < startTime || attrs.time > endTime || source === target) return;
    raw.push({ s: index.get(source)!, t: index.get(target)!, time: attrs.time, amount, edge });
  });
  raw.sort((a, b) => a.s - b.s || a.time - b.time || compareStrings(a.edge, b.edge));
  const offsets = new Int32Array(n + 1);
  for (const arc of raw) offsets[arc.s + 1]! += 1;
  for (let i = 0; i < n; i++) offsets[i + 1]! += offsets[i]!;
  const to = Int32Array.from(raw, (a) => a.t);
  const time = Float64Array.from(raw, (a) => a.time);
  const amount = Float64Array.from(raw, (a) => a.amount);
  const edgeId = raw.map((a) => a.edge);
  raw.length = 0;

  const hub = hubsOf(n, pairs, hubDegree);
  const component = stronglyConnected(n, offsets, to);
  const excluded = (node: number) => hub[node] === 1;
  const from = new Int32Array(to.length);
  for (let s = 0; s < n; s++) from.fill(s, offsets[s]!, offsets[s + 1]!);
  const inOffsets = new Int32Array(n + 1);
  for (const t of to) inOffsets[t + 1]! += 1;
  for (let i = 0; i < n; i++) inOffsets[i + 1]! += inOffsets[i]!;
  const inArcs = new Int32Array(to.length);
  const fill = inOffsets.slice(0, n);
  for (let k = 0; k < to.length; k++) inArcs[fill[to[k]!]!++] = k;

  // Per start node: the latest time each node pays it directly, so the hop before the closing one is only
  // taken towards a node that can still pay the start node later (a cheap, time-aware look-ahead).
  const latestPay = new Float64Array(n);
  const paysStart = new Int32Array(n).fill(-1);
  const prepare = (u: number, latest: number) => {
    for (let p = inOffsets[u]!; p < inOffsets[u + 1]!; p++) {
      const k = inArcs[p]!;
      const s = from[k]!;
      if (time[k]! > latest || excluded(s)) continue;
      if (paysStart[s] !== u) {
        paysStart[s] = u;
        latestPay[s] = time[k]!;
      } else if (time[k]! > latestPay[s]!) latestPay[s] = time[k]!;
    }
  };
  /** Can `node`, reached at time `at`, still close the cycle when only `remaining` hops are left? */
  const canClose = (start: number, node: number, remaining: number, at: number) =>
    remaining > 1 || (paysStart[node] === start && latestPay[node]! > at);

  const found: TemporalCycle[] = [];
  const pathNodes: number[] = [];
  const pathArcs: number[] = [];
  const onPath = new Uint8Array(n);
  let full = false;

  const record = () => {
    const hops = pathArcs.map((k, i) => ({
      edge: edgeId[k]!,
      from: ids[pathNodes[i]!]!,
      to: ids[to[k]!]!,
      amount: amount[k]!,
      time: time[k]!,
    }));
    found.push({
      nodes: pathNodes.map((i) => ids[i]!),
      edges: hops.map((h) => h.edge),
      hops,
      start: hops[0]!.time,
      end: hops[hops.length - 1]!.time,
      total: hops.reduce((sum, h) => sum + h.amount, 0),
    });
    if (found.length >= maxCycles) full = true;
  };

  const extend = (start: number, node: number, deadline: number) => {
    const last = pathArcs[pathArcs.length - 1]!;
    const after = time[last]!;
    const hops = pathArcs.length;
    for (let k = firstAfter(time, offsets[node]!, offsets[node + 1]!, after); k < offsets[node + 1]!; k++) {
      if (time[k]! > deadline) break;
      const next = to[k]!;
      if (Math.abs(amount[k]! - amount[last]!) > tolerance * amount[last]!) continue;
      if (next === start) {
        if (hops + 1 >= minLen) {
          pathArcs.push(k);
          record();
          pathArcs.pop();
          if (full) return;
        }
        continue;
      }
      // After this hop at most maxLen − hops − 1 remain; the last one must end at `start`.
      const remaining = maxLen - hops - 1;
      if (remaining < 1 || onPath[next] || excluded(next) || component[next] !== component[start]) continue;
      if (!canClose(start, next, remaining, time[k]!)) continue;
      pathNodes.push(next);
      pathArcs.push(k);
      onPath[next] = 1;
      extend(start, next, deadline);
      onPath[next] = 0;
      pathArcs.pop();
      pathNodes.pop();
      if (full) return;
    }
  };

  for (let u = 0; u < n && !full; u++) {
    if (offsets[u] === offsets[u + 1] || excluded(u)) continue;
    prepare(u, time[offsets[u + 1]! - 1]! + windowMs);
    onPath[u] = 1;
    pathNodes.push(u);
    for (let k = offsets[u]!; k < offsets[u + 1]! && !full; k++) {
      const v = to[k]!;
      if (excluded(v) || component[v] !== component[u] || !canClose(u, v, maxLen - 1, time[k]!)) continue;
      pathArcs.push(k);
      pathNodes.push(v);
      onPath[v] = 1;
      extend(u, v, time[k]! + windowMs);
      onPath[v] = 0;
      pathNodes.pop();
      pathArcs.pop();
    }
    pathNodes.pop();
    onPath[u] = 0;
  }
  return found.sort(
    (a, b) => a.start - b.start || compareSequences(a.nodes, b.nodes) || compareSequences(a.edges, b.edges),
  );
}

/** Index of the first arc in [from, to) with time > t. */
function firstAfter(time: Float64Array, from: number, to: number, t: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (time[mid]! > t) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** 1 for nodes with more distinct counterparties than `limit` in the (source, target) pair list. */
function hubsOf(n: number, pairs: readonly number[], limit: number): Uint8Array {
  const hub = new Uint8Array(n);
  if (limit === Number.POSITIVE_INFINITY) return hub;
  const seen = new Set<number>();
  const count = new Int32Array(n);
  for (let i = 0; i < pairs.length; i += 2) {
    const a = pairs[i]!;
    const b = pairs[i + 1]!;
    if (a === b) continue;
    const key = a < b ? a * n + b : b * n + a;
    if (seen.has(key)) continue;
    seen.add(key);
    count[a]! += 1;
    count[b]! += 1;
  }
  for (let i = 0; i < n; i++) if (count[i]! > limit) hub[i] = 1;
  return hub;
}

/** Strongly connected component id per node (iterative Tarjan). */
function stronglyConnected(n: number, offsets: Int32Array, to: Int32Array): Int32Array {
  const component = new Int32Array(n).fill(-1);
  const order = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const stack: number[] = [];
  const onStack = new Uint8Array(n);
  const callNode: number[] = [];
  const callEdge: number[] = [];
  let counter = 0;
  let components = 0;
  for (let root = 0; root < n; root++) {
    if (order[root] !== -1) continue;
    callNode.push(root);
    callEdge.push(offsets[root]!);
    order[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (callNode.length > 0) {
      const v = callNode[callNode.length - 1]!;
      const k = callEdge[callEdge.length - 1]!;
      if (k < offsets[v + 1]!) {
        callEdge[callEdge.length - 1] = k + 1;
        const w = to[k]!;
        if (order[w] === -1) {
          order[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          callNode.push(w);
          callEdge.push(offsets[w]!);
        } else if (onStack[w]) low[v] = Math.min(low[v]!, order[w]!);
        continue;
      }
      callNode.pop();
      callEdge.pop();
      const parent = callNode[callNode.length - 1];
      if (parent !== undefined) low[parent] = Math.min(low[parent]!, low[v]!);
      if (low[v] === order[v]) {
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          component[w] = components;
        } while (w !== v);
        components++;
      }
    }
  }
  return component;
}
