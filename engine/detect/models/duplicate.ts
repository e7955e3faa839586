// duplicate_benefit: one person paid more than once by the same programme for the same period.
import { makeClue, periodOf, subjectOf, yuan } from '../clue.ts';
import {
  EvidenceSet,
  nodeEv,
  type RawNode,
  type RawRel,
  relEv,
  toNode,
  toRel,
  villagesOf,
} from '../evidence.ts';
import { num } from '../params.ts';
import type { Clue, ModelContext, ModelDefinition, ModelParams } from '../types.ts';

interface Row {
  who: RawNode;
  villages: string[];
  program: string;
  period: string;
  paid: { payer: RawNode; s: RawRel; r: RawNode }[];
}

async function run(ctx: ModelContext, params: ModelParams): Promise<Clue[]> {
  // Every payment up to asOf, grouped by recipient (a mention resolved to a person counts as that person),
  // programme and period (a payment without one falls in the month it was paid); evidence only for duplicates.
  const rows = await ctx.store.read<Row>(
    `MATCH ()-[s:SUBSIDY]->(r) WHERE s.date <= date($asOf)
     OPTIONAL MATCH (r:PersonMention)-[:SAME_AS]->(p:Person)
     WITH coalesce(p, r) AS who, s.program AS program, coalesce(s.period, left(toString(s.date), 7)) AS period,
       collect(s) AS paid
     WHERE size(paid) >= $minCount
     UNWIND paid AS s
     WITH who, program, period, s, startNode(s) AS payer, endNode(s) AS r
     WITH who, program, period,
       collect({payer: ${nodeEv('payer')}, s: ${relEv('s')}, r: ${nodeEv('r')}}) AS paid
     RETURN ${nodeEv('who')} AS who, ${villagesOf('who')} AS villages, program, period, paid
     ORDER BY period`,
    { asOf: ctx.asOf, minCount: num(params, 'minCount') },
  );
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const who = toNode(row.who);
    const key = `${who.type}:${who.key}|${row.program}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  const clues: Clue[] = [];
  for (const group of groups.values()) {
    const first = group[0]!;
    const who = toNode(first.who);
    const evidence = new EvidenceSet().node(who);
    const payers = new Set<string>();
    const dates: string[] = [];
    const periods: string[] = [];
    let extra = 0;
    let times = 0;
    for (const row of group) {
      periods.push(row.period);
      const amounts: number[] = [];
      for (const paid of row.paid) {
        const s = toRel(paid.s);
        const payer = toNode(paid.payer);
        evidence.node(payer).node(paid.r).rel(s);
        payers.add(payer.name ?? payer.key);
        dates.push(String(s.properties.date ?? ''));
        amounts.push(Number(s.properties.amount ?? 0));
      }
      // The first payment of a period is due; the others are the amount in question.
      amounts.sort((a, b) => b - a);
      extra += amounts.slice(1).reduce((s, a) => s + a, 0);
      times = Math.max(times, row.paid.length);
      evidence.fact(
        `${first.program}${row.period}期间发放${row.paid.length}次`,
        `${first.program} paid ${row.paid.length} times for period ${row.period}`,
      );
    }
    const subject = subjectOf(who, 'recipient', true);
    const idText = who.type === 'Person' ? `（身份证号${who.key}）` : '';
    clues.push(
      makeClue({
        model: 'duplicate_benefit',
        score: 0.8 + (payers.size > 1 ? 0.1 : 0) + Math.min(0.1, (group.length - 1) * 0.05),
        subjects: [subject],
        amount: extra,
        period: periodOf(dates),
        summary: `${who.name}${idText}在${periods.join('、')}期间重复领取${first.program}（同一期间最多${times}次），多领${yuan(extra)}元，发放单位：${[...payers].join('、')}。`,
        summaryEn: `${who.name} was paid ${first.program} more than once for the period(s) ${periods.join(', ')} (up to ${times} times), ${yuan(extra)} yuan too much, by ${[...payers].join(', ')}.`,
        villages: first.villages,
        evidence,
        identity: [first.program],
      }),
    );
  }
  return clues;
}

export const duplicateBenefit: ModelDefinition = {
  id: 'duplicate_benefit',
  title: { zh: '重复领取补贴', en: 'Duplicate benefit' },
  description: {
    zh: '同一人同一补贴项目同一发放期间领取两次以上。',
    en: 'One person paid twice or more by the same programme for the same period.',
  },
  defaults: { minCount: 2 },
  needs: [],
  run,
};
