// FinBench complex reads 1, 5 and 8 expressed with traceFunds on the LDBC example data, checked by brute force.
import { beforeAll, describe, expect, it } from 'vitest';
import { traceFunds } from '../../../engine/analysis/trace.ts';
import { type FinBench, loadFinBench, type Transfer } from './helpers/finbench.ts';

let data: FinBench;
beforeAll(() => {
  data = loadFinBench();
});

/**
 * Every simple path of 1..3 hops from `start` over `transfers` (a reference written from the query text, not
 * from trace.ts): ascending = each hop strictly after the previous; `accept` filters the next hop.
 */
function walk(
  out: Map<string, Transfer[]>,
  start: string,
  options: { ascending: boolean; accept?: (hop: Transfer, previous: Transfer | undefined) => boolean },
): Transfer[][] {
  const paths: Transfer[][] = [];
  const extend = (path: Transfer[], visited: Set<string>) => {
    if (path.length === 3) return;
    const last = path[path.length - 1];
    for (const hop of out.get(last ? last.to : start) ?? []) {
      if (visited.has(hop.to)) continue;
      if (options.ascending && last && hop.time <= last.time) continue;
      if (options.accept && !options.accept(hop, last)) continue;
      const next = [...path, hop];
      paths.push(next);
      extend(next, new Set([...visited, hop.to]));
    }
  };
  extend([], new Set([start]));
  return paths;
}

/** Outgoing transfers per account (self-transfers dropped). */
function outgoing(transfers: Transfer[]): Map<string, Transfer[]> {
  const out = new Map<string, Transfer[]>();
  for (const t of transfers) {
    if (t.from === t.to) continue;
    const list = out.get(t.from) ?? [];
    list.push(t);
    out.set(t.from, list);
  }
  return out;
}

const busiest = (d: FinBench, count: number) => {
  const degree = new Map<string, number>();
  for (const t of d.transfers) if (t.type === 'TRANSFER') degree.set(t.from, (degree.get(t.from) ?? 0) + 1);
  return [...degree.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([id]) => id)
    .slice(0, count);
};

describe('FinBench complex reads with traceFunds', () => {
  it('TCR1: accounts signed in by a blocked medium within 3 ascending transfers, with their distance', () => {
    const transfers = outgoing(data.transfers.filter((t) => t.type === 'TRANSFER'));
    let compared = 0;
    for (const start of busiest(data, 12)) {
      const ours = new Map(
        traceFunds(data.graph, start, { maxHops: 3 })
          .endpoints.filter((e) => data.blockedSignIns.has(e.id))
          .map((e) => [e.id, e.minHops]),
      );
      const reference = new Map<string, number>();
      for (const path of walk(transfers, start, { ascending: true })) {
        const end = path[path.length - 1]!.to;
        if (data.blockedSignIns.has(end)) reference.set(end, Math.min(reference.get(end) ?? 9, path.length));
      }
      expect(ours, start).toEqual(reference);
      compared += reference.size;
    }
    console.log(`TCR1: 12 start accounts, ${compared} blocked-medium accounts found, all distances equal`);
    expect(compared).toBeGreaterThan(0);
  });

  it('TCR5: the distinct account sequences from a person’s accounts, ascending, no account twice', () => {
    const transfers = outgoing(data.transfers.filter((t) => t.type === 'TRANSFER'));
    const people = [...data.accountsOf.entries()].filter(([, accounts]) => accounts.length >= 3).slice(0, 20);
    let traces = 0;
    for (const [person, accounts] of people) {
      const ours = new Set<string>();
      const reference = new Set<string>();
      for (const account of accounts) {
        for (const chain of traceFunds(data.graph, account, { maxHops: 3, unique: 'nodes' }).chains)
          ours.add(chain.nodes.join('>'));
        for (const path of walk(transfers, account, { ascending: true }))
          reference.add([account, ...path.map((t) => t.to)].join('>'));
      }
      expect(ours, person).toEqual(reference);
      traces += ours.size;
    }
    console.log(`TCR5: ${people.length} people, ${traces} distinct traces, identical sets`);
    expect(traces).toBeGreaterThan(0);
  });

  it('TCR8: downstream of a loan over transfers and withdrawals, amount ≥ ratio × the feeding hop', () => {
    const threshold = 0.3;
    const all = outgoing(data.transfers);
    let loans = 0;
    for (const [loan, { account, amount }] of [...data.loans.entries()].slice(0, 100)) {
      const result = traceFunds(data.graph, account, {
        maxHops: 3,
        ordered: false,
        amountRatio: threshold,
        edgeTypes: ['TRANSFER', 'WITHDRAW'],
        maxChains: 5_000,
      });
      if (result.truncated || result.chains.length === 0) continue;
      const ours = new Map(
        result.endpoints.map((e) => [e.id, [Number((e.total / amount).toFixed(3)), e.minHops + 1]]),
      );
      const paths = walk(all, account, {
        ascending: false,
        accept: (hop, previous) => !previous || hop.amount >= threshold * previous.amount,
      });
      const inflow = new Map<string, Map<string, number>>();
      const distance = new Map<string, number>();
      for (const path of paths) {
        const last = path[path.length - 1]!;
        const edges = inflow.get(last.to) ?? new Map<string, number>();
        edges.set(last.id, last.amount);
        inflow.set(last.to, edges);
        distance.set(last.to, Math.min(distance.get(last.to) ?? 9, path.length + 1));
      }
      const reference = new Map(
        [...inflow.entries()].map(([id, edges]) => {
          const total = [...edges.values()].reduce((a, b) => a + b, 0);
          return [id, [Number((total / amount).toFixed(3)), distance.get(id)!]];
        }),
      );
      expect(ours, loan).toEqual(reference);
      loans++;
    }
    console.log(`TCR8: ${loans} loans compared (ratio and distance per downstream account)`);
    expect(loans).toBeGreaterThan(50);
  });
});
