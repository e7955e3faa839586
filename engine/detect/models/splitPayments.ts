// split_payments: ≥ 3 payments to one payee within 15 days, each under the approval threshold, together above it.
import { daysBetween, endOfDay, makeClue, periodOf, subjectOf, yuan } from '../clue.ts';
import { EvidenceSet, nodeEv, type RawNode, type RawRel, relEv, toNode, toRel } from '../evidence.ts';
import { list, num } from '../params.ts';
import { addPayment, type Payer, type Payment } from '../shared/payers.ts';
import type { Clue, EvidenceNode, ModelContext, ModelDefinition, ModelParams } from '../types.ts';

interface Pair {
  payer: Payer;
  payee: EvidenceNode;
  payments: Payment[];
}

/** The payments that lie in some window of `days` days holding ≥ minCount of them summing above minTotal. */
export function splitSeries(
  payments: readonly Payment[],
  days: number,
  minCount: number,
  minTotal: number,
): Payment[] {
  const sorted = [...payments].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const flagged = new Set<Payment>();
  for (let i = 0; i < sorted.length; i += 1) {
    let sum = 0;
    let j = i;
    while (j < sorted.length && daysBetween(sorted[i]!.date, sorted[j]!.date) <= days)
      sum += sorted[j++]!.amount;
    if (j - i >= minCount && sum > minTotal) for (let k = i; k < j; k += 1) flagged.add(sorted[k]!);
  }
  return sorted.filter((p) => flagged.has(p));
}

async function run(ctx: ModelContext, params: ModelParams): Promise<Clue[]> {
  const payers = await ctx.shared.payers();
  const kinds = new Set(list(params, 'payers'));
  const maxEach = num(params, 'maxEach');
  const pairs = new Map<string, Pair>();
  const take = (payer: Payer | undefined, payeeRaw: RawNode, rawRel: RawRel) => {
    if (!payer || !kinds.has(payer.kind)) return;
    const payee = toNode(payeeRaw);
    const id = `${payer.id}>${payee.type}:${payee.key}`;
    let pair = pairs.get(id);
    if (!pair) {
      pair = { payer, payee, payments: [] };
      pairs.set(id, pair);
    }
    const rel = toRel(rawRel);
    addPayment(
      pair.payments,
      payer,
      Number(rel.properties.amount ?? 0),
      String(rel.properties.date ?? rel.properties.time),
      rel,
    );
  };
  // Ledger entries below the threshold (amount index), and transfers below it from the payers' own accounts.
  const ledger = await ctx.store.read<{ pl: string; pk: string; payee: RawNode; r: RawRel }>(
    `MATCH (v)-[p:COLLECTIVE_PAYMENT]->(x) WHERE p.amount < $maxEach AND p.date <= date($asOf)
     OPTIONAL MATCH (x:PersonMention)-[:SAME_AS]->(q:Person)
     RETURN head(labels(v)) AS pl, coalesce(v.villageKey, v.orgKey) AS pk, ${nodeEv('coalesce(q, x)')} AS payee, ${relEv('p')} AS r`,
    { maxEach, asOf: ctx.asOf },
  );
  for (const row of ledger) take(payers.ofNode(row.pl, row.pk), row.payee, row.r);
  const bank = await ctx.store.read<{ no: string; payee: RawNode; r: RawRel }>(
    `UNWIND $accounts AS no
     MATCH (:Account {accountNo: no})-[t:TRANSFER]->(b:Account) WHERE t.amount < $maxEach AND t.time <= localdatetime($end)
     CALL {
       WITH b
       OPTIONAL MATCH (b)<-[:OWNS_ACCOUNT]-(o) WHERE o:Person OR o:Company
       OPTIONAL MATCH (b)<-[:OWNS_ACCOUNT]-(:PersonMention)-[:SAME_AS]->(q:Person)
       WITH b, collect(DISTINCT o) AS owners, collect(DISTINCT q) AS resolved
       RETURN CASE WHEN size(owners) = 1 THEN owners[0] WHEN size(owners) = 0 AND size(resolved) = 1 THEN resolved[0] ELSE b END AS payee
     }
     RETURN no, ${nodeEv('payee')} AS payee, ${relEv('t')} AS r`,
    { accounts: payers.accountNumbers(), maxEach, end: endOfDay(ctx.asOf) },
  );
  for (const row of bank) take(payers.byAccount.get(row.no), row.payee, row.r);

  const days = num(params, 'windowDays');
  const clues: Clue[] = [];
  for (const pair of pairs.values()) {
    const series = splitSeries(pair.payments, days, num(params, 'minCount'), num(params, 'minTotal'));
    if (series.length === 0) continue;
    const evidence = new EvidenceSet().node(pair.payer.node).node(pair.payee);
    for (const tie of pair.payer.ties) evidence.rel(tie);
    for (const p of series) for (const rel of p.rels) evidence.rel(rel);
    const total = series.reduce((s, p) => s + p.amount, 0);
    const period = periodOf(series.map((p) => p.date));
    const span = period ? daysBetween(period.from, period.to) : 0;
    const listing = series.map((p) => `${p.date} ${yuan(p.amount)}元`).join('、');
    const listingEn = series.map((p) => `${p.date} ${yuan(p.amount)}`).join(', ');
    const near = series.filter((p) => p.amount >= 0.9 * maxEach).length / series.length;
    evidence.fact(
      `每笔均低于审批限额${yuan(maxEach)}元，${days}日内合计超过${yuan(num(params, 'minTotal'))}元`,
      `Each below the approval threshold of ${yuan(maxEach)} yuan; together above ${yuan(num(params, 'minTotal'))} yuan within ${days} days`,
    );
    const idText =
      pair.payee.type === 'Person'
        ? `（身份证号${pair.payee.key}）`
        : pair.payee.type === 'Company'
          ? `（统一社会信用代码${pair.payee.key}）`
          : '';
    clues.push(
      makeClue({
        model: 'split_payments',
        score: 0.6 + Math.min(0.15, (series.length - num(params, 'minCount')) * 0.05) + 0.2 * near,
        subjects: [subjectOf(pair.payee, 'payee', true), subjectOf(pair.payer.node, 'payer')],
        amount: total,
        period,
        summary: `${pair.payer.name}在${span}日内向${pair.payee.name ?? pair.payee.key}${idText}分${series.length}笔支付共${yuan(total)}元（${listing}），每笔均低于${yuan(maxEach)}元审批限额，疑似拆分支付规避审批。`,
        summaryEn: `${pair.payer.name} paid ${pair.payee.name ?? pair.payee.key} ${series.length} times within ${span} days, ${yuan(total)} yuan in total (${listingEn}), each below the ${yuan(maxEach)} yuan approval threshold.`,
        villages: pair.payer.villages.length === 1 ? pair.payer.villages : [],
        evidence,
        identity: [pair.payer.id],
      }),
    );
  }
  return clues;
}

export const splitPayments: ModelDefinition = {
  id: 'split_payments',
  title: { zh: '拆分支付规避审批', en: 'Split payments' },
  description: {
    zh: '同一付款方在15日内向同一收款方支付3笔以上，每笔低于审批限额（默认1万元）而合计超过限额。',
    en: 'Three or more payments from one payer to one payee within 15 days, each below the approval threshold (default 10,000 yuan), together above it.',
  },
  defaults: {
    minCount: 3,
    windowDays: 15,
    maxEach: 10_000,
    minTotal: 10_000,
    /** Which payers have an approval threshold: collective (村集体) and public (政府及部门). */
    payers: ['collective', 'public'],
  },
  needs: ['circle', 'payers'],
  run,
};
