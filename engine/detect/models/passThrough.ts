// pass_through: accounts that twice or more send ≥ 90% of a ≥ 50,000 inflow onward within 24 hours (快进快出).
import { endOfDay, epochMs, makeClue, periodOf, yuan } from '../clue.ts';
import { EvidenceSet } from '../evidence.ts';
import { num } from '../params.ts';
import { accountsInfo, stamp, transfersByKey } from '../shared/accounts.ts';
import type { Clue, ModelContext, ModelDefinition, ModelParams } from '../types.ts';

interface Out {
  k: string;
  amount: number;
  time: string;
  to: string;
}

interface Row {
  a: string;
  source: string;
  k: string;
  amount: number;
  time: string;
  outs: Out[];
}

export interface Episode {
  inflow: { key: string; amount: number; time: number; from: string };
  outs: { key: string; amount: number; time: number; to: string }[];
  sent: number;
}

/** Episodes in time order, each outflow counted for one episode only. */
export function episodesOf(rows: readonly Row[], minShare: number): Episode[] {
  const used = new Set<string>();
  const out: Episode[] = [];
  const sorted = [...rows].sort((x, y) => epochMs(x.time) - epochMs(y.time));
  for (const row of sorted) {
    const outs = row.outs
      .filter((o) => !used.has(o.k))
      .map((o) => ({ key: o.k, amount: o.amount, time: epochMs(o.time), to: o.to }));
    const sent = outs.reduce((s, o) => s + o.amount, 0);
    if (sent < minShare * row.amount) continue;
    for (const o of outs) used.add(o.key);
    out.push({
      inflow: { key: row.k, amount: row.amount, time: epochMs(row.time), from: row.source },
      outs,
      sent,
    });
  }
  return out;
}

async function run(ctx: ModelContext, params: ModelParams): Promise<Clue[]> {
  const minShare = num(params, 'minShare');
  // Large inflows by the amount index; each one's outflows within the window from the receiving account.
  const rows = await ctx.store.read<Row>(
    `MATCH (s:Account)-[i:TRANSFER]->(a:Account) USING INDEX i:TRANSFER(amount)
     WHERE i.amount >= $minInflow AND i.time <= localdatetime($end)
     CALL {
       WITH a, i
       MATCH (a)-[o:TRANSFER]->(d:Account)
       WHERE o.time > i.time AND o.time <= i.time + duration({hours: $hours}) AND o.time <= localdatetime($end)
       RETURN collect({k: o.txKey, amount: o.amount, time: toString(o.time), to: d.accountNo}) AS outs
     }
     WITH s, a, i, outs WHERE reduce(t = 0.0, x IN outs | t + x.amount) >= $minShare * i.amount
     RETURN a.accountNo AS a, s.accountNo AS source, i.txKey AS k, i.amount AS amount, toString(i.time) AS time, outs`,
    {
      minInflow: num(params, 'minInflow'),
      hours: num(params, 'withinHours'),
      minShare,
      end: endOfDay(ctx.asOf),
    },
  );
  const byAccount = new Map<string, Row[]>();
  for (const row of rows) byAccount.set(row.a, [...(byAccount.get(row.a) ?? []), row]);
  const found = new Map<string, Episode[]>();
  for (const [account, list] of byAccount) {
    const episodes = episodesOf(list, minShare);
    if (episodes.length >= num(params, 'minOccurrences')) found.set(account, episodes);
  }
  const all = [...found.values()].flat();
  const info = await accountsInfo(ctx.store, [
    ...found.keys(),
    ...all.flatMap((e) => [e.inflow.from, ...e.outs.map((o) => o.to)]),
  ]);
  const rels = await transfersByKey(
    ctx.store,
    all.flatMap((e) => [e.inflow.key, ...e.outs.map((o) => o.key)]),
  );
  const clues: Clue[] = [];
  for (const [account, episodes] of found) {
    const a = info.get(account);
    const evidence = new EvidenceSet();
    if (a) {
      evidence.node(a.node);
      for (const o of a.owners) evidence.node(o.node).rel(o.rel);
    }
    const label = a?.label ?? account;
    const zh: string[] = [];
    const en: string[] = [];
    let moved = 0;
    let shares = 0;
    for (const e of episodes) {
      evidence.rel(rels.get(e.inflow.key));
      for (const o of e.outs) evidence.rel(rels.get(o.key));
      const share = Math.round((e.sent / e.inflow.amount) * 1000) / 10;
      const hours =
        Math.round(((Math.max(...e.outs.map((o) => o.time)) - e.inflow.time) / 3_600_000) * 10) / 10;
      const from = info.get(e.inflow.from)?.label ?? e.inflow.from;
      zh.push(
        `${stamp(e.inflow.time)}收到${from}${yuan(e.inflow.amount)}元，${hours}小时内转出${yuan(e.sent)}元（${share}%）`,
      );
      en.push(
        `${stamp(e.inflow.time)} received ${yuan(e.inflow.amount)} from ${from}, sent on ${yuan(e.sent)} (${share}%) within ${hours} h`,
      );
      moved += e.sent;
      shares += e.sent / e.inflow.amount;
    }
    const n = episodes.length;
    clues.push(
      makeClue({
        model: 'pass_through',
        score:
          0.6 + Math.min(0.2, (n - num(params, 'minOccurrences')) * 0.1) + (shares / n >= 0.95 ? 0.1 : 0),
        subjects: [
          { type: 'Account', key: account, name: label, role: 'conduit', primary: true },
          ...(a?.owners ?? []).map((o) => ({
            type: o.node.type,
            key: o.node.key,
            name: o.node.name ?? o.node.key,
            role: 'holder',
          })),
        ],
        amount: moved,
        period: periodOf(
          episodes.flatMap((e) => [stamp(e.inflow.time), ...e.outs.map((o) => stamp(o.time))]),
        ),
        summary: `账户${account}（${label}）${n}次在收到大额资金后${num(params, 'withinHours')}小时内转出${Math.round(minShare * 100)}%以上，合计过账${yuan(moved)}元：${zh.join('；')}。`,
        summaryEn: `Account ${account} (${label}) ${n} times sent on at least ${Math.round(minShare * 100)}% of a large inflow within ${num(params, 'withinHours')} hours, ${yuan(moved)} yuan in all: ${en.join('; ')}.`,
        villages: a?.villages ?? [],
        evidence,
      }),
    );
  }
  return clues;
}

export const passThrough: ModelDefinition = {
  id: 'pass_through',
  title: { zh: '快进快出过渡账户', en: 'Pass-through accounts' },
  description: {
    zh: '账户收到5万元以上资金后24小时内转出90%以上，且发生至少两次。',
    en: 'Accounts receiving ≥ 50,000 yuan and sending ≥ 90% of it onward within 24 hours, at least twice.',
  },
  defaults: { minInflow: 50_000, minShare: 0.9, withinHours: 24, minOccurrences: 2 },
  needs: [],
  run,
};
