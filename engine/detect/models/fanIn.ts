// fan_in (extra model): several accounts each paying one account repeatedly on single days within a window.
import { daysBetween, endOfDay, makeClue, periodOf, yuan } from '../clue.ts';
import { EvidenceSet } from '../evidence.ts';
import { num } from '../params.ts';
import { accountsInfo, transfersByKey } from '../shared/accounts.ts';
import type { Clue, ClueSubject, ModelContext, ModelDefinition, ModelParams } from '../types.ts';

interface Burst {
  s: string;
  day: string;
  n: number;
  total: number;
  keys: string[];
}

/** The bursts inside the densest window of `days` days, when it holds ≥ minSenders distinct senders. */
export function gatheredBursts(bursts: readonly Burst[], days: number, minSenders: number): Burst[] {
  const sorted = [...bursts].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  let best: Burst[] = [];
  let bestSenders = 0;
  for (let i = 0; i < sorted.length; i += 1) {
    const window = sorted.filter(
      (b) => b.day >= sorted[i]!.day && daysBetween(sorted[i]!.day, b.day) <= days,
    );
    const senders = new Set(window.map((b) => b.s)).size;
    if (senders > bestSenders) {
      best = window;
      bestSenders = senders;
    }
  }
  return bestSenders >= minSenders ? best : [];
}

async function run(ctx: ModelContext, params: ModelParams): Promise<Clue[]> {
  const maxEach = num(params, 'maxEach');
  // No key narrows this one: every transfer up to asOf is grouped by receiver, sender and day.
  const rows = await ctx.store.read<{ a: string; senders: number; bursts: Burst[] }>(
    `MATCH (s:Account)-[t:TRANSFER]->(a:Account)
     WHERE t.time <= localdatetime($end) AND t.amount >= $minAmount AND ($maxEach = 0 OR t.amount < $maxEach) AND s <> a
     WITH a, s, date(t.time) AS day, count(t) AS n, sum(t.amount) AS total, collect(t.txKey) AS keys
     WITH a, collect(CASE WHEN n >= $minRepeat THEN {s: s.accountNo, day: toString(day), n: n, total: total, keys: keys} END) AS bursts,
       count(DISTINCT s) AS senders
     WHERE size(bursts) >= $minSenders
     RETURN a.accountNo AS a, senders, bursts`,
    {
      end: endOfDay(ctx.asOf),
      minAmount: num(params, 'minAmount'),
      maxEach,
      minRepeat: num(params, 'minRepeat'),
      minSenders: num(params, 'minSenders'),
    },
  );
  const maxSenders = num(params, 'maxSenders');
  const found: { account: string; bursts: Burst[] }[] = [];
  for (const row of rows) {
    if (maxSenders > 0 && row.senders > maxSenders) continue;
    const bursts = gatheredBursts(row.bursts, num(params, 'windowDays'), num(params, 'minSenders'));
    if (bursts.length > 0) found.push({ account: row.a, bursts });
  }
  const info = await accountsInfo(
    ctx.store,
    found.flatMap((f) => [f.account, ...f.bursts.map((b) => b.s)]),
  );
  const rels = await transfersByKey(
    ctx.store,
    found.flatMap((f) => f.bursts.flatMap((b) => b.keys.slice(0, 10))),
  );
  return found.map(({ account, bursts }) => {
    const a = info.get(account);
    const evidence = new EvidenceSet();
    const subjects: ClueSubject[] = [
      { type: 'Account', key: account, name: a?.label ?? account, role: 'collector', primary: true },
    ];
    if (a) evidence.node(a.node);
    for (const o of a?.owners ?? []) evidence.node(o.node).rel(o.rel);
    const senders = [...new Set(bursts.map((b) => b.s))];
    for (const s of senders) {
      const sa = info.get(s);
      if (sa) evidence.node(sa.node);
      subjects.push({ type: 'Account', key: s, name: sa?.label ?? s, role: 'sender' });
    }
    for (const b of bursts) for (const k of b.keys.slice(0, 10)) evidence.rel(rels.get(k));
    const total = bursts.reduce((s, b) => s + b.total, 0);
    const count = bursts.reduce((s, b) => s + b.n, 0);
    const period = periodOf(bursts.map((b) => b.day));
    return makeClue({
      model: 'fan_in',
      score:
        0.5 + Math.min(0.3, (senders.length - num(params, 'minSenders')) * 0.1) + (count >= 10 ? 0.1 : 0),
      subjects,
      amount: total,
      period,
      summary: `账户${account}（${a?.label ?? '户名不详'}）在${period?.from}至${period?.to}间收到${senders.length}个账户的${count}笔集中转入（同一账户同日多笔），合计${yuan(total)}元，疑似分散汇集资金。`,
      summaryEn: `Account ${account} (${a?.label ?? 'holder unknown'}) received ${count} transfers in same-day bursts from ${senders.length} accounts between ${period?.from} and ${period?.to}, ${yuan(total)} yuan in total.`,
      villages: a?.villages ?? [],
      evidence,
    });
  });
}

export const fanIn: ModelDefinition = {
  id: 'fan_in',
  title: { zh: '多账户分散汇入', en: 'Fan-in' },
  description: {
    zh: '多个账户在一段时间内各自于同日多次向同一账户转入（化整为零后集中汇集）。',
    en: 'Several accounts each paying one account repeatedly on single days within a window (gathering split streams).',
  },
  defaults: {
    minSenders: 3,
    /** Transfers from one sender on one day that make a burst (1 = any transfer: plain fan-in). */
    minRepeat: 2,
    windowDays: 30,
    minAmount: 0,
    /** Only transfers below this amount count (0 = any). */
    maxEach: 0,
    /** Receivers with more distinct senders than this overall (merchants, utilities, payment platforms) are hubs,
     * left out (0 = keep all). */
    maxSenders: 50,
  },
  needs: [],
  run,
};
