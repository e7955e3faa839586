// deceased_receiving: subsidies paid to a person after the date of death in the death register.
import { daysBetween, makeClue, periodOf, periodText, subjectOf, yuan } from '../clue.ts';
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
import { list, num } from '../params.ts';
import type { Clue, ModelContext, ModelDefinition, ModelParams } from '../types.ts';

interface Row {
  p: RawNode;
  villages: string[];
  paid: { payer: RawNode; s: RawRel; m: RawNode | null; sa: RawRel | null }[];
}

async function run(ctx: ModelContext, params: ModelParams): Promise<Clue[]> {
  // The death-date index narrows to the dead; their subsidies are then expanded (also those paid to a
  // mention that was resolved to them).
  const rows = await ctx.store.read<Row>(
    `MATCH (p:Person) WHERE p.deathDate IS NOT NULL AND p.deathDate <= date($asOf)
     CALL {
       WITH p
       MATCH (payer)-[s:SUBSIDY]->(p)
       WHERE s.date > p.deathDate + duration({days: $grace}) AND s.date <= date($asOf)
       RETURN payer, s, null AS m, null AS sa
       UNION
       WITH p
       MATCH (payer)-[s:SUBSIDY]->(m:PersonMention)-[sa:SAME_AS]->(p)
       WHERE s.date > p.deathDate + duration({days: $grace}) AND s.date <= date($asOf)
       RETURN payer, s, m, sa
     }
     WITH p, payer, s, m, sa WHERE size($programs) = 0 OR s.program IN $programs
     WITH p, collect({payer: ${nodeEv('payer')}, s: ${relEv('s')},
       m: CASE WHEN m IS NULL THEN null ELSE ${nodeEv('m')} END,
       sa: CASE WHEN sa IS NULL THEN null ELSE ${relEv('sa')} END}) AS paid
     RETURN ${nodeEv('p')} AS p, ${villagesOf('p')} AS villages, paid`,
    { asOf: ctx.asOf, grace: num(params, 'graceDays'), programs: list(params, 'programs') },
  );
  return rows.map((row) => {
    const person = toNode(row.p);
    const death = String(person.properties.deathDate ?? '');
    const evidence = new EvidenceSet().node(person);
    const payers = new Set<string>();
    const programs = new Set<string>();
    const dates: string[] = [];
    let amount = 0;
    for (const paid of row.paid) {
      const s = toRel(paid.s);
      const payer = toNode(paid.payer);
      evidence.node(payer).rel(s).node(paid.m).rel(paid.sa);
      payers.add(payer.name ?? payer.key);
      programs.add(String(s.properties.program ?? ''));
      dates.push(String(s.properties.date ?? ''));
      amount += Number(s.properties.amount ?? 0);
    }
    const period = periodOf(dates);
    const n = row.paid.length;
    const lateDays = period ? daysBetween(death, period.to) : 0;
    evidence.fact(
      `死亡登记记载${person.name}于${death}死亡`,
      `The death register records ${person.name} as deceased on ${death}`,
    );
    const p = periodText(period);
    const progZh = [...programs].join('、');
    const progEn = [...programs].join(', ');
    return makeClue({
      model: 'deceased_receiving',
      // Several payments, or payments long after the death, leave less room for a late-booked last payment.
      score: 0.75 + 0.05 * Math.min(3, n - 1) + (lateDays > 45 ? 0.1 : 0),
      subjects: [subjectOf(person, 'recipient', true)],
      amount,
      period,
      summary: `${person.name}（身份证号${person.key}）已于${death}死亡，死亡后仍被发放${progZh}${n}笔，共${yuan(amount)}元（${p.zh}），发放单位：${[...payers].join('、')}。`,
      summaryEn: `${person.name} (ID ${person.key}) died on ${death}, yet ${n} ${progEn} payment(s) totalling ${yuan(amount)} yuan were made afterwards (${p.en}) by ${[...payers].join(', ')}.`,
      villages: row.villages,
      evidence,
    });
  });
}

export const deceasedReceiving: ModelDefinition = {
  id: 'deceased_receiving',
  title: { zh: '死亡人员仍领取补贴', en: 'Subsidies paid after death' },
  description: {
    zh: '补贴发放日期晚于死亡登记的死亡日期。',
    en: 'A subsidy paid to a person after their recorded date of death.',
  },
  defaults: {
    /** Programmes to check; empty = every programme. */
    programs: [],
    /** Days after the death during which a payment is still tolerated (0 = none). */
    graceDays: 0,
  },
  needs: [],
  prerequisite: {
    cypher: 'RETURN EXISTS { MATCH (p:Person) WHERE p.deathDate IS NOT NULL } AS ok',
    reason: { zh: '未导入死亡登记', en: 'no death register loaded' },
  },
  run,
};
