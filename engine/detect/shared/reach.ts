// Time-ordered chains from payer accounts to target accounts, found by first walking back from the targets.
import { endOfDay, epochMs } from '../clue.ts';
import type { Reader } from '../types.ts';
import type { Flow } from './accounts.ts';

export interface ChainOptions {
  /** Longest chain in transfers (intermediaries + 1). */
  maxHops: number;
  minHops: number;
  windowMs: number;
  minAmount: number;
  asOf: string;
  /** Stop collecting after this many chains (per run). */
  maxChains: number;
}

export interface Chain {
  hops: Flow[];
}

/** In-transfers of `accounts` up to asOf (the accountNo index, then each account's relationships). */
async function inTransfers(
  store: Reader,
  accounts: string[],
  o: ChainOptions,
  from?: string[],
): Promise<Flow[]> {
  const out: Flow[] = [];
  const cypher = `UNWIND $nos AS no
    MATCH (p:Account)-[t:TRANSFER]->(:Account {accountNo: no})
    WHERE t.time <= localdatetime($end) AND t.amount >= $min ${from ? 'AND p.accountNo IN $from' : ''}
    RETURN p.accountNo AS a, no AS b, t.amount AS amount, toString(t.time) AS time, t.txKey AS k`;
  for (let i = 0; i < accounts.length; i += 20_000) {
    await store.stream<{ a: string; b: string; amount: number; time: string; k: string }>(
      cypher,
      { nos: accounts.slice(i, i + 20_000), end: endOfDay(o.asOf), min: o.minAmount, from: from ?? [] },
      (r) => {
        out.push({ from: r.a, to: r.b, amount: r.amount, time: epochMs(r.time), key: r.k });
      },
    );
  }
  return out;
}

/**
 * Every chain source → … → target of minHops..maxHops transfers, each strictly later than the one before and all
 * within `windowMs` of the first, visiting no account twice, where sources are payer accounts.
 */
export async function findChains(
  store: Reader,
  sources: ReadonlySet<string>,
  targets: ReadonlySet<string>,
  o: ChainOptions,
): Promise<{ chains: Chain[]; edges: number; truncated: boolean }> {
  // dist: fewest transfers from an account to a target (ignoring time), for accounts within maxHops − 1.
  const dist = new Map<string, number>([...targets].map((t) => [t, 0]));
  const edges: Flow[] = [];
  let frontier = [...targets];
  for (let level = 1; level <= o.maxHops && frontier.length > 0; level += 1) {
    // The last level only matters where it starts at a payer.
    const found = await inTransfers(store, frontier, o, level === o.maxHops ? [...sources] : undefined);
    const next: string[] = [];
    for (const f of found) {
      edges.push(f);
      if (!dist.has(f.from)) {
        dist.set(f.from, level);
        next.push(f.from);
      }
    }
    frontier = level < o.maxHops ? next : [];
  }
  const out = new Map<string, Flow[]>();
  const seenEdge = new Set<string>();
  for (const e of edges) {
    if (seenEdge.has(e.key)) continue;
    seenEdge.add(e.key);
    out.set(e.from, [...(out.get(e.from) ?? []), e]);
  }
  for (const list of out.values()) list.sort((a, b) => a.time - b.time);

  const chains: Chain[] = [];
  const path: Flow[] = [];
  const onPath = new Set<string>();
  let truncated = false;
  const walk = (node: string, start: number) => {
    if (chains.length >= o.maxChains) {
      truncated = true;
      return;
    }
    const last = path[path.length - 1]!;
    if (targets.has(node) && path.length >= o.minHops) chains.push({ hops: [...path] });
    if (path.length >= o.maxHops) return;
    for (const e of out.get(node) ?? []) {
      if (e.time <= last.time) continue;
      if (e.time > start + o.windowMs) break;
      if (onPath.has(e.to) || (dist.get(e.to) ?? Number.POSITIVE_INFINITY) > o.maxHops - path.length - 1)
        continue;
      path.push(e);
      onPath.add(e.to);
      walk(e.to, start);
      onPath.delete(e.to);
      path.pop();
    }
  };
  for (const source of sources) {
    for (const first of out.get(source) ?? []) {
      if ((dist.get(first.to) ?? Number.POSITIVE_INFINITY) > o.maxHops - 1) continue;
      path.push(first);
      onPath.add(source);
      onPath.add(first.to);
      walk(first.to, first.time);
      onPath.clear();
      path.pop();
    }
  }
  return { chains, edges: seenEdge.size, truncated };
}
